import { DiskEncryptionSet } from '@cdktf/provider-azurerm/lib/disk-encryption-set';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import type { ClusterSpec } from '../spec/cluster';
import { describePool, type ClusterDescription } from '../spec/parity';
import { AzureAksGpuPool } from './aks-gpu-pool';
import type { AzureKeyVault } from './key-vault';
import type { AzureNetwork } from './network';

/** Control-plane log categories sent to Log Analytics: the API server and its audit trail among them. */
export const AKS_CONTROL_PLANE_LOG_CATEGORIES = [
  'kube-apiserver',
  'kube-audit',
  'kube-audit-admin',
  'kube-controller-manager',
  'kube-scheduler',
  'cluster-autoscaler',
  'guard',
] as const;

/**
 * Overlay address ranges for pods and services: carrier-grade NAT space, so they can never
 * collide with the 10/8 networks the VPN joins.
 */
export const AKS_OVERLAY = {
  podCidr: '100.64.0.0/16',
  serviceCidr: '100.65.0.0/16',
  dnsServiceIp: '100.65.0.10',
} as const;

/** OS disk of system nodes, GiB: fits the temp disk of the D*ds_v5 sizes, so it can be ephemeral. */
const SYSTEM_OS_DISK_GIB = 128;

/** Props of {@link AzureAksCluster}. */
export interface AzureAksClusterProps {
  readonly cluster: ClusterSpec;
  readonly network: AzureNetwork;
  /** The network's zones (`1`, `2`, `3`). */
  readonly zones: readonly string[];
  readonly resourceGroupName: string;
  readonly location: string;
  readonly tenantId: string;
  /** The `privatelink.<region>.azmk8s.io` zone the private API registers in. */
  readonly privateDnsZoneId: string;
  /** The purge-protected vault that holds the KMS and disk keys. */
  readonly keyVault: AzureKeyVault;
  readonly logAnalyticsWorkspaceId: string;
  /** Entra ID groups that administer the cluster. */
  readonly adminGroupObjectIds: readonly string[];
  readonly upgradeChannel: 'patch' | 'stable' | 'rapid' | 'node-image';
  readonly maintenanceWindow: {
    readonly dayOfWeek: string;
    readonly startHourUtc: number;
    readonly durationHours: number;
  };
  /** Microsoft Defender for Containers. */
  readonly defender: boolean;
}

/**
 * The host side's AKS cluster: private API (VNet-integrated, no public FQDN), Entra ID with Azure
 * RBAC and no local accounts, Azure CNI overlay with Cilium, egress through the NAT gateway,
 * workload identity with the OIDC issuer, KMS secrets encryption with a key from a purge-protected
 * vault, a customer-managed disk encryption set and host encryption, Azure Policy, Container
 * Insights, control-plane logs, automatic upgrades in a maintenance window, Defender if asked; a
 * system pool for critical add-ons on ephemeral disks across zones, and one pool per GPU pool.
 */
export class AzureAksCluster extends Construct {
  readonly cluster: KubernetesCluster;
  readonly gpuPools: readonly AzureAksGpuPool[];
  private readonly spec: ClusterSpec;
  private readonly controlPlaneLogs: MonitorDiagnosticSetting;

