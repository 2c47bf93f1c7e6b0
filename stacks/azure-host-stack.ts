import { DataAzurermStorageAccount } from '@cdktf/provider-azurerm/lib/data-azurerm-storage-account';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { Construct } from 'constructs';
import { AzureLogAnalytics } from '../constructs/azure/logging/log-analytics';
import { AzureVnetFlowLog } from '../constructs/azure/logging/vnet-flow-log';
import { AzureNetwork } from '../constructs/azure/network';
import { AzurePrivateDnsZones } from '../constructs/azure/private-dns-zones';
import { AzureSecureStorageAccount, blobPrivateEndpoint } from '../constructs/azure/storage-account';
import { AzureWorkloadLogs } from '../constructs/azure/logging/workload-logs';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import {
  ACTIVITY_LOG_CATEGORIES,
  AKS_AUDIT_CATEGORIES,
  archiveAuditLogs,
  archiveImmutabilityState,
  auditTableRetention,
} from '../constructs/azure/audit/audit-archive';
import { AzureWorkloadIdentities } from '../constructs/azure/workload-identities';
import { AzureActivityLogAlerts } from '../constructs/azure/activity-log-alerts';
import { AzureDefenderPlans, type DefenderServersPlan } from '../constructs/azure/defender-plans';
import type { AzureModelStoreLocation, ModelStoreSpec } from '../constructs/cloud-neutral/model-store';
import type { IdentityDescription } from '../constructs/cloud-neutral/parity';
import type { CloudWorkloadIdentity } from '../constructs/cloud-neutral/workload-identity';
import { AzureAksCluster, type AzureAksClusterProps } from '../constructs/azure/aks-cluster';
import { AzureKeyVault, type KeyProtection } from '../constructs/azure/key-vault';
import { AzureModelSigningKey } from '../constructs/azure/model-signing-key';
import { releaseSigners, type ModelSigningSpec } from '../constructs/cloud-neutral/model-signing';
import type { ClusterSpec } from '../constructs/cloud-neutral/cluster';
import type { AzureIdentitySpec } from '../constructs/cloud-neutral/identity';
import type { LoggingSpec } from '../constructs/cloud-neutral/logging';
import { keyVaultName, storageAccountName } from '../constructs/cloud-neutral/naming';
import type { NetworkSpec } from '../constructs/cloud-neutral/network';
import { STRICT_POLICY } from '../constructs/checks/policy/gate';
import { suppressPolicyRule } from '../constructs/checks/policy/suppressions';
import { PlatformStack, type PlatformStackProps } from './platform-stack';
import { azapiProvider, azureProvider, timeProvider } from './providers';

/** The environment's Azure model store, as its containers are granted. */
export interface AzureModelStoreRef {
  readonly accountId: string;
  /** Resource Manager ids of the `models` and `datasets` containers. */
  readonly containerIds: { readonly models: string; readonly datasets: string };
}

/** Days Defender's workspace keeps data: it only routes sensor data, so the shortest retention Log Analytics takes. */
const DEFENDER_RETENTION_DAYS = 30;

