import { DataAzurermKeyVaultKey } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault-key';
import { DiskEncryptionSet } from '@cdktf/provider-azurerm/lib/disk-encryption-set';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { SYSTEM_POOL, type ClusterSpec } from '../cloud-neutral/cluster';
import { describePool, type ClusterDescription } from '../cloud-neutral/parity';
import { AzureAksGpuPool } from './aks-gpu-pool';
import { aksIgnoredChanges, type AksUpgradeChannel } from './aks-version-policy';
import type { AzureKeyVault } from './key-vault';
import { vaultKey } from './key-vault-key';
import { AzureContainerInsights } from './logging/container-insights';
import type { AzureNetwork } from './network';
import { grantRoles } from './role-grants';

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
  /** The purge-protected vault that holds the disk key. */
  readonly keyVault: AzureKeyVault;
  /**
   * The purge-protected vault of the KMS key alone: AKS needs Key Vault Contributor on a private
   * KMS vault, which must not reach the platform's other keys.
   */
  readonly kmsKeyVault: AzureKeyVault;
  /** Control-plane logs and Container Insights go here. */
  readonly logAnalyticsWorkspaceId: string;
  /** The workspace's region, where the Container Insights data collection rule must live. */
  readonly logAnalyticsLocation: string;
  /** Entra ID groups that administer the cluster. */
  readonly adminGroupObjectIds: readonly string[];
  /** Automatic upgrades; the channels that move the Kubernetes version own it after creation. */
  readonly upgradeChannel: AksUpgradeChannel;
  readonly maintenanceWindow: {
    readonly dayOfWeek: string;
    readonly startHourUtc: number;
    readonly durationHours: number;
  };
  /**
   * Microsoft Defender for Containers: the workspace its sensor publishes through, which must
   * allow local (key) authentication (see `AzureLogAnalytics`). Default: Defender off.
   */
  readonly defenderWorkspaceId?: string;
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

    // AKS KMS takes RSA 2048 and pins one key version; Key Vault rotates the key on its schedule.
    const kmsKey = vaultKey(this, 'kms-key', {
      name: `${name}-aks-kms`,
      vault: props.kmsKeyVault,
      size: 2048,
      rotation: 'pinned',
      use: 'encrypt',
    });
    // The key resource keeps the id of the version it created (azurerm v4.55.0
    // key_vault_key_resource.go:480, :561); the data source reads the newest (key_vault_key_data_source.go:140-155).
    // So the cluster moves to each version Key Vault rotates in at the next deploy, an in-place
    // update (kubernetes_cluster_resource.go:1013-1016, :2403).
    const kmsKeyCurrent = new DataAzurermKeyVaultKey(this, 'kms-key-current', {
      name: kmsKey.name,
      keyVaultId: kmsKey.keyVaultId,
    });
    const diskKey = vaultKey(this, 'disk-key', {
      name: `${name}-aks-disks`,
      vault: keyVault,
      size: 3072,
      rotation: 'versionless',
      use: 'wrap',
    });

    const diskEncryption = new DiskEncryptionSet(this, 'disk-encryption', {
      name: `des-${name}`,
      ...common,
      keyVaultKeyId: diskKey.versionlessId,
      autoKeyRotationEnabled: true,
      encryptionType: 'EncryptionAtRestWithCustomerKey',
      identity: { type: 'SystemAssigned' },
    });
    // Every disk of the cluster is created through the set, which must already unwrap its key.
    const diskEncryptionGrants = grantRoles(this, 'disk-encryption-rbac-propagation', [
      {
        id: 'disk-encryption-key',
        scope: diskKey.resourceVersionlessId,
        role: 'Key Vault Crypto Service Encryption User',
        principalId: diskEncryption.identity.principalId,
        reason: 'The disk encryption set wraps the cluster disks keys with the disk key',
      },
    ]);

    // What the control plane does at creation, per AKS's service-permissions reference: joins its
    // subnets and attaches the NAT gateway, registers its private DNS name, encrypts secrets with
    // the KMS key and, because the vault is private, creates a private link to it (Key Vault
    // Contributor: Microsoft Learn, "Use KMS etcd encryption"; on the KMS key's own vault, so it
    // reaches no other key), and reads the disk encryption set it attaches disks through
    // (diskEncryptionSets/read). Key roles are granted on the key alone.
    const principalId = identity.principalId;
    const controlPlaneGrants = grantRoles(this, 'rbac-propagation', [
      {
        id: 'identity-network',
        scope: network.vnet.id,
        role: 'Network Contributor',
        principalId,
        reason: 'AKS joins its subnets and attaches their NAT gateway',
      },
      {
        id: 'identity-dns',
        scope: props.privateDnsZoneId,
        role: 'Private DNS Zone Contributor',
        principalId,
        reason: 'AKS registers the private API server name',
      },
      {
        id: 'identity-kms',
        scope: kmsKey.resourceVersionlessId,
        role: 'Key Vault Crypto User',
        principalId,
        reason: 'AKS KMS encrypts and decrypts etcd secrets with the KMS key',
      },
      {
        id: 'identity-kms-private-link',
        scope: props.kmsKeyVault.vault.id,
        role: 'Key Vault Contributor',
        principalId,
        reason: 'AKS KMS with a private vault creates its private link to the vault',
      },
      {
        id: 'identity-disk-encryption-set',
        scope: diskEncryption.id,
        role: 'Reader',
        principalId,
        reason: 'AKS reads the disk encryption set to attach encrypted persistent volumes',
      },
    ]);

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
      keyManagementService: { keyVaultKeyId: kmsKeyCurrent.id, keyVaultNetworkAccess: 'Private' },
      diskEncryptionSetId: diskEncryption.id,
      // Workloads mount secrets from Key Vault (Secrets Store CSI driver) instead of holding them
      // in Kubernetes secrets, and see a rotated secret within two minutes.
      keyVaultSecretsProvider: { secretRotationEnabled: true, secretRotationInterval: '2m' },
      azurePolicyEnabled: true,
      omsAgent: { logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId, msiAuthForMonitoringEnabled: true },
      microsoftDefender: props.defenderWorkspaceId ? { logAnalyticsWorkspaceId: props.defenderWorkspaceId } : undefined,
      automaticUpgradeChannel: props.upgradeChannel,
      nodeOsUpgradeChannel: 'NodeImage',
      maintenanceWindowAutoUpgrade: maintenance,
      maintenanceWindowNodeOs: maintenance,
      imageCleanerEnabled: true,
      imageCleanerIntervalHours: 48,
      defaultNodePool: {
        name: SYSTEM_POOL,
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
      lifecycle: { ignoreChanges: aksIgnoredChanges(props.upgradeChannel) },
      dependsOn: [controlPlaneGrants.ready, diskEncryptionGrants.ready, ...network.egress],
    });

    new AzureContainerInsights(this, 'container-insights', {
      clusterId: this.cluster.id,
      clusterName: name,
      resourceGroupName: props.resourceGroupName,
      location: props.logAnalyticsLocation,
      workspaceId: props.logAnalyticsWorkspaceId,
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
          controlPlanePrincipalId: principalId,
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
