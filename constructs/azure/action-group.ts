import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import type { Construct } from 'constructs';

/** Props of {@link emailActionGroup}. */
export interface EmailActionGroupProps {
  readonly name: string;
  readonly resourceGroupName: string;
  /** What SMS and email subjects show: 1-12 characters. */
  readonly shortName: string;
  /** Who is emailed, in the common alert schema. */
  readonly emails: readonly string[];
}

/** An action group that emails the environment's alert addresses; created in `scope` under `id`. */
export function emailActionGroup(scope: Construct, id: string, props: EmailActionGroupProps): MonitorActionGroup {
  return new MonitorActionGroup(scope, id, {
    name: props.name,
    resourceGroupName: props.resourceGroupName,
    shortName: props.shortName,
    emailReceiver: props.emails.map((email, i) => ({
      name: `email-${i}`,
      emailAddress: email,
      useCommonAlertSchema: true,
    })),
  });
}