/** Props of {@link AzureHostStack}. */
export interface AzureHostStackProps extends PlatformStackProps {
  /** The subscription and tenant the stack deploys into. */
  readonly identity: AzureIdentitySpec;
  /** The region's network. */
  readonly network: NetworkSpec;
  /** Flow logs need a Network Watcher: create one, or use the one Azure made. */
  readonly networkWatcher: 'create' | 'existing';
  /** Log retention and destinations. */
  readonly logging: LoggingSpec;
  /** The region's AKS cluster, GPU pools included (training and first-party inference). */
  readonly cluster: ClusterSpec;
  /** AKS settings beyond the cloud-neutral spec. */
  readonly aks: Pick<AzureAksClusterProps, 'adminGroupObjectIds' | 'upgradeChannel' | 'maintenanceWindow'> & {
    /** Microsoft Defender for Containers, with a workspace of its own (see `AzureLogAnalytics`). */
    readonly defender: boolean;
  };
  /**
   * The cluster Key Vault: an explicit name (default derived), the networks that may reach it
   * (the deploy runner's, during the first deploy only) and how its keys are protected.
   */
  readonly keyVault: {
    readonly name?: string;
    readonly deployerCidrs: readonly string[];
    readonly keyProtection: KeyProtection;
  };
  /** The workloads that run on this region's AKS cluster, with what each may touch. */
  readonly workloads: readonly CloudWorkloadIdentity[];
  /**
   * The model store: created here with these settings (the primary region), or the primary
   * region's, looked up by name and reached through a private endpoint in this region's network.
   */
  readonly modelStore: AzureModelStoreLocation & { readonly create?: ModelStoreSpec };
  /** Export the subscription's Activity Log from this stack (one stack per subscription does). */
  readonly activityLog: boolean;
  /**
   * The subscription's security baseline this stack declares (one stack per subscription does):
   * Defender for Cloud plans (with the Servers plan) and the CIS Activity Log alerts, to a
   * security action group that emails `alertEmails`. Default: none declared.
   */
  readonly baseline?: {
    readonly defenderPlans?: { readonly serversPlan: DefenderServersPlan };
    readonly activityLogAlerts?: { readonly emails: readonly string[] };
  };
  /** The region's audit archive: its replication, and whether it has been locked. */
  readonly auditArchive: { readonly replication: 'LRS' | 'ZRS' | 'GZRS'; readonly locked: boolean };
  /**
   * The environment's model release signing key, created in this region: its curve, generation
   * and overlap. The publishers of this region sign with it. Default: none (another region has it).
   */
  readonly modelSigning?: ModelSigningSpec & { readonly vaultName?: string };
}

/** One Azure region of the host side: where the first-party products train and serve. */
export class AzureHostStack extends PlatformStack {
  readonly networkResourceGroup: ResourceGroup;
  readonly network: AzureNetwork;
  readonly logAnalytics: AzureLogAnalytics;
  readonly privateDns: AzurePrivateDnsZones;
  readonly cluster: AzureAksCluster;
  /** The model store of the environment (created here, or the primary region's). */
  readonly modelStore: AzureModelStoreRef;
  readonly workloadIdentities: AzureWorkloadIdentities;
  /** The immutable archive of the region's audit logs. */
  readonly auditArchive: AzureSecureStorageAccount;
  /** The model release signing key, in the region that creates it. */
  readonly modelSigning?: AzureModelSigningKey;

