import { NetworkWatcher } from '@cdktf/provider-azurerm/lib/network-watcher';
import { NetworkWatcherFlowLog } from '@cdktf/provider-azurerm/lib/network-watcher-flow-log';
import { Construct } from 'constructs';
import type { LoggingSpec } from '../../spec/logging';
import type { AzureLogAnalytics } from './log-analytics';
import type { AzureLogStorageAccount } from './log-storage-account';

/** Props of {@link AzureVnetFlowLog}. */
export interface AzureVnetFlowLogProps {
  readonly vnetId: string;
  readonly region: string;
  /** Resource name prefix. */
  readonly namePrefix: string;
  /** Where a created Network Watcher goes. */
  readonly resourceGroupName: string;
  /**
   * `create` a Network Watcher, or use the `existing` one Azure creates by itself
   * (`NetworkWatcher_<region>` in `NetworkWatcherRG`); one per region and subscription.
   */
  readonly networkWatcher: 'create' | 'existing';
  readonly storage: AzureLogStorageAccount;
  readonly analytics: AzureLogAnalytics;
  readonly logging: LoggingSpec;
}

/** VNet flow logs through Network Watcher: raw records to storage, traffic analytics to Log Analytics. */
export class AzureVnetFlowLog extends Construct {
  readonly flowLog: NetworkWatcherFlowLog;

  constructor(scope: Construct, id: string, props: AzureVnetFlowLogProps) {
    super(scope, id);
    const watcher =
      props.networkWatcher === 'create'
        ? new NetworkWatcher(this, 'watcher', {
            name: `nw-${props.namePrefix}`,
            location: props.region,
            resourceGroupName: props.resourceGroupName,
          })
        : { name: `NetworkWatcher_${props.region}`, resourceGroupName: 'NetworkWatcherRG' };
    const workspace = props.analytics.workspace;
    this.flowLog = new NetworkWatcherFlowLog(this, 'flow-log', {
      name: `fl-${props.namePrefix}`,
      location: props.region,
      networkWatcherName: watcher.name,
      resourceGroupName: watcher.resourceGroupName,
      targetResourceId: props.vnetId,
      storageAccountId: props.storage.account.id,
      enabled: true,
      version: 2,
      // Flow-log storage retention is capped at 365 days by the service.
      retentionPolicy: { enabled: true, days: Math.min(props.logging.retentionDays, 365) },
      trafficAnalytics: {
        enabled: true,
        workspaceId: workspace.workspaceId,
        workspaceRegion: workspace.location,
        workspaceResourceId: workspace.id,
        intervalInMinutes: 10,
      },
    });
  }
}
