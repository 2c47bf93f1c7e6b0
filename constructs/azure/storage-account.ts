import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import type { AzureKeyVault } from './key-vault';
import { vaultKey } from './key-vault-key';
import { lockAgainstDeletion } from './management-lock';
import { grantRoles } from './role-grants';

/**
 * Who reaches the account's public endpoint: nobody (`off`, the default: the private endpoint
 * only), or only Azure's trusted services (`trusted-services`), for accounts an Azure service
 * writes into without a private endpoint of its own, such as Network Watcher's flow logs.
 */
export type StoragePublicAccess = 'off' | 'trusted-services';

/** Props of {@link AzureSecureStorageAccount}. */
export interface AzureSecureStorageAccountProps {
  /** Globally unique, 3-24 lowercase letters and digits (see `storageAccountName`). */
  readonly name: string;
  /** What the account holds, one word for descriptions: `log`, `model`. */
  readonly holds: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** The vault that holds the account's customer-managed key. */
  readonly keyVault: AzureKeyVault;
  /** The private-endpoints subnet: clients in the VNet reach blobs through it. */
  readonly privateEndpointSubnetId: string;
  /** The `privatelink.blob.core.windows.net` zone. */
  readonly blobPrivateDnsZoneId: string;
  /** Days deleted blobs stay recoverable (1-365). */
  readonly blobSoftDeleteDays: number;
  /** Days deleted containers stay recoverable (1-365). Default: no container soft delete. */
  readonly containerSoftDeleteDays?: number;
  /** Replication. Default `ZRS`. */
  readonly replication?: 'LRS' | 'ZRS' | 'GZRS';
  /** Who reaches the public endpoint. Default `off`. */
  readonly publicAccess?: StoragePublicAccess;
  /** Private blob containers to create. Default: none. */
  readonly containers?: readonly string[];
  /**
   * Version-level immutability for the whole account, inherited by every container (those Azure
   * Monitor creates included): each blob version is locked for `days` after it is written,
   * appends still allowed. `Unlocked` can be shortened or removed by an administrator; `Locked`
   * cannot, ever. Only at creation. Default: none.
   */
  readonly immutability?: { readonly state: 'Unlocked' | 'Locked'; readonly days: number };
  /**
   * Where the blob service's read, write and delete logs go: the workspace, and the audit archive
   * (omit it for the archive itself). Default: not logged.
   */
  readonly blobLogs?: { readonly workspaceId: string; readonly archiveAccountId?: string };
  /** A `CanNotDelete` management lock on the account (see `lockAgainstDeletion`). Default false. */
  readonly deletionLock?: boolean;
}

/** The blob service's audit categories: every read, write and delete. */
export const BLOB_LOG_CATEGORIES = ['StorageRead', 'StorageWrite', 'StorageDelete'] as const;

/**
 * A hardened storage account, the same wherever the platform keeps data on Azure: TLS 1.2, HTTPS
 * only, no anonymous blob access, shared keys off (Entra ID only), infrastructure encryption plus
 * a customer-managed key that rotates, blob versioning and soft delete, a private endpoint, and
 * protection from destroy for the account, its containers and the identity that unwraps its key;
 * in production, a `CanNotDelete` lock.
 *
 * Containers are created through Azure Resource Manager (`storage_account_id`), not the blob
 * endpoint, so the deploy runner needs no data-plane reach; their ids are Resource Manager ids,
 * the scope role assignments take.
 */
export class AzureSecureStorageAccount extends Construct {
  readonly account: StorageAccount;
  /** The containers, by name. */
  readonly containers: Readonly<Record<string, StorageContainer>>;

