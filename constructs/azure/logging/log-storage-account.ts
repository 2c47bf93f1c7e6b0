import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Construct } from 'constructs';
import type { LoggingSpec } from '../../spec/logging';

/** Props of {@link AzureLogStorageAccount}. */
export interface AzureLogStorageAccountProps {
  /** Globally unique, 3-24 lowercase letters and digits (see `storageAccountName`). */
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** Retention of deleted blobs follows the environment's log retention. */
  readonly logging: LoggingSpec;
}

/**
 * A hardened storage account for logs Azure writes itself (VNet flow logs): TLS 1.2, HTTPS only,
 * no anonymous blob access, shared keys off (Entra ID only), infrastructure encryption, no public
 * network path except Azure's trusted logging services, and protected from destroy.
 */
export class AzureLogStorageAccount extends Construct {
  readonly account: StorageAccount;

  constructor(scope: Construct, id: string, props: AzureLogStorageAccountProps) {
    super(scope, id);
    this.account = new StorageAccount(this, 'account', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      accountTier: 'Standard',
      accountReplicationType: 'ZRS',
      accountKind: 'StorageV2',
      minTlsVersion: 'TLS1_2',
      httpsTrafficOnlyEnabled: true,
      allowNestedItemsToBePublic: false,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      infrastructureEncryptionEnabled: true,
      networkRules: { defaultAction: 'Deny', bypass: ['AzureServices', 'Logging', 'Metrics'] },
      blobProperties: {
        versioningEnabled: true,
        deleteRetentionPolicy: { days: Math.min(props.logging.retentionDays, 365) },
      },
      lifecycle: { preventDestroy: true },
    });
  }
}
