import { parsePlatformConfig } from '../../config/load';
import { CIS_ACTIVITY_LOG_ALERTS } from '../../constructs/azure/activity-log-alerts';
import { DELETION_LOCK_NAME } from '../../constructs/azure/management-lock';
import { frozenConfig } from '../helpers/config-fixture';
import { resourcesOf, sharedOutput, type StackJson } from '../helpers/shared-synth';
import { synthesize } from '../helpers/synth';

type Resource = Record<string, unknown>;
const values = (stack: StackJson, type: string): Resource[] => Object.values(resourcesOf(stack, type));

describe('Azure host stack: the subscription baseline (frozen fixture config)', () => {
  const { stacks } = sharedOutput('frozen');
  const prod = stacks.get('prod-azure-host-eastus2')!;

  test('Defender for Cloud: Containers, Servers (Plan 1), Storage (v2), Key Vault and Resource Manager on Standard', () => {
    const plans = values(prod, 'azurerm_security_center_subscription_pricing');
    expect(Object.fromEntries(plans.map((p) => [p.resource_type, [p.tier, p.subplan ?? null]]))).toEqual({
      Containers: ['Standard', null],
      VirtualMachines: ['Standard', 'P1'],
      StorageAccounts: ['Standard', 'DefenderForStorageV2'],
      KeyVaults: ['Standard', null],
      Arm: ['Standard', null],
    });
    // The sensor comes through the cluster's Defender profile, which Terraform owns, not the plan's extension.
    const containers = plans.find((p) => p.resource_type === 'Containers')!;
    expect((containers.extension as Resource[]).map((e) => e.name)).not.toContain('ContainerSensor');
  });

  test('the CIS Azure 5.2 Activity Log alerts watch the subscription and email the environment through one action group', () => {
    const alerts = values(prod, 'azurerm_monitor_activity_log_alert');
    const operations = alerts.map((a) => (a.criteria as Resource).operation_name).sort();
    expect(operations).toEqual(
      [
        'Microsoft.Authorization/policyAssignments/delete',
        'Microsoft.Authorization/policyAssignments/write',
        'Microsoft.Network/networkSecurityGroups/delete',
        'Microsoft.Network/networkSecurityGroups/securityRules/delete',
        'Microsoft.Network/networkSecurityGroups/securityRules/write',
        'Microsoft.Network/networkSecurityGroups/write',
        'Microsoft.Network/publicIPAddresses/delete',
        'Microsoft.Network/publicIPAddresses/write',
        'Microsoft.Security/securitySolutions/delete',
        'Microsoft.Security/securitySolutions/write',
      ].sort(),
    );
    expect(alerts).toHaveLength(CIS_ACTIVITY_LOG_ALERTS.length);
    const [[groupId, group]] = Object.entries(resourcesOf(prod, 'azurerm_monitor_action_group'));
    expect((group.email_receiver as Resource[]).map((r) => r.email_address)).toEqual(
      frozenConfig().environments.prod.alerts.emails,
    );
    for (const alert of alerts) {
      expect(alert).toMatchObject({
        location: 'global',
        scopes: [`/subscriptions/${frozenConfig().environments.prod.azure.subscriptionId}`],
        criteria: { category: 'Administrative' },
        action: [{ action_group_id: `\${azurerm_monitor_action_group.${groupId}.id}` }],
      });
    }
  });

  test('both environments declare their own subscription baseline (one subscription each)', () => {
    const dev = stacks.get('dev-azure-host-eastus2')!;
    expect(values(dev, 'azurerm_security_center_subscription_pricing')).toHaveLength(5);
    expect(values(dev, 'azurerm_monitor_activity_log_alert')[0].scopes).toEqual([
      `/subscriptions/${frozenConfig().environments.dev.azure.subscriptionId}`,
    ]);
  });
});