  constructor(scope: Construct, id: string, props: AzureSecureStorageAccountProps) {
    super(scope, id);
    const common = { resourceGroupName: props.resourceGroupName, location: props.location };
    const publicAccess = props.publicAccess ?? 'off';
    // The account reaches its key only as this identity: deleting it makes the data unreadable.
    const identity = new UserAssignedIdentity(this, 'identity', {
      name: `id-${props.name}`,
      ...common,
      lifecycle: { preventDestroy: true },
    });
    const key = vaultKey(this, 'cmk', {
      name: `${props.name}-cmk`,
      vault: props.keyVault,
      size: 3072,
      rotation: 'versionless',
      use: 'wrap',
    });
    // The account is created encrypted with the key, so its identity must unwrap it first.
    const keyAccess = grantRoles(this, 'rbac-propagation', [
      {
        id: 'cmk-access',
        scope: key.resourceVersionlessId,
        role: 'Key Vault Crypto Service Encryption User',
        principalId: identity.principalId,
        reason: `The ${props.holds} storage account encrypts its data with this key`,
      },
    ]);
    this.account = new StorageAccount(this, 'account', {
      name: props.name,
      ...common,
      accountTier: 'Standard',
      accountReplicationType: props.replication ?? 'ZRS',
      accountKind: 'StorageV2',
      minTlsVersion: 'TLS1_2',
      httpsTrafficOnlyEnabled: true,
      allowNestedItemsToBePublic: false,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      infrastructureEncryptionEnabled: true,
      identity: { type: 'UserAssigned', identityIds: [identity.id] },
      // Versionless: the account follows the key's automatic rotation.
      customerManagedKey: { keyVaultKeyId: key.versionlessId, userAssignedIdentityId: identity.id },
      publicNetworkAccessEnabled: publicAccess === 'trusted-services',
      networkRules: {
        defaultAction: 'Deny',
        bypass: publicAccess === 'trusted-services' ? ['AzureServices', 'Logging', 'Metrics'] : ['None'],
      },
      immutabilityPolicy: props.immutability && {
        state: props.immutability.state,
        periodSinceCreationInDays: props.immutability.days,
        // Azure Monitor appends to the blobs it writes: appends stay allowed, rewrites do not.
        allowProtectedAppendWrites: true,
      },
      blobProperties: {
        versioningEnabled: true,
        deleteRetentionPolicy: { days: props.blobSoftDeleteDays },
        containerDeleteRetentionPolicy:
          props.containerSoftDeleteDays === undefined ? undefined : { days: props.containerSoftDeleteDays },
      },
      lifecycle: { preventDestroy: true },
      dependsOn: [keyAccess.ready],
    });
    if (props.deletionLock)
      lockAgainstDeletion(this, 'lock', { resourceId: this.account.id, what: `the ${props.holds} storage account` });
    blobPrivateEndpoint(this, 'private-endpoint', {
      accountName: props.name,
      accountId: this.account.id,
      ...common,
      subnetId: props.privateEndpointSubnetId,
      blobPrivateDnsZoneId: props.blobPrivateDnsZoneId,
    });
    if (props.blobLogs) {
      new MonitorDiagnosticSetting(this, 'blob-logs', {
        name: 'blob-audit',
        targetResourceId: `${this.account.id}/blobServices/default`,
        logAnalyticsWorkspaceId: props.blobLogs.workspaceId,
        logAnalyticsDestinationType: 'Dedicated',
        storageAccountId: props.blobLogs.archiveAccountId,
        enabledLog: BLOB_LOG_CATEGORIES.map((category) => ({ category })),
      });
    }
    this.containers = Object.fromEntries(
      (props.containers ?? []).map((name) => [
        name,
        new StorageContainer(this, `container-${name}`, {
          name,
          storageAccountId: this.account.id,
          containerAccessType: 'private',
          lifecycle: { preventDestroy: true },
        }),
      ]),
    );
  }
}

/** Props of {@link blobPrivateEndpoint}. */
export interface BlobPrivateEndpointProps {
  /** The storage account's name, part of the endpoint's. */
  readonly accountName: string;
  readonly accountId: string;
  readonly resourceGroupName: string;
  /** The endpoint's region: the network's, which may differ from the account's. */
  readonly location: string;
  /** The private-endpoints subnet. */
  readonly subnetId: string;
  /** The network's `privatelink.blob.core.windows.net` zone. */
  readonly blobPrivateDnsZoneId: string;
}

/** A private endpoint for an account's blob service, registered in the network's private DNS zone. */
export function blobPrivateEndpoint(scope: Construct, id: string, props: BlobPrivateEndpointProps): PrivateEndpoint {
  return new PrivateEndpoint(scope, id, {
    name: `pe-${props.accountName}-blob`,
    resourceGroupName: props.resourceGroupName,
    location: props.location,
    subnetId: props.subnetId,
    privateServiceConnection: {
      name: `psc-${props.accountName}-blob`,
      privateConnectionResourceId: props.accountId,
      subresourceNames: ['blob'],
      isManualConnection: false,
    },
    privateDnsZoneGroup: { name: 'blob', privateDnsZoneIds: [props.blobPrivateDnsZoneId] },
  });
}
