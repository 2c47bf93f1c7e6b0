import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { Construct } from 'constructs';
import type { LoggingSpec } from '../../spec/logging';

/** Props of {@link AzureLogAnalytics}. */
export interface AzureLogAnalyticsProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** Retention, from the environment's logging spec. */
  readonly logging: LoggingSpec;
}

/**
 * A region's Log Analytics workspace: flow-log traffic analytics and, later, cluster and audit
 * logs. Kept for the configured retention and protected from destroy. Queries need Entra ID:
 * local (shared key) authentication is off.
 */
export class AzureLogAnalytics extends Construct {
  readonly workspace: LogAnalyticsWorkspace;

  constructor(scope: Construct, id: string, props: AzureLogAnalyticsProps) {
    super(scope, id);
    this.workspace = new LogAnalyticsWorkspace(this, 'workspace', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: 'PerGB2018',
      retentionInDays: props.logging.retentionDays,
      localAuthenticationEnabled: false,
      lifecycle: { preventDestroy: true },
    });
  }
}