  constructor(scope: Construct, id: string, props: AzureAksClusterProps) {
    super(scope, id);
    const { cluster: spec, network, keyVault } = props;
    this.spec = spec;
    const name = spec.name;
    const common = { resourceGroupName: props.resourceGroupName, location: props.location };

    const identity = new UserAssignedIdentity(this, 'identity', { name: `id-${name}-aks`, ...common });
    const grant = (grantId: string, scope: string, role: string, principalId: string) =>
      new RoleAssignment(this, grantId, { scope, roleDefinitionName: role, principalId });
    // The control plane joins its subnets, attaches the NAT gateway, registers its private DNS name and unwraps KMS keys.
    const grants = [
      grant('identity-network', network.vnet.id, 'Network Contributor', identity.principalId),
      grant('identity-dns', props.privateDnsZoneId, 'Private DNS Zone Contributor', identity.principalId),
      grant('identity-kms', keyVault.vault.id, 'Key Vault Crypto User', identity.principalId),
    ];

    const key = (keyId: string, keyName: string, keySize: number, rotate: boolean) =>
      new KeyVaultKey(this, keyId, {
        name: keyName,
        keyVaultId: keyVault.vault.id,
        keyType: 'RSA',
        keySize,
        keyOpts: ['decrypt', 'encrypt', 'sign', 'unwrapKey', 'verify', 'wrapKey'],
        rotationPolicy: rotate
          ? { automatic: { timeAfterCreation: 'P335D' }, expireAfter: 'P365D', notifyBeforeExpiry: 'P30D' }
          : undefined,
        lifecycle: { preventDestroy: true },
        dependsOn: [keyVault.deployerAccess],
      });
    // AKS KMS takes RSA 2048 and pins one key version: rotating it is a cluster update (see README), not automatic.
    const kmsKey = key('kms-key', `${name}-aks-kms`, 2048, false);
    const diskKey = key('disk-key', `${name}-aks-disks`, 3072, true);

    const diskEncryption = new DiskEncryptionSet(this, 'disk-encryption', {
      name: `des-${name}`,
      ...common,
      keyVaultKeyId: diskKey.versionlessId,
      autoKeyRotationEnabled: true,
      encryptionType: 'EncryptionAtRestWithCustomerKey',
      identity: { type: 'SystemAssigned' },
    });
    const desAccess = grant(
      'disk-encryption-key',
      keyVault.vault.id,
      'Key Vault Crypto Service Encryption User',
      diskEncryption.identity.principalId,
    );

    const window = props.maintenanceWindow;
    const maintenance = {
      frequency: 'Weekly',
      interval: 1,
      dayOfWeek: window.dayOfWeek,
      startTime: `${String(window.startHourUtc).padStart(2, '0')}:00`,
      duration: window.durationHours,
      utcOffset: '+00:00',
    };

    this.cluster = new KubernetesCluster(this, 'cluster', {
      name,
      ...common,
      dnsPrefixPrivateCluster: name,
      kubernetesVersion: spec.kubernetesVersion,
      skuTier: 'Standard',
      privateClusterEnabled: true,
      privateClusterPublicFqdnEnabled: false,
      privateDnsZoneId: props.privateDnsZoneId,
      apiServerAccessProfile: {
        virtualNetworkIntegrationEnabled: true,
        subnetId: network.subnets['aks-apiserver'].id,
      },
      localAccountDisabled: true,
      azureActiveDirectoryRoleBasedAccessControl: {
        azureRbacEnabled: true,
        tenantId: props.tenantId,
        adminGroupObjectIds: [...props.adminGroupObjectIds],
      },
      identity: { type: 'UserAssigned', identityIds: [identity.id] },
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkDataPlane: 'cilium',
        networkPolicy: 'cilium',
        outboundType: 'userAssignedNATGateway',
        loadBalancerSku: 'standard',
        ...AKS_OVERLAY,
      },
      keyManagementService: { keyVaultKeyId: kmsKey.id, keyVaultNetworkAccess: 'Private' },
      diskEncryptionSetId: diskEncryption.id,
      azurePolicyEnabled: true,
      omsAgent: { logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId, msiAuthForMonitoringEnabled: true },
      microsoftDefender: props.defender ? { logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId } : undefined,
      automaticUpgradeChannel: props.upgradeChannel,
      nodeOsUpgradeChannel: 'NodeImage',
      maintenanceWindowAutoUpgrade: maintenance,
      maintenanceWindowNodeOs: maintenance,
      imageCleanerEnabled: true,
      imageCleanerIntervalHours: 48,
      defaultNodePool: {
        name: 'system',
        vmSize: spec.systemPool.azureVmSize,
        zones: [...props.zones],
        vnetSubnetId: network.subnets['aks-system'].id,
        onlyCriticalAddonsEnabled: true,
        autoScalingEnabled: true,
        minCount: spec.systemPool.nodes.min,
        maxCount: spec.systemPool.nodes.max,
        nodeCount: spec.systemPool.nodes.desired,
        osDiskType: 'Ephemeral',
        osDiskSizeGb: SYSTEM_OS_DISK_GIB,
        maxPods: 110,
        hostEncryptionEnabled: true,
        nodePublicIpEnabled: false,
        temporaryNameForRotation: 'systemtmp',
        upgradeSettings: { maxSurge: '33%' },
      },
      lifecycle: { ignoreChanges: ['default_node_pool[0].node_count'] },
      dependsOn: [...grants, desAccess, ...network.egress],
    });

    this.controlPlaneLogs = new MonitorDiagnosticSetting(this, 'control-plane-logs', {
      name: 'control-plane-to-log-analytics',
      targetResourceId: this.cluster.id,
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
      logAnalyticsDestinationType: 'Dedicated',
      enabledLog: AKS_CONTROL_PLANE_LOG_CATEGORIES.map((category) => ({ category })),
    });

    this.gpuPools = spec.gpuPools.map(
      (pool) =>
        new AzureAksGpuPool(this, `gpu-${pool.name}`, {
          clusterId: this.cluster.id,
          pool,
          zones: props.zones,
          subnetId: network.subnets['aks-gpu'].id,
          namePrefix: name,
          ...common,
        }),
    );
  }

  /** What this cluster built, in cloud-neutral terms, read back from its resources' settings. */
  describe(): ClusterDescription {
    const categories = (this.controlPlaneLogs.enabledLogInput as { category?: string }[] | undefined) ?? [];
    const logged = categories.map((c) => c.category);
    return {
      cloud: 'azure',
      name: this.spec.name,
      privateEndpoint: this.cluster.privateClusterEnabledInput === true,
      cmkSecretsEncryption: Boolean(this.cluster.keyManagementServiceInput?.keyVaultKeyId),
      controlPlaneLogs: logged.includes('kube-apiserver') && logged.includes('kube-audit'),
      pools: this.gpuPools.map((p) => {
        const pool = p.nodePool;
        return describePool('azure', {
          name: pool.nameInput!,
          sku: pool.vmSizeInput!,
          min: pool.minCountInput!,
          max: pool.maxCountInput!,
          // ND-series InfiniBand is wired whenever the VMs share a placement group on one fabric.
          fabricWired: Boolean(pool.proximityPlacementGroupIdInput),
          capacity:
            pool.priorityInput === 'Spot' ? 'spot' : pool.capacityReservationGroupIdInput ? 'reserved' : 'on-demand',
        });
      }),
    };
  }
}