describe('Azure host stack: nothing lost (frozen fixture config)', () => {
  const { stacks } = sharedOutput('frozen');
  const prod = stacks.get('prod-azure-host-eastus2')!;
  const dev = stacks.get('dev-azure-host-eastus2')!;
  const lockedIds = (stack: StackJson) =>
    values(stack, 'azurerm_management_lock').map((l) => /^\$\{([a-z_]+)\.([\w-]+)\.id\}$/.exec(String(l.scope))!);

  test('production locks every Key Vault, storage account and Log Analytics workspace against deletion', () => {
    const locked = lockedIds(prod);
    for (const type of ['azurerm_key_vault', 'azurerm_storage_account', 'azurerm_log_analytics_workspace'])
      expect(
        locked
          .filter(([, t]) => t === type)
          .map(([, , id]) => id)
          .sort(),
      ).toEqual(Object.keys(resourcesOf(prod, type)).sort());
    expect(locked).toHaveLength(
      ['azurerm_key_vault', 'azurerm_storage_account', 'azurerm_log_analytics_workspace']
        .map((t) => Object.keys(resourcesOf(prod, t)).length)
        .reduce((a, b) => a + b),
    );
    for (const lock of values(prod, 'azurerm_management_lock'))
      // Not ReadOnly: that would refuse the POSTs Terraform and Azure services make on live resources.
      expect(lock).toMatchObject({ lock_level: 'CanNotDelete', name: DELETION_LOCK_NAME });
  });

  test('a non-production environment has no locks (policy.production false)', () => {
    expect(frozenConfig().environments.dev.policy.production).toBe(false);
    expect(values(dev, 'azurerm_management_lock')).toEqual([]);
  });

  test('the model-store containers and the identities that unwrap storage keys are protected from destroy', () => {
    for (const stack of [prod, dev]) {
      const containers = values(stack, 'azurerm_storage_container');
      expect(containers.map((c) => c.name).sort()).toEqual(['datasets', 'models']);
      for (const container of containers) expect(container.lifecycle).toEqual({ prevent_destroy: true });
      const storageIdentities = new Set(
        values(stack, 'azurerm_storage_account').map(
          (a) =>
            /^\$\{azurerm_user_assigned_identity\.([\w-]+)\.id\}$/.exec(
              String((a.customer_managed_key as Resource).user_assigned_identity_id),
            )![1],
        ),
      );
      expect(storageIdentities.size).toBe(values(stack, 'azurerm_storage_account').length);
      for (const id of storageIdentities)
        expect(resourcesOf(stack, 'azurerm_user_assigned_identity')[id].lifecycle).toEqual({ prevent_destroy: true });
    }
  });
});

describe('Azure host stack: a baseline owned elsewhere, and a second region', () => {
  const config = frozenConfig();
  config.environments.prod.azure.baseline = { defenderServersPlan: 'P2', activityLogAlerts: 'existing' };
  config.environments.prod.azure.regions.push({
    region: 'swedencentral',
    cidr: '10.150.0.0/16',
    availabilityZones: ['1', '2', '3'],
  });
  config.environments.dev.azure.baseline = { defenderPlans: 'existing' };
  const { stacks } = synthesize(parsePlatformConfig(config));

  test('Servers Plan 2 turns on agentless scanning; alerts owned elsewhere are not declared', () => {
    const prod = stacks.get('prod-azure-host-eastus2')!;
    const servers = values(prod, 'azurerm_security_center_subscription_pricing').find(
      (p) => p.resource_type === 'VirtualMachines',
    )!;
    expect(servers).toMatchObject({ subplan: 'P2', extension: [{ name: 'AgentlessVmScanning' }] });
    expect(values(prod, 'azurerm_monitor_activity_log_alert')).toEqual([]);
    expect(values(prod, 'azurerm_monitor_action_group')).toEqual([]);
  });

  test('plans owned elsewhere are not declared, and the alerts still are', () => {
    const dev = stacks.get('dev-azure-host-eastus2')!;
    expect(values(dev, 'azurerm_security_center_subscription_pricing')).toEqual([]);
    expect(values(dev, 'azurerm_monitor_activity_log_alert')).toHaveLength(CIS_ACTIVITY_LOG_ALERTS.length);
  });

  test('a second region declares nothing subscription-wide, and locks its own data', () => {
    const second = stacks.get('prod-azure-host-swedencentral')!;
    expect(values(second, 'azurerm_security_center_subscription_pricing')).toEqual([]);
    expect(values(second, 'azurerm_monitor_activity_log_alert')).toEqual([]);
    expect(values(second, 'azurerm_management_lock').length).toBeGreaterThan(0);
    // Its own KMS vault, apart from its other keys.
    expect(
      Object.keys(resourcesOf(second, 'azurerm_key_vault'))
        .map((id) => id.split('_')[0])
        .sort(),
    ).toEqual(['key-vault', 'kms-key-vault']);
  });
});
