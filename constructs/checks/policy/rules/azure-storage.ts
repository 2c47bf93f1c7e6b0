/** Azure storage accounts: exposure, transport, keys, recovery, replication. */
import { block, reference, resourcesOfType } from '../../../shared/stack-json';
import { eachResource, missing, type PolicyRule } from '../rule';

const ACCOUNT = ['azurerm_storage_account'];

/** Replication that survives the loss of a zone (or a region). */
export const ZONE_REDUNDANT_REPLICATION = ['ZRS', 'GRS', 'RAGRS', 'GZRS', 'RAGZRS'];
/** Replication types that keep a copy in the paired region. */
export const GEO_REDUNDANT_REPLICATION = ['GRS', 'RAGRS', 'GZRS', 'RAGZRS'];

export const AZURE_STORAGE_RULES: readonly PolicyRule[] = [
  {
    id: 'GPUP-AZ-ST-1',
    severity: 'error',
    title: 'Storage accounts are not public: no anonymous blobs, and networks denied by default',
    rationale: 'Public blobs or an open firewall publish model weights and logs to the internet',
    fix: 'set allow_nested_items_to_be_public = false, and public_network_access_enabled = false or network_rules.default_action = "Deny"',
    resourceTypes: ACCOUNT,
    controls: { cisAzure: ['3.7', '3.8'], checkov: ['CKV_AZURE_59', 'CKV_AZURE_190', 'CKV_AZURE_35'] },
    check: eachResource(ACCOUNT, ({ attributes }) =>
      missing({
        'allow_nested_items_to_be_public = false': attributes.allow_nested_items_to_be_public === false,
        // Deny by default with the trusted-services bypass is how Network Watcher and Azure Monitor write.
        'public_network_access_enabled = false or network_rules.default_action = "Deny"':
          attributes.public_network_access_enabled === false ||
          block(attributes.network_rules)?.default_action === 'Deny',
      }),
    ),
  },
  {
    id: 'GPUP-AZ-ST-2',
    severity: 'error',
    title: 'Storage accounts take HTTPS only, with TLS 1.2 or later',
    rationale: 'Older TLS and plain HTTP expose data and SAS tokens in transit',
    fix: 'set https_traffic_only_enabled = true and min_tls_version = "TLS1_2"',
    resourceTypes: ACCOUNT,
    controls: { cisAzure: ['3.1', '3.15'], checkov: ['CKV_AZURE_3', 'CKV_AZURE_44'] },
    check: eachResource(ACCOUNT, ({ attributes }) =>
      missing({
        'https_traffic_only_enabled = true': attributes.https_traffic_only_enabled !== false,
        'min_tls_version = "TLS1_2"': attributes.min_tls_version === 'TLS1_2',
      }),
    ),
  },
  {
    id: 'GPUP-AZ-ST-3',
    severity: 'error',
    title: 'Storage accounts encrypt with a customer-managed key, infrastructure encryption on',
    rationale: 'A CMK lets the key owner revoke every read; double encryption guards against one broken layer',
    fix: 'set customer_managed_key and infrastructure_encryption_enabled = true (AzureStorageAccount)',
    resourceTypes: ACCOUNT,
    controls: { cisAzure: ['3.2', '3.12'], checkov: ['CKV2_AZURE_1'] },
    check: eachResource(ACCOUNT, ({ attributes }) =>
      missing({
        customer_managed_key: block(attributes.customer_managed_key)?.key_vault_key_id !== undefined,
        'infrastructure_encryption_enabled = true': attributes.infrastructure_encryption_enabled === true,
      }),
    ),
  },
  {
    id: 'GPUP-AZ-ST-4',
    severity: 'error',
    title: 'Storage accounts keep blob versions and soft-deleted blobs',
    rationale: 'Versions and soft delete are what an overwritten model or a deleted log is recovered from',
    fix: 'set blob_properties { versioning_enabled = true, delete_retention_policy { days = ... } }',
    resourceTypes: ACCOUNT,
    controls: { cisAzure: ['3.11'], checkov: ['CKV2_AZURE_38'] },
    check: eachResource(ACCOUNT, ({ attributes }) => {
      const blob = block(attributes.blob_properties);
      return missing({
        'blob_properties.versioning_enabled = true': blob?.versioning_enabled === true,
        'blob_properties.delete_retention_policy': block(blob?.delete_retention_policy) !== undefined,
      });
    }),
  },
  {
    id: 'GPUP-AZ-ST-5',
    severity: 'error',
    title: 'Storage accounts refuse shared keys: Entra ID only',
    rationale: 'Account keys and SAS tokens are unaudited, unscoped credentials that never expire by themselves',
    fix: 'set shared_access_key_enabled = false and default_to_oauth_authentication = true',
    resourceTypes: ACCOUNT,
    controls: { checkov: ['CKV2_AZURE_40'] },
    check: eachResource(ACCOUNT, ({ attributes }) =>
      missing({
        'shared_access_key_enabled = false': attributes.shared_access_key_enabled === false,
        'default_to_oauth_authentication = true': attributes.default_to_oauth_authentication === true,
      }),
    ),
  },
  {
    id: 'GPUP-AZ-ST-6',
    severity: 'warning',
    title: 'Storage accounts are reached through a private endpoint',
    rationale: 'Clients in the VNet then never leave it, and the public endpoint can be turned off',
    fix: 'add an azurerm_private_endpoint to the account (blob subresource) with its DNS zone group',
    resourceTypes: [...ACCOUNT, 'azurerm_private_endpoint'],
    controls: { cisAzure: ['3.10'], checkov: ['CKV2_AZURE_33'] },
    check: eachResource(ACCOUNT, (account, stack) =>
      resourcesOfType(stack, 'azurerm_private_endpoint').some(
        (e) =>
          block(e.attributes.private_service_connection)?.private_connection_resource_id === reference(account, 'id'),
      )
        ? undefined
        : 'has no private endpoint',
    ),
  },
  {
    id: 'GPUP-AZ-ST-7',
    severity: 'error',
    title: 'In production, storage accounts replicate across zones (ZRS, GZRS or geo)',
    rationale: 'Locally redundant storage loses the model store with one datacenter',
    fix: `set account_replication_type to one of ${ZONE_REDUNDANT_REPLICATION.join(', ')} (modelStores.azureReplication), or mark the environment non-production (policy.production)`,
    resourceTypes: ACCOUNT,
    controls: { checkov: ['CKV_AZURE_206'] },
    check: eachResource(ACCOUNT, ({ attributes }, _stack, { production }) =>
      production && !ZONE_REDUNDANT_REPLICATION.includes(String(attributes.account_replication_type))
        ? `replicates ${String(attributes.account_replication_type)} in a production environment`
        : undefined,
    ),
  },
  {
    id: 'GPUP-AZ-ST-8',
    severity: 'error',
    title:
      'In production, immutable storage (the audit archive) keeps a copy in the paired region (GZRS, RAGZRS, GRS or RAGRS)',
    rationale: 'A zone-redundant archive is lost with its region, and with it the immutable audit record',
    fix: 'set azure.auditArchive.replication to GZRS in a region with zones and a pair, or mark the environment non-production (policy.production)',
    resourceTypes: ACCOUNT,
    controls: {},
    check: eachResource(ACCOUNT, ({ attributes }, _stack, { production }) =>
      production &&
      block(attributes.immutability_policy) !== undefined &&
      !GEO_REDUNDANT_REPLICATION.includes(String(attributes.account_replication_type))
        ? `is immutable and replicates ${String(attributes.account_replication_type)} in a production environment: the region holds the only copy`
        : undefined,
    ),
  },
];
