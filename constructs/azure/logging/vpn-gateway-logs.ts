import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import type { Construct } from 'constructs';

/**
 * The log categories of a route-based VPN gateway with site-to-site connections only (Microsoft
 * Learn, "Troubleshooting Azure VPN Gateway using diagnostic logs"): configuration and maintenance
 * events, tunnel state changes with their reason, BGP and route changes, and IKE negotiation.
 * `P2SDiagnosticLog` is left out: the gateway has no point-to-site configuration, so it would stay
 * empty. All of them land in the `AzureDiagnostics` table, which keeps the audit retention.
 */
export const VPN_GATEWAY_LOG_CATEGORIES = [
  'GatewayDiagnosticLog',
  'TunnelDiagnosticLog',
  'RouteDiagnosticLog',
  'IKEDiagnosticLog',
] as const;

/** Props of {@link vpnGatewayLogs}. */
export interface VpnGatewayLogsProps {
  /** The VPN gateway. */
  readonly gatewayId: string;
  /** The region's Log Analytics workspace, where the logs are queried. */
  readonly workspaceId: string;
  /** The region's audit archive account, where they are kept immutable. */
  readonly archiveAccountId: string;
}

/**
 * One diagnostic setting that sends every {@link VPN_GATEWAY_LOG_CATEGORIES} category of the
 * gateway to the workspace and to the audit archive. `log_analytics_destination_type` is left to
 * Azure: the gateway's categories have no resource-specific tables, and the provider computes the
 * attribute, so leaving it unset plans no change.
 */
export function vpnGatewayLogs(scope: Construct, id: string, props: VpnGatewayLogsProps): MonitorDiagnosticSetting {
  return new MonitorDiagnosticSetting(scope, id, {
    name: 'vpn-gateway-logs',
    targetResourceId: props.gatewayId,
    logAnalyticsWorkspaceId: props.workspaceId,
    storageAccountId: props.archiveAccountId,
    enabledLog: VPN_GATEWAY_LOG_CATEGORIES.map((category) => ({ category })),
  });
}
