import { AKS_CONTROL_PLANE_LOG_CATEGORIES, AKS_OVERLAY } from '../../../constructs/azure/aks-cluster';
import { CRG_ID } from '../../helpers/gpu-fixture';
import { resourcesOf, sharedOutput, type StackJson } from '../../helpers/shared-synth';

type Resource = Record<string, unknown>;

const only = (stack: StackJson, type: string): Resource => {
  const all = Object.values(resourcesOf(stack, type));
  expect(all).toHaveLength(1);
  return all[0];
};
/** The cluster's vault; the model signing key has a vault of its own (model-signing-key.test.ts). */
/** The model-signing vault and key belong to the model path (test/stacks/model-signing.test.ts), not the cluster. */
const isModelSigning = (id: string) => id.startsWith('model-signing_');
const clusterVaults = (stack: StackJson) =>
  Object.entries(resourcesOf(stack, 'azurerm_key_vault')).filter(([id]) => !isModelSigning(id));
const clusterKeys = (stack: StackJson) =>
  Object.entries(resourcesOf(stack, 'azurerm_key_vault_key')).filter(([id]) => !isModelSigning(id));
const pools = (stack: StackJson) =>
  Object.fromEntries(
    Object.values(resourcesOf(stack, 'azurerm_kubernetes_cluster_node_pool')).map((p) => [String(p.name), p]),
  );

