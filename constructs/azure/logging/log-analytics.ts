import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { Construct } from 'constructs';
import { lockAgainstDeletion } from '../management-lock';

/** Props of {@link AzureLogAnalytics}. */
export interface AzureLogAnalyticsProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** Days data is kept: the environment's operational retention (audit tables keep their own). */
  readonly retentionDays: number;
  /**
   * Whether clients may authenticate with the workspace's shared keys. Default false: Entra ID
   * only. Turn it on only for a workspace whose clients cannot use Entra ID: Defender for
   * Containers' sensor publishes with workspace keys and crashes otherwise
   * (Microsoft-Defender-for-Cloud #1010).
   */
  readonly localAuthentication?: boolean;
  /** A `CanNotDelete` management lock on the workspace (see `lockAgainstDeletion`). Default false. */
  readonly deletionLock?: boolean;
}

/**
 * A region's Log Analytics workspace: flow-log traffic analytics, cluster logs and Container
 * Insights. Kept for the configured retention, protected from destroy and, if asked, locked. Queries need Entra
 * ID unless {@link AzureLogAnalyticsProps.localAuthentication} says otherwise.
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
      retentionInDays: props.retentionDays,
      localAuthenticationEnabled: props.localAuthentication ?? false,
      lifecycle: { preventDestroy: true },
    });
    if (props.deletionLock)
      lockAgainstDeletion(this, 'lock', { resourceId: this.workspace.id, what: `the ${props.name} workspace` });
  }
}
