import { FLOW_LOG_RESOURCE_TYPE } from '../../../constructs/azure/logging/vnet-flow-log';
import { resourcesOf, sharedOutput } from '../../helpers/shared-synth';

type Rule = Record<string, unknown>;

describe('Azure host network', () => {
  const { stacks } = sharedOutput('frozen');
  const prod = stacks.get('prod-azure-host-eastus2')!;
  const dev = stacks.get('dev-azure-host-eastus2')!;
  const byName = (type: string) =>
    Object.fromEntries(Object.values(resourcesOf(prod, type)).map((r) => [r.name as string, r]));

  test('resource groups per concern', () => {
    expect(Object.keys(byName('azurerm_resource_group')).sort()).toEqual(
      expect.arrayContaining(['rg-gpuplat-prod-eastus2-logging', 'rg-gpuplat-prod-eastus2-network']),
    );
    expect(byName('azurerm_resource_group')['rg-gpuplat-prod-eastus2-logging'].lifecycle).toEqual({
      prevent_destroy: true,
    });
  });

  test('the VNet has its subnets, carved by the planner', () => {
    const subnets = byName('azurerm_subnet');
    expect(Object.fromEntries(Object.entries(subnets).map(([n, s]) => [n, s.address_prefixes]))).toEqual({
      'aks-gpu': ['10.120.0.0/18'],
      'aks-system': ['10.120.64.0/20'],
      'deploy-runners': ['10.120.81.96/27'],
      'private-endpoints': ['10.120.80.0/24'],
      GatewaySubnet: ['10.120.81.0/26'],
      'aks-apiserver': ['10.120.81.64/28'],
    });
    expect(subnets['aks-apiserver'].delegation).toEqual([
      expect.objectContaining({
        service_delegation: expect.objectContaining({ name: 'Microsoft.ContainerService/managedClusters' }),
      }),
    ]);
    for (const s of Object.values(subnets)) expect(s.default_outbound_access_enabled).toBe(false);
  });

  test('every subnet but GatewaySubnet has an NSG that denies the internet explicitly', () => {
    const associations = Object.values(resourcesOf(prod, 'azurerm_subnet_network_security_group_association'));
    const associated = associations.map((a) => String(a.subnet_id).match(/subnet-([\w-]+?)_/)![1]).sort();
    expect(associated).toEqual(['aks-apiserver', 'aks-gpu', 'aks-system', 'deploy-runners', 'private-endpoints']);
    for (const nsg of Object.values(resourcesOf(prod, 'azurerm_network_security_group'))) {
      expect(nsg.security_rule).toContainEqual(
        expect.objectContaining({ access: 'Deny', direction: 'Inbound', source_address_prefix: 'Internet' }),
      );
    }
  });

  test('private endpoints admit HTTPS from the VNet and nothing else', () => {
    const nsg = byName('azurerm_network_security_group')['nsg-gpuplat-prod-eastus2-private-endpoints'];
    const allows = (nsg.security_rule as Rule[]).filter((r) => r.access === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({ destination_port_range: '443', source_address_prefix: 'VirtualNetwork' }),
    ]);
    expect(byName('azurerm_subnet')['private-endpoints'].private_endpoint_network_policies).toBe('Enabled');
  });

  test('AKS and runner subnets leave through a NAT gateway with a zone-redundant Standard public IP', () => {
    expect(Object.values(resourcesOf(prod, 'azurerm_public_ip'))).toEqual([
      expect.objectContaining({ sku: 'Standard', allocation_method: 'Static', zones: ['1', '2', '3'] }),
    ]);
    const natSubnets = Object.values(resourcesOf(prod, 'azurerm_subnet_nat_gateway_association'))
      .map((a) => String(a.subnet_id).match(/subnet-([\w-]+?)_/)![1])
      .sort();
    expect(natSubnets).toEqual(['aks-gpu', 'aks-system', 'deploy-runners']);
  });

  test('private DNS zones for blob, vault and the private AKS API are linked to the VNet', () => {
    expect(Object.keys(byName('azurerm_private_dns_zone')).sort()).toEqual([
      'privatelink.blob.core.windows.net',
      'privatelink.eastus2.azmk8s.io',
      'privatelink.vaultcore.azure.net',
    ]);
    const links = Object.values(resourcesOf(prod, 'azurerm_private_dns_zone_virtual_network_link'));
    expect(links).toHaveLength(3);
    for (const l of links)
      expect(l).toMatchObject({
        registration_enabled: false,
        virtual_network_id: expect.stringContaining('azurerm_virtual_network'),
      });
  });

  test('VNet flow logs go to hardened storage with traffic analytics into Log Analytics', () => {
    for (const [stack, retention] of [
      [prod, 365],
      [dev, 30],
    ] as const) {
      const [flowLog] = Object.values(resourcesOf(stack, 'azapi_resource'));
      expect(flowLog).toMatchObject({
        type: FLOW_LOG_RESOURCE_TYPE,
        parent_id: expect.stringMatching(
          /\/resourceGroups\/NetworkWatcherRG\/.*\/networkWatchers\/NetworkWatcher_eastus2$/,
        ),
        identity: [{ type: 'UserAssigned', identity_ids: [expect.stringContaining('flow-log_identity')] }],
        body: {
          properties: {
            enabled: true,
            format: { type: 'JSON', version: 2 },
            targetResourceId: expect.stringContaining('azurerm_virtual_network'),
            storageId: expect.stringContaining('azurerm_storage_account'),
            retentionPolicy: { enabled: true, days: retention },
            flowAnalyticsConfiguration: {
              networkWatcherFlowAnalyticsConfiguration: {
                enabled: true,
                workspaceResourceId: expect.stringContaining('azurerm_log_analytics_workspace.log-analytics'),
              },
            },
          },
        },
      });
      // Shared keys are off: the flow log writes as its identity, which holds the blob data role.
      expect(Object.values(resourcesOf(stack, 'azurerm_role_assignment'))).toContainEqual(
        expect.objectContaining({
          role_definition_name: 'Storage Blob Data Contributor',
          principal_id: expect.stringContaining('flow-log_identity'),
          scope: expect.stringContaining('azurerm_storage_account.flow-log-storage'),
        }),
      );
      const workspace = Object.values(resourcesOf(stack, 'azurerm_log_analytics_workspace')).find(
        (w) => !String(w.name).endsWith('-defender'),
      );
      expect(workspace).toMatchObject({ retention_in_days: retention, lifecycle: { prevent_destroy: true } });
    }
    const storage = Object.entries(resourcesOf(prod, 'azurerm_storage_account')).find(([id]) =>
      id.startsWith('flow-log-storage'),
    )![1];
    expect(storage).toMatchObject({
      name: 'gpuplatprodeastus2flow',
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      allow_nested_items_to_be_public: false,
      shared_access_key_enabled: false,
      infrastructure_encryption_enabled: true,
      account_replication_type: 'ZRS',
      // Deny every network; Network Watcher writes as a trusted Azure service.
      public_network_access_enabled: true,
      network_rules: { default_action: 'Deny', bypass: expect.arrayContaining(['AzureServices']) },
      customer_managed_key: {
        key_vault_key_id: expect.stringMatching(/azurerm_key_vault_key\.flow-log-storage_cmk_\w+\.versionless_id/),
        user_assigned_identity_id: expect.stringContaining('flow-log-storage_identity'),
      },
      lifecycle: { prevent_destroy: true },
    });
    expect(Object.values(resourcesOf(prod, 'azurerm_private_endpoint'))).toContainEqual(
      expect.objectContaining({
        private_service_connection: expect.objectContaining({
          private_connection_resource_id: expect.stringContaining('azurerm_storage_account.flow-log-storage'),
          subresource_names: ['blob'],
        }),
        private_dns_zone_group: { name: 'blob', private_dns_zone_ids: [expect.stringContaining('private-dns_blob')] },
      }),
    );
  });
});