  constructor(scope: Construct, name: string, props: AzureHostStackProps) {
    super(scope, name, props);
    const { network, logging } = props;
    const location = network.region;
    // Production data is locked against deletion, besides prevent_destroy (docs/security-azure.md, "Nothing lost").
    const deletionLock = (props.policy ?? STRICT_POLICY).production;
    azureProvider(this, props.identity);
    azapiProvider(this, props.identity);
    timeProvider(this);

    this.networkResourceGroup = new ResourceGroup(this, 'rg-network', { name: `rg-${network.name}-network`, location });
    // Deleting a resource group deletes everything in it: the logging group is protected like the logs.
    const loggingResourceGroup = new ResourceGroup(this, 'rg-logging', {
      name: `rg-${network.name}-logging`,
      location,
      lifecycle: { preventDestroy: true },
    });

    this.network = new AzureNetwork(this, 'network', { network, resourceGroup: this.networkResourceGroup });
    this.privateDns = new AzurePrivateDnsZones(this, 'private-dns', {
      region: location,
      resourceGroupName: this.networkResourceGroup.name,
      vnetId: this.network.vnet.id,
      namePrefix: network.name,
    });

    this.logAnalytics = new AzureLogAnalytics(this, 'log-analytics', {
      name: `log-${network.name}`,
      resourceGroupName: loggingResourceGroup.name,
      location,
      retentionDays: logging.retentionDays,
      deletionLock,
    });

    // Keys outlive clusters: the vault sits in its own protected group.
    const securityResourceGroup = new ResourceGroup(this, 'rg-security', {
      name: `rg-${network.name}-security`,
      location,
      lifecycle: { preventDestroy: true },
    });
    const clusterResourceGroup = new ResourceGroup(this, 'rg-cluster', {
      name: `rg-${network.name}-cluster`,
      location,
    });
    const vaultSettings = {
      resourceGroupName: securityResourceGroup.name,
      location,
      tenantId: props.identity.tenantId,
      privateEndpointSubnetId: this.network.subnets['private-endpoints'].id,
      privateDnsZoneId: this.privateDns.vault.id,
      logAnalyticsWorkspaceId: this.logAnalytics.workspace.id,
      deployerCidrs: props.keyVault.deployerCidrs,
      keyProtection: props.keyVault.keyProtection,
      deletionLock,
    };
    const keyVault = new AzureKeyVault(this, 'key-vault', {
      name: props.keyVault.name ?? keyVaultName(['kv', props.tags.platform, props.tags.environment, location]),
      ...vaultSettings,
    });
    // The AKS KMS key's own vault: AKS needs Key Vault Contributor on it (see AzureAksCluster).
    const kmsKeyVault = new AzureKeyVault(this, 'kms-key-vault', {
      name: keyVaultName(['kv', props.tags.platform, props.tags.environment, location, 'kms']),
      ...vaultSettings,
    });

    // Network Watcher writes flow logs through the public endpoint as a trusted service: it does
    // not use private endpoints (Microsoft Learn, "Azure Storage network security").
    // Audit records, kept immutable for the archive period. Azure Monitor writes here as a trusted
    // service, like Network Watcher below.
    this.auditArchive = new AzureSecureStorageAccount(this, 'audit-archive', {
      name: storageAccountName([props.tags.platform, props.tags.environment, location, 'audit']),
      holds: 'audit',
      resourceGroupName: loggingResourceGroup.name,
      location,
      blobSoftDeleteDays: Math.min(logging.auditRetentionDays, 365),
      replication: props.auditArchive.replication,
      publicAccess: 'trusted-services',
      keyVault,
      privateEndpointSubnetId: this.network.subnets['private-endpoints'].id,
      blobPrivateDnsZoneId: this.privateDns.blob.id,
      immutability:
        logging.immutability === 'off'
          ? undefined
          : {
              state: archiveImmutabilityState(logging.immutability, props.auditArchive.locked),
              days: logging.archiveDays,
            },
      blobLogs: { workspaceId: this.logAnalytics.workspace.id },
      deletionLock,
    });
    const archiveAccountId = this.auditArchive.account.id;
    const blobLogs = { workspaceId: this.logAnalytics.workspace.id, archiveAccountId };
    auditTableRetention(this, 'audit-table', { workspaceId: this.logAnalytics.workspace.id, logging });
    archiveAuditLogs(this, 'key-vault-audit-archive', {
      targetResourceId: keyVault.vault.id,
      archiveAccountId,
      categoryGroup: 'audit',
    });
    archiveAuditLogs(this, 'kms-key-vault-audit-archive', {
      targetResourceId: kmsKeyVault.vault.id,
      archiveAccountId,
      categoryGroup: 'audit',
    });
    if (props.activityLog) {
      new MonitorDiagnosticSetting(this, 'activity-log', {
        name: 'activity-log-audit',
        targetResourceId: `/subscriptions/${props.identity.subscriptionId}`,
        logAnalyticsWorkspaceId: this.logAnalytics.workspace.id,
        storageAccountId: archiveAccountId,
        enabledLog: ACTIVITY_LOG_CATEGORIES.map((category) => ({ category })),
      });
    }
    const baseline = props.baseline ?? {};
    if (baseline.defenderPlans) new AzureDefenderPlans(this, 'defender-plans', baseline.defenderPlans);
    if (baseline.activityLogAlerts)
      new AzureActivityLogAlerts(this, 'activity-log-alerts', {
        namePrefix: network.name,
        resourceGroupName: loggingResourceGroup.name,
        subscriptionId: props.identity.subscriptionId,
        emails: baseline.activityLogAlerts.emails,
      });

    const flowLogStorage = new AzureSecureStorageAccount(this, 'flow-log-storage', {
      name: storageAccountName([props.tags.platform, props.tags.environment, location, 'flow']),
      holds: 'log',
      resourceGroupName: loggingResourceGroup.name,
      location,
      blobSoftDeleteDays: Math.min(logging.retentionDays, 365),
      publicAccess: 'trusted-services',
      blobLogs,
      keyVault,
      privateEndpointSubnetId: this.network.subnets['private-endpoints'].id,
      blobPrivateDnsZoneId: this.privateDns.blob.id,
      deletionLock,
    });
    new AzureVnetFlowLog(this, 'flow-log', {
      vnetId: this.network.vnet.id,
      region: location,
      subscriptionId: props.identity.subscriptionId,
      namePrefix: network.name,
      resourceGroupName: this.networkResourceGroup.name,
      identityResourceGroupName: loggingResourceGroup.name,
      networkWatcher: props.networkWatcher,
      storage: flowLogStorage,
      analytics: this.logAnalytics,
      logging,
    });

    // Defender's sensor publishes with workspace keys (Microsoft-Defender-for-Cloud #1010), which
    // the main workspace refuses. It gets a workspace of its own that keeps no data: Defender
    // only routes through it, so the shortest retention serves.
    const defenderWorkspace =
      props.aks.defender &&
      new AzureLogAnalytics(this, 'defender-workspace', {
        name: `log-${network.name}-defender`,
        resourceGroupName: loggingResourceGroup.name,
        location,
        retentionDays: DEFENDER_RETENTION_DAYS,
        localAuthentication: true,
        deletionLock,
      });
    if (defenderWorkspace) {
      suppressPolicyRule(
        defenderWorkspace.workspace,
        'GPUP-AZ-LOG-2',
        "Defender for Containers' sensor publishes with workspace keys (Microsoft-Defender-for-Cloud #1010); this workspace holds only what Defender routes through it",
      );
      if (DEFENDER_RETENTION_DAYS < (props.policy ?? STRICT_POLICY).minimumLogRetentionDays)
        suppressPolicyRule(
          defenderWorkspace.workspace,
          'GPUP-AZ-LOG-1',
          'Defender only routes its sensor data through this workspace and Defender for Cloud keeps the alerts: the shortest retention serves',
        );
    }

    this.cluster = new AzureAksCluster(this, 'aks', {
      cluster: props.cluster,
      network: this.network,
      zones: network.zones,
      resourceGroupName: clusterResourceGroup.name,
      location,
      tenantId: props.identity.tenantId,
      privateDnsZoneId: this.privateDns.aks.id,
      keyVault,
      kmsKeyVault,
      logAnalyticsWorkspaceId: this.logAnalytics.workspace.id,
      logAnalyticsLocation: location,
      adminGroupObjectIds: props.aks.adminGroupObjectIds,
      upgradeChannel: props.aks.upgradeChannel,
      maintenanceWindow: props.aks.maintenanceWindow,
      defenderWorkspaceId: defenderWorkspace ? defenderWorkspace.workspace.id : undefined,
    });
    archiveAuditLogs(this, 'aks-audit-archive', {
      targetResourceId: this.cluster.cluster.id,
      archiveAccountId,
      categories: AKS_AUDIT_CATEGORIES,
    });

    this.modelStore = this.modelStoreOf(props, keyVault, blobLogs, deletionLock);
    const workloadLogs = new AzureWorkloadLogs(this, 'workload-logs', {
      namePrefix: network.name,
      resourceGroupName: loggingResourceGroup.name,
      location,
      workspaceId: this.logAnalytics.workspace.id,
      logging,
    });
    this.workloadIdentities = new AzureWorkloadIdentities(this, 'workload-identities', {
      namePrefix: network.name,
      resourceGroupName: securityResourceGroup.name,
      location,
      oidcIssuerUrl: this.cluster.cluster.oidcIssuerUrl,
      workloads: props.workloads,
      stores: {
        models: this.modelStore.containerIds.models,
        datasets: this.modelStore.containerIds.datasets,
        'workload-logs': workloadLogs.rule.id,
      },
    });
    if (props.modelSigning) {
      const { identities } = this.workloadIdentities;
      this.modelSigning = new AzureModelSigningKey(this, 'model-signing', {
        name:
          props.modelSigning.vaultName ?? keyVaultName(['kv', props.tags.platform, props.tags.environment, 'signing']),
        resourceGroupName: securityResourceGroup.name,
        resourceGroupId: securityResourceGroup.id,
        location,
        tenantId: props.identity.tenantId,
        privateEndpointSubnetId: this.network.subnets['private-endpoints'].id,
        privateDnsZoneId: this.privateDns.vault.id,
        deployerCidrs: props.keyVault.deployerCidrs,
        keyProtection: props.keyVault.keyProtection,
        deletionLock,
        audit: blobLogs,
        roleNameSuffix: `${props.tags.platform}-${props.tags.environment}`,
        signing: props.modelSigning,
        // Config gives every publisher an Azure grant, hence an identity (rejectPublishersWithoutAzureIdentity).
        signers: releaseSigners(props.workloads).map((w) => ({
          name: w.name,
          principalId: identities[w.name].principalId,
        })),
      });
    }
  }

