import { NetworkWatcher } from '@cdktf/provider-azurerm/lib/network-watcher';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import type { LoggingSpec } from '../../cloud-neutral/logging';
import { AzapiResource } from '../azapi-resource';
import { grantRoles } from '../role-grants';
import type { AzureLogAnalytics } from './log-analytics';
import type { AzureSecureStorageAccount } from '../storage-account';

/**
 * The flow-log API version: the first that takes a managed identity (`identity`, added in
 * 2024-01-01) and the VNet as target, which azurerm 4.55's `network_watcher_flow_log` cannot
 * express.
 */
export const FLOW_LOG_RESOURCE_TYPE = 'Microsoft.Network/networkWatchers/flowLogs@2024-05-01';

/** Props of {@link AzureVnetFlowLog}. */
export interface AzureVnetFlowLogProps {
  readonly vnetId: string;
  readonly region: string;
  /** The subscription, to name the Network Watcher Azure created by itself. */
  readonly subscriptionId: string;
  /** Resource name prefix. */
  readonly namePrefix: string;
  /** Where a created Network Watcher goes. */
  readonly resourceGroupName: string;
  /** Where the flow log's identity goes: beside the logs. */
  readonly identityResourceGroupName: string;
  /**
   * `create` a Network Watcher, or use the `existing` one Azure creates by itself
   * (`NetworkWatcher_<region>` in `NetworkWatcherRG`); one per region and subscription.
   */
  readonly networkWatcher: 'create' | 'existing';
  readonly storage: AzureSecureStorageAccount;
  readonly analytics: AzureLogAnalytics;
  readonly logging: LoggingSpec;
}

/**
 * VNet flow logs through Network Watcher: raw records to storage, traffic analytics to Log
 * Analytics. The storage account takes no shared keys, so the flow log writes as a user-assigned
 * identity with Storage Blob Data Contributor on that account (Microsoft Learn, "VNet flow logs
 * with managed identity"); without one it would write with the account's keys and record nothing.
 */
export class AzureVnetFlowLog extends Construct {
  readonly flowLog: AzapiResource;

  constructor(scope: Construct, id: string, props: AzureVnetFlowLogProps) {
    super(scope, id);
    const watcherId =
      props.networkWatcher === 'create'
        ? new NetworkWatcher(this, 'watcher', {
            name: `nw-${props.namePrefix}`,
            location: props.region,
            resourceGroupName: props.resourceGroupName,
          }).id
        : `/subscriptions/${props.subscriptionId}/resourceGroups/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/NetworkWatcher_${props.region}`;
    const identity = new UserAssignedIdentity(this, 'identity', {
      name: `id-${props.namePrefix}-flow-logs`,
      resourceGroupName: props.identityResourceGroupName,
      location: props.region,
    });
    const storageAccess = grantRoles(this, 'rbac-propagation', [
      {
        id: 'storage-writer',
        scope: props.storage.account.id,
        role: 'Storage Blob Data Contributor',
        principalId: identity.principalId,
        reason: 'VNet flow logs write their records to this account',
      },
    ]);
    const workspace = props.analytics.workspace;
    this.flowLog = new AzapiResource(this, 'flow-log', {
      type: FLOW_LOG_RESOURCE_TYPE,
      name: `fl-${props.namePrefix}`,
      parentId: watcherId,
      location: props.region,
      userAssignedIdentityIds: [identity.id],
      body: {
        properties: {
          targetResourceId: props.vnetId,
          storageId: props.storage.account.id,
          enabled: true,
          format: { type: 'JSON', version: 2 },
          // Flow-log storage retention is capped at 365 days by the service.
          retentionPolicy: { enabled: true, days: Math.min(props.logging.retentionDays, 365) },
          flowAnalyticsConfiguration: {
            networkWatcherFlowAnalyticsConfiguration: {
              enabled: true,
              workspaceId: workspace.workspaceId,
              workspaceRegion: workspace.location,
              workspaceResourceId: workspace.id,
              trafficAnalyticsInterval: 10,
            },
          },
        },
      },
      dependsOn: [storageAccess.ready],
    });
  }
}
