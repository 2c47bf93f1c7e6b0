import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import type { LoggingSpec } from '../../spec/logging';
import type { AzureKeyVault } from '../key-vault';
import { vaultKey } from '../key-vault-key';
import { grantRoles } from '../role-grants';

/** Props of {@link AzureLogStorageAccount}. */
export interface AzureLogStorageAccountProps {
  /** Globally unique, 3-24 lowercase letters and digits (see `storageAccountName`). */
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** Retention of deleted blobs follows the environment's log retention. */
  readonly logging: LoggingSpec;
  /** The vault that holds the account's customer-managed key. */
  readonly keyVault: AzureKeyVault;
  /** The private-endpoints subnet: clients in the VNet read logs through it. */
  readonly privateEndpointSubnetId: string;
  /** The `privatelink.blob.core.windows.net` zone. */
  readonly blobPrivateDnsZoneId: string;
}

/**
 * A hardened storage account for logs Azure writes itself (VNet flow logs): TLS 1.2, HTTPS only,
 * no anonymous blob access, shared keys off (Entra ID only), infrastructure encryption plus a
 * customer-managed key that rotates, zone-redundant, a private endpoint for readers in the VNet,
 * and protected from destroy.
 *
 * The public endpoint denies every network and admits only Azure's trusted services: Network
 * Watcher writes flow logs through it as a trusted service. Turning public network access off
 * entirely would leave the private endpoint as the only path, which Network Watcher does not use
 * (Microsoft Learn, "Azure Storage network security": with public access disabled, traffic is
 * allowed only through private endpoints).
 */
export class AzureLogStorageAccount extends Construct {
  readonly account: StorageAccount;

  constructor(scope: Construct, id: string, props: AzureLogStorageAccountProps) {
    super(scope, id);
    const common = { resourceGroupName: props.resourceGroupName, location: props.location };
    const identity = new UserAssignedIdentity(this, 'identity', { name: `id-${props.name}`, ...common });
    const key = vaultKey(this, 'cmk', {
      name: `${props.name}-cmk`,
      vault: props.keyVault,
      size: 3072,
      rotation: 'automatic',
    });
    // The account is created encrypted with the key, so its identity must unwrap it first.
    const keyAccess = grantRoles(this, 'rbac-propagation', [
      {
        id: 'cmk-access',
        scope: key.resourceVersionlessId,
        role: 'Key Vault Crypto Service Encryption User',
        principalId: identity.principalId,
        reason: 'The log storage account encrypts its data with this key',
      },
    ]);
    this.account = new StorageAccount(this, 'account', {
      name: props.name,
      ...common,
      accountTier: 'Standard',
      accountReplicationType: 'ZRS',
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
      publicNetworkAccessEnabled: true,
      networkRules: { defaultAction: 'Deny', bypass: ['AzureServices', 'Logging', 'Metrics'] },
      blobProperties: {
        versioningEnabled: true,
        deleteRetentionPolicy: { days: Math.min(props.logging.retentionDays, 365) },
      },
      lifecycle: { preventDestroy: true },
      dependsOn: [keyAccess.ready],
    });
    new PrivateEndpoint(this, 'private-endpoint', {
      name: `pe-${props.name}-blob`,
      ...common,
      subnetId: props.privateEndpointSubnetId,
      privateServiceConnection: {
        name: `psc-${props.name}-blob`,
        privateConnectionResourceId: this.account.id,
        subresourceNames: ['blob'],
        isManualConnection: false,
      },
      privateDnsZoneGroup: { name: 'blob', privateDnsZoneIds: [props.blobPrivateDnsZoneId] },
    });
  }
}