  /** The AKS OIDC issuer: AWS trusts it for workloads federated into AWS. */
  get oidcIssuerUrl(): string {
    return this.cluster.cluster.oidcIssuerUrl;
  }

  /** The public addresses this region's clusters reach AWS from: the NAT gateway's. */
  get egressAddresses(): string[] {
    return this.network.egressAddresses;
  }

  /** What the workload identities of this region were granted, for the identity parity check. */
  describeIdentities(): readonly IdentityDescription[] {
    return this.workloadIdentities.describe();
  }

  private modelStoreOf(
    props: AzureHostStackProps,
    keyVault: AzureKeyVault,
    blobLogs: { workspaceId: string; archiveAccountId: string },
    deletionLock: boolean,
  ): AzureModelStoreRef {
    const location = props.network.region;
    const blobZone = this.privateDns.blob.id;
    const subnetId = this.network.subnets['private-endpoints'].id;
    const { accountName, resourceGroupName, create: spec } = props.modelStore;
    if (!spec) {
      // Found by name, not through the primary stack: adding a region changes no other region.
      const primary = new DataAzurermStorageAccount(this, 'model-store-lookup', {
        name: accountName,
        resourceGroupName,
      });
      blobPrivateEndpoint(this, 'model-store-endpoint', {
        accountName,
        accountId: primary.id,
        resourceGroupName: this.networkResourceGroup.name,
        location,
        subnetId,
        blobPrivateDnsZoneId: blobZone,
      });
      const container = (name: string) => `${primary.id}/blobServices/default/containers/${name}`;
      return { accountId: primary.id, containerIds: { models: container('models'), datasets: container('datasets') } };
    }
    // Models outlive clusters: the store's group is protected like the store.
    const resourceGroup = new ResourceGroup(this, 'rg-models', {
      name: resourceGroupName,
      location,
      lifecycle: { preventDestroy: true },
    });
    const store = new AzureSecureStorageAccount(this, 'model-store', {
      name: accountName,
      holds: 'model',
      resourceGroupName: resourceGroup.name,
      location,
      keyVault,
      privateEndpointSubnetId: subnetId,
      blobPrivateDnsZoneId: blobZone,
      blobSoftDeleteDays: spec.softDeleteDays,
      containerSoftDeleteDays: spec.softDeleteDays,
      replication: spec.azureReplication,
      containers: ['models', 'datasets'],
      blobLogs,
      deletionLock,
    });
    return {
      accountId: store.account.id,
      containerIds: { models: store.containers.models.id, datasets: store.containers.datasets.id },
    };
  }
}
