import type { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { Construct } from 'constructs';
import { emailActionGroup } from './action-group';
import { azureAlertWindow, type LinkObjectives } from '../cloud-neutral/link-health';

/** The gateway metric both alerts read: 1 while a BGP peer (one per tunnel) is connected. */
export const BGP_PEER_STATUS_METRIC = 'BgpPeerStatus';

/** Props of {@link AzureLinkHealth}. */
export interface AzureLinkHealthProps {
  /** Name prefix, `<platform>-<environment>-<region>`. */
  readonly namePrefix: string;
  readonly resourceGroupName: string;
  /** The VPN gateway watched. */
  readonly gatewayId: string;
  /** The AWS tunnels' inside addresses, which are the gateway's BGP peers. */
  readonly peerAddresses: readonly string[];
  readonly objectives: LinkObjectives;
  /** Who the action group emails. */
  readonly emails: readonly string[];
}

/**
 * The Azure side of the link's service level, on the VPN gateway's BGP peer status (each AWS
 * tunnel is one BGP peer): a critical alert when no peer is up for the objective's delay (the
 * link is down), and one per peer that is down that long. A single peer down breaks the
 * objective when it asks for both tunnels of a connection, so that alert is an error then and a
 * warning otherwise. Both notify an action group with the configured addresses.
 */
export class AzureLinkHealth extends Construct {
  readonly actionGroup: MonitorActionGroup;
  readonly alerts: readonly MonitorMetricAlert[];

  constructor(scope: Construct, id: string, props: AzureLinkHealthProps) {
    super(scope, id);
    this.actionGroup = emailActionGroup(this, 'action-group', {
      name: `ag-${props.namePrefix}-link`,
      resourceGroupName: props.resourceGroupName,
      shortName: 'gpuplink',
      emails: props.emails,
    });
    const common = {
      resourceGroupName: props.resourceGroupName,
      scopes: [props.gatewayId],
      frequency: 'PT5M',
      windowSize: azureAlertWindow(props.objectives.alarmAfterMinutes),
      action: [{ actionGroupId: this.actionGroup.id }],
    };
    const criteria = {
      metricNamespace: 'Microsoft.Network/virtualNetworkGateways',
      metricName: BGP_PEER_STATUS_METRIC,
      aggregation: 'Maximum',
      operator: 'LessThan',
      threshold: 1,
    };
    this.alerts = [
      new MonitorMetricAlert(this, 'link-down', {
        name: `${props.namePrefix}-link-down`,
        description:
          'No BGP peer of the AWS link connected: the link between the clouds is down (docs/audit.md, "Link health")',
        severity: 0,
        criteria: [criteria],
        ...common,
      }),
      new MonitorMetricAlert(this, 'tunnel-down', {
        name: `${props.namePrefix}-link-tunnel-down`,
        description: `A BGP peer (tunnel) of the AWS link down; the objective is ${props.objectives.minTunnelsUp} of 2 tunnels per connection (docs/audit.md, "Link health")`,
        severity: props.objectives.minTunnelsUp === 2 ? 1 : 2,
        criteria: [
          {
            ...criteria,
            dimension: [{ name: 'BgpPeerAddress', operator: 'Include', values: [...props.peerAddresses] }],
          },
        ],
        ...common,
      }),
    ];
  }
}