describe('AKS cluster', () => {
  const { stacks } = sharedOutput('frozen');
  const prod = stacks.get('prod-azure-host-eastus2')!;
  const dev = stacks.get('dev-azure-host-eastus2')!;
  const fixture = sharedOutput('capacity-paths').stacks.get('prod-azure-host-eastus2')!;
  const cluster = only(prod, 'azurerm_kubernetes_cluster');

  describe('access', () => {
    test('the API is private, VNet-integrated and has no public FQDN', () => {
      expect(cluster).toMatchObject({
        private_cluster_enabled: true,
        private_cluster_public_fqdn_enabled: false,
        private_dns_zone_id: expect.stringContaining('private-dns_aks'),
        api_server_access_profile: {
          virtual_network_integration_enabled: true,
          subnet_id: expect.stringContaining('subnet-aks-apiserver'),
        },
      });
    });

    test('Entra ID with Azure RBAC, and local accounts off', () => {
      expect(cluster.local_account_disabled).toBe(true);
      expect(cluster.azure_active_directory_role_based_access_control).toEqual({
        azure_rbac_enabled: true,
        tenant_id: '00000000-0000-0000-0000-0000000000aa',
        admin_group_object_ids: ['00000000-0000-0000-0000-0000000000a2'],
      });
    });

    test('workload identity and the OIDC issuer are on', () => {
      expect(cluster).toMatchObject({ oidc_issuer_enabled: true, workload_identity_enabled: true });
    });
  });

  test('Azure CNI overlay with Cilium, egress through the NAT gateway, overlay ranges outside 10/8', () => {
    expect(cluster.network_profile).toMatchObject({
      network_plugin: 'azure',
      network_plugin_mode: 'overlay',
      network_policy: 'cilium',
      network_data_plane: 'cilium',
      outbound_type: 'userAssignedNATGateway',
      pod_cidr: AKS_OVERLAY.podCidr,
      service_cidr: AKS_OVERLAY.serviceCidr,
    });
    // AKS checks the subnets' NAT gateway at creation: the associations must exist first.
    expect(cluster.depends_on).toEqual(
      expect.arrayContaining([
        expect.stringContaining('azurerm_subnet_nat_gateway_association.network_nat-assoc-aks-gpu'),
      ]),
    );
  });

  describe('encryption', () => {
    test('KMS secrets encryption with the newest version of a key in its own purge-protected vault, reached privately', () => {
      const [[lookupId, lookup]] = Object.entries(prod.data!.azurerm_key_vault_key);
      expect(cluster.key_management_service).toEqual({
        key_vault_key_id: `\${data.azurerm_key_vault_key.${lookupId}.id}`,
        key_vault_network_access: 'Private',
      });
      // The data source reads the KMS key's newest version, so the cluster follows Key Vault's rotation.
      const [kmsKeyId, kmsKey] = clusterKeys(prod).find(([id]) => id.startsWith('aks_kms-key_'))!;
      expect(lookup).toMatchObject({
        name: `\${azurerm_key_vault_key.${kmsKeyId}.name}`,
        key_vault_id: `\${azurerm_key_vault_key.${kmsKeyId}.key_vault_id}`,
      });
      expect(kmsKey.key_vault_id).toMatch(/^\$\{azurerm_key_vault\.kms-key-vault_\w+\.id\}$/);
      const vaults = clusterVaults(prod);
      expect(vaults.map(([id]) => id.split('_')[0]).sort()).toEqual(['key-vault', 'kms-key-vault']);
      for (const [, vault] of vaults)
        expect(vault).toMatchObject({
          purge_protection_enabled: true,
          rbac_authorization_enabled: true,
          soft_delete_retention_days: 90,
          public_network_access_enabled: false,
          network_acls: { default_action: 'Deny', bypass: 'AzureServices' },
          lifecycle: { prevent_destroy: true },
        });
      // The KMS vault holds the KMS key alone.
      const inKmsVault = clusterKeys(prod).filter(([, k]) => k.key_vault_id === kmsKey.key_vault_id);
      expect(inKmsVault).toHaveLength(1);
      for (const [, key] of clusterKeys(prod)) {
        expect(key.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ['expiration_date'] });
      }
    });

    test('a customer-managed disk encryption set and host encryption on every pool', () => {
      expect(cluster.disk_encryption_set_id).toMatch(/azurerm_disk_encryption_set\.aks_disk-encryption/);
      expect(only(prod, 'azurerm_disk_encryption_set')).toMatchObject({
        encryption_type: 'EncryptionAtRestWithCustomerKey',
        auto_key_rotation_enabled: true,
      });
      expect((cluster.default_node_pool as Resource).host_encryption_enabled).toBe(true);
      for (const pool of Object.values(pools(prod))) expect(pool.host_encryption_enabled).toBe(true);
    });

    test('the vault is reached through a private endpoint and audited', () => {
      expect(Object.values(resourcesOf(prod, 'azurerm_private_endpoint'))).toContainEqual(
        expect.objectContaining({
          private_service_connection: expect.objectContaining({
            private_connection_resource_id: expect.stringContaining('azurerm_key_vault.key-vault'),
            subresource_names: ['vault'],
          }),
        }),
      );
      const settings = Object.values(resourcesOf(prod, 'azurerm_monitor_diagnostic_setting'));
      expect(settings).toContainEqual(
        expect.objectContaining({ target_resource_id: expect.stringContaining('azurerm_key_vault.') }),
      );
    });
  });

  describe('operations', () => {
    test('Azure Policy, Container Insights, upgrades in a maintenance window', () => {
      expect(cluster).toMatchObject({
        azure_policy_enabled: true,
        oms_agent: {
          log_analytics_workspace_id: expect.stringContaining('azurerm_log_analytics_workspace'),
          msi_auth_for_monitoring_enabled: true,
        },
        automatic_upgrade_channel: 'stable',
        node_os_upgrade_channel: 'NodeImage',
        maintenance_window_auto_upgrade: {
          frequency: 'Weekly',
          interval: 1,
          day_of_week: 'Saturday',
          start_time: '22:00',
          duration: 6,
          utc_offset: '+00:00',
        },
      });
      expect(only(dev, 'azurerm_kubernetes_cluster').automatic_upgrade_channel).toBe('patch');
    });

    test('Defender only where configured', () => {
      expect(cluster.microsoft_defender).toEqual({
        log_analytics_workspace_id: expect.stringContaining('azurerm_log_analytics_workspace'),
      });
      expect(only(dev, 'azurerm_kubernetes_cluster').microsoft_defender).toBeUndefined();
    });

    test('control-plane logs, API server and audit included, go to Log Analytics', () => {
      const setting = Object.values(resourcesOf(prod, 'azurerm_monitor_diagnostic_setting')).find(
        (s) => String(s.target_resource_id).includes('azurerm_kubernetes_cluster') && s.log_analytics_workspace_id,
      )!;
      expect(setting.enabled_log).toEqual(AKS_CONTROL_PLANE_LOG_CATEGORIES.map((category) => ({ category })));
      expect(AKS_CONTROL_PLANE_LOG_CATEGORIES).toEqual(expect.arrayContaining(['kube-apiserver', 'kube-audit']));
    });
  });

  describe('node pools', () => {
    test('the system pool spans zones on ephemeral disks and runs critical add-ons only', () => {
      expect(cluster.default_node_pool).toMatchObject({
        vm_size: 'Standard_D8ds_v5',
        zones: ['1', '2', '3'],
        os_disk_type: 'Ephemeral',
        only_critical_addons_enabled: true,
        auto_scaling_enabled: true,
        min_count: 3,
        max_count: 6,
        vnet_subnet_id: expect.stringContaining('subnet-aks-system'),
      });
    });

    test('GPU pools use the catalog VM size, the shared labels and taint, autoscaling and deliberate max pods', () => {
      const { infer, serve, train } = pools(prod);
      expect(infer).toMatchObject({
        vm_size: 'Standard_NV36ads_A10_v5',
        gpu_driver: 'Install',
        auto_scaling_enabled: true,
        min_count: 2,
        max_count: 12,
        max_pods: 30,
        os_disk_type: 'Ephemeral',
        node_taints: ['nvidia.com/gpu=present:NoSchedule'],
        vnet_subnet_id: expect.stringContaining('subnet-aks-gpu'),
        node_public_ip_enabled: false,
      });
      expect(infer.node_labels).toEqual({
        'gpu-platform.io/gpu-model': 'a10',
        'gpu-platform.io/purpose': 'inference',
        'gpu-platform.io/pool': 'infer',
        'gpu-platform.io/capacity': 'on-demand',
      });
      expect(serve.vm_size).toBe('Standard_ND96isr_H100_v5');
      expect(train).toMatchObject({ vm_size: 'Standard_ND96isr_H100_v5', min_count: 2, max_count: 16 });
    });

    test('training pools with fabric get a proximity placement group and a single zone', () => {
      const { train } = pools(prod);
      expect(train.zones).toEqual(['1']);
      expect(train.proximity_placement_group_id).toMatch(/azurerm_proximity_placement_group\.aks_gpu-train_placement/);
      const ppg = Object.values(resourcesOf(prod, 'azurerm_proximity_placement_group')).find((p) =>
        String(p.name).endsWith('-train'),
      )!;
      expect(ppg).toMatchObject({ zone: '1', allowed_vm_sizes: ['Standard_ND96isr_H100_v5'] });
      expect(pools(prod).infer.proximity_placement_group_id).toBeUndefined();
    });

    test('spot pools get an eviction policy', () => {
      const { infer } = pools(dev);
      expect(infer).toMatchObject({ priority: 'Spot', eviction_policy: 'Delete', spot_max_price: -1 });
      expect(infer.node_taints).toContain('kubernetes.azure.com/scalesetpriority=spot:NoSchedule');
      expect(pools(fixture).burst).toMatchObject({
        priority: 'Spot',
        eviction_policy: 'Delete',
        gpu_driver: 'None',
        vm_size: 'Standard_NC64as_T4_v3',
      });
    });

    test('reserved pools draw on their capacity reservation group', () => {
      expect(pools(fixture).serve).toMatchObject({ capacity_reservation_group_id: CRG_ID, zones: ['2'] });
      expect(pools(prod).serve.capacity_reservation_group_id).toBeUndefined();
    });
  });
});

