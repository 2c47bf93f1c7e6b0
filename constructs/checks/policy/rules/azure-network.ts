/** Azure virtual networks: flow logs and NSGs on every subnet. */
import { block, reference, resourcesOfType } from '../../../shared/stack-json';
import { eachResource, type PolicyRule } from '../rule';

/** Subnets Azure forbids or manages NSGs on. */
const SUBNETS_WITHOUT_NSG = [
  'GatewaySubnet',
  'AzureFirewallSubnet',
  'AzureFirewallManagementSubnet',
  'RouteServerSubnet',
];

export const AZURE_NETWORK_RULES: readonly PolicyRule[] = [
  {
    id: 'GPUP-AZ-NET-1',
    severity: 'error',
    title: 'Every virtual network records flow logs',
    rationale: 'Flow logs are the only record of who talked to what after an incident (NSG flow logs are retired)',
    fix: 'add a VNet flow log (AzureVnetFlowLog: networkWatchers/flowLogs targeting the VNet)',
    resourceTypes: ['azurerm_virtual_network'],
    controls: {},
    check: eachResource(['azurerm_virtual_network'], (vnet, stack) => {
      const id = reference(vnet, 'id');
      const viaAzapi = resourcesOfType(stack, 'azapi_resource').some(
        (r) =>
          String(r.attributes.type).startsWith('Microsoft.Network/networkWatchers/flowLogs@') &&
          block((r.attributes.body as Record<string, unknown> | undefined)?.properties)?.targetResourceId === id,
      );
      const viaAzurerm = resourcesOfType(stack, 'azurerm_network_watcher_flow_log').some(
        (f) => f.attributes.target_resource_id === id,
      );
      return viaAzapi || viaAzurerm ? undefined : 'has no flow log';
    }),
  },
  {
    id: 'GPUP-AZ-NET-2',
    severity: 'error',
    title: 'Every subnet that takes an NSG has one',
    rationale: 'A subnet without an NSG admits whatever the VNet routes to it',
    fix: 'add an azurerm_subnet_network_security_group_association for the subnet (AzureNetwork)',
    resourceTypes: ['azurerm_subnet', 'azurerm_subnet_network_security_group_association'],
    controls: { checkov: ['CKV2_AZURE_31'] },
    check: eachResource(['azurerm_subnet'], (subnet, stack) =>
      SUBNETS_WITHOUT_NSG.includes(String(subnet.attributes.name)) ||
      resourcesOfType(stack, 'azurerm_subnet_network_security_group_association').some(
        (a) => a.attributes.subnet_id === reference(subnet, 'id'),
      )
        ? undefined
        : 'has no network security group',
    ),
  },
];