describe('AKS apply readiness (frozen fixture config)', () => {
  const { stacks } = sharedOutput('frozen');
  const prod = stacks.get('prod-azure-host-eastus2')!;
  const dev = stacks.get('dev-azure-host-eastus2')!;
  const grants = (stack: StackJson) => Object.values(resourcesOf(stack, 'azurerm_role_assignment'));

  test('the control plane holds Key Vault Contributor on the KMS vault and Crypto User on the KMS key alone, waited for by the cluster', () => {
    const kmsKey = Object.keys(resourcesOf(prod, 'azurerm_key_vault_key')).find((id) => id.startsWith('aks_kms-key_'))!;
    const controlPlane = grants(prod).filter((g) => String(g.principal_id).includes('aks_identity'));
    expect(controlPlane).toContainEqual(
      expect.objectContaining({
        role_definition_name: 'Key Vault Contributor',
        scope: expect.stringMatching(/^\$\{azurerm_key_vault\.kms-key-vault_\w+\.id\}$/),
      }),
    );
    expect(controlPlane).toContainEqual(
      expect.objectContaining({
        role_definition_name: 'Key Vault Crypto User',
        scope: `\${azurerm_key_vault_key.${kmsKey}.resource_versionless_id}`,
      }),
    );
    // Nothing of the control plane's reaches the vault of the disk and storage keys.
    expect(controlPlane.filter((g) => String(g.scope).includes('azurerm_key_vault.key-vault_'))).toEqual([]);
    // The disk encryption set unwraps the disk key, and only it.
    const diskSet = grants(prod).find((g) => String(g.principal_id).includes('azurerm_disk_encryption_set'))!;
    expect(diskSet.scope).toMatch(/^\$\{azurerm_key_vault_key\.aks_disk-key_\w+\.resource_versionless_id\}$/);
    const cluster = Object.values(resourcesOf(prod, 'azurerm_kubernetes_cluster'))[0];
    expect(cluster.depends_on).toContainEqual(expect.stringMatching(/^time_sleep\.aks_rbac-propagation_/));
    const [wait] = Object.values(resourcesOf(prod, 'time_sleep')).filter((s) =>
      String((s['//'] as { metadata: { path: string } }).metadata.path).endsWith('aks/rbac-propagation'),
    );
    expect(wait).toMatchObject({ create_duration: '120s' });
    expect(wait.depends_on).toHaveLength(5);
  });

  test('keys are HSM-backed in a Premium vault in prod, software in a Standard vault in dev, and all expire', () => {
    for (const [stack, sku, keyType] of [
      [prod, 'premium', 'RSA-HSM'],
      [dev, 'standard', 'RSA'],
    ] as const) {
      for (const [, vault] of clusterVaults(stack)) expect(vault.sku_name).toBe(sku);
      const keys = clusterKeys(stack).map(([, key]) => key);
      // AKS KMS, disks, and the flow-log, audit archive and model stores' keys.
      expect(keys).toHaveLength(5);
      for (const key of keys) {
        expect(key.key_type).toBe(keyType);
        expect((key.rotation_policy as Resource).expire_after).toMatch(/^P\d+D$/);
      }
    }
  });

  test('every key rotates on the schedule; the KMS version the cluster pins outlives its rotation by 395 days', () => {
    const keys = clusterKeys(prod);
    expect(keys).toHaveLength(5);
    for (const [id, key] of keys) {
      const policy = key.rotation_policy as Resource;
      expect(policy.automatic).toEqual({ time_after_creation: 'P335D' });
      if (id.startsWith('aks_kms-key_'))
        expect(policy).toMatchObject({ expire_after: 'P730D', notify_before_expiry: 'P395D' });
      else expect(policy).toMatchObject({ expire_after: 'P365D', notify_before_expiry: 'P30D' });
    }
  });

  test('the first version of every key expires with its rotation policy, from an offset fixed at creation', () => {
    const offsets = resourcesOf(prod, 'time_offset');
    for (const [id, key] of Object.entries(resourcesOf(prod, 'azurerm_key_vault_key'))) {
      const offset = /^\$\{time_offset\.([\w-]+)\.rfc3339\}$/.exec(String(key.expiration_date))?.[1];
      expect({ id, offset: offset && offsets[offset] !== undefined }).toEqual({ id, offset: true });
      // No trigger and no base time: the offset is computed once, when it is created, so plans do not diff.
      expect(Object.keys(offsets[offset!]).filter((k) => k !== '//')).toEqual(['offset_days']);
      expect(`P${offsets[offset!].offset_days}D`).toBe((key.rotation_policy as Resource).expire_after);
    }
  });

  test('each key allows only the operations of its use: KMS encrypts, disk and storage keys wrap, the signing key signs', () => {
    const opsFor = (id: string) =>
      id.startsWith('aks_kms-key_')
        ? ['decrypt', 'encrypt']
        : isModelSigning(id)
          ? ['sign', 'verify']
          : ['unwrapKey', 'wrapKey'];
    for (const [id, key] of Object.entries(resourcesOf(prod, 'azurerm_key_vault_key')))
      expect({ id, ops: [...(key.key_opts as string[])].sort() }).toEqual({ id, ops: opsFor(id) });
  });

  test('workloads read secrets through the Key Vault CSI driver with rotation', () => {
    const cluster = Object.values(resourcesOf(prod, 'azurerm_kubernetes_cluster'))[0];
    expect(cluster.key_vault_secrets_provider).toEqual({
      secret_rotation_enabled: true,
      secret_rotation_interval: '2m',
    });
  });

  test('Container Insights has a data collection rule associated with the cluster', () => {
    const [rule] = Object.values(resourcesOf(prod, 'azurerm_monitor_data_collection_rule'));
    expect(rule).toMatchObject({
      destinations: { log_analytics: [{ workspace_resource_id: expect.stringContaining('log-analytics_workspace') }] },
      data_sources: { extension: [expect.objectContaining({ extension_name: 'ContainerInsights' })] },
    });
    expect(Object.values(resourcesOf(prod, 'azurerm_monitor_data_collection_rule_association'))).toEqual([
      expect.objectContaining({
        target_resource_id: expect.stringContaining('azurerm_kubernetes_cluster.aks_cluster'),
      }),
    ]);
  });

  test('Defender publishes through its own key-authenticated workspace; the main workspace stays Entra-only', () => {
    const cluster = Object.values(resourcesOf(prod, 'azurerm_kubernetes_cluster'))[0];
    expect(cluster.microsoft_defender).toEqual({
      log_analytics_workspace_id: expect.stringContaining('defender-workspace'),
    });
    const workspaces = Object.values(resourcesOf(prod, 'azurerm_log_analytics_workspace'));
    expect(workspaces.map((w) => [w.name, w.local_authentication_enabled]).sort()).toEqual([
      ['log-gpuplat-prod-eastus2', false],
      ['log-gpuplat-prod-eastus2-defender', true],
    ]);
    expect(Object.values(resourcesOf(dev, 'azurerm_kubernetes_cluster'))[0].microsoft_defender).toBeUndefined();
  });

  test('spot pools declare the label AKS adds', () => {
    expect(pools(dev).infer.node_labels).toMatchObject({ 'kubernetes.azure.com/scalesetpriority': 'spot' });
  });

  test('fabric pools wait for the cluster identity to write their placement group', () => {
    expect(grants(prod)).toContainEqual(
      expect.objectContaining({
        role_definition_name: 'Contributor',
        scope: expect.stringContaining('azurerm_proximity_placement_group.aks_gpu-train_placement'),
      }),
    );
    expect(pools(prod).train.depends_on).toEqual([
      expect.stringContaining('time_sleep.aks_gpu-train_placement-rbac-propagation'),
    ]);
  });
});
