/** Azure Key Vaults and their keys. */
import { block, referencedAddress, resourceAt } from '../../../shared/stack-json';
import { eachResource, missing, type PolicyRule } from '../rule';

const HSM_KEY_TYPES = ['RSA-HSM', 'EC-HSM', 'oct-HSM'];

export const AZURE_KEY_VAULT_RULES: readonly PolicyRule[] = [
  {
    id: 'GPUP-AZ-KV-1',
    severity: 'error',
    title: 'Key Vaults use Azure RBAC, purge protection and a closed firewall',
    rationale:
      'Access policies bypass RBAC audit; a purged vault loses every key and what it encrypted; a public vault is attack surface',
    fix: 'set rbac_authorization_enabled = true, purge_protection_enabled = true, and public_network_access_enabled = false or network_acls.default_action = "Deny"',
    resourceTypes: ['azurerm_key_vault'],
    controls: {
      cisAzure: ['8.5', '8.6'],
      checkov: ['CKV_AZURE_110', 'CKV_AZURE_42', 'CKV_AZURE_189', 'CKV_AZURE_109'],
    },
    check: eachResource(['azurerm_key_vault'], ({ attributes }) =>
      missing({
        'rbac_authorization_enabled = true':
          attributes.rbac_authorization_enabled === true || attributes.enable_rbac_authorization === true,
        'purge_protection_enabled = true': attributes.purge_protection_enabled === true,
        'a closed firewall':
          attributes.public_network_access_enabled === false ||
          block(attributes.network_acls)?.default_action === 'Deny',
      }),
    ),
  },
  {
    id: 'GPUP-AZ-KEY-1',
    severity: 'error',
    title: 'Key Vault keys expire, from their first version on, and rotate automatically before they do',
    rationale:
      'A key without expiry or rotation protects ever more data with one version forever; rotation_policy.expire_after reaches only the versions rotation creates, so the first version needs its own expiration_date',
    fix: 'set expiration_date (fixed at creation: a time_offset, see vaultKey) and rotation_policy { expire_after, automatic { time_before_expiry or time_after_creation } }',
    resourceTypes: ['azurerm_key_vault_key'],
    controls: { cisAzure: ['8.1', '8.8'], checkov: ['CKV_AZURE_40'] },
    check: eachResource(['azurerm_key_vault_key'], ({ attributes }) => {
      const rotation = block(attributes.rotation_policy);
      return missing({
        'expiration_date (the first version)': Boolean(attributes.expiration_date),
        'rotation_policy.expire_after (the versions rotation creates)': Boolean(rotation?.expire_after),
        'rotation_policy.automatic': block(rotation?.automatic) !== undefined,
      });
    }),
  },
  {
    id: 'GPUP-AZ-KEY-2',
    severity: 'error',
    title: 'In production, keys are HSM-protected in a Premium vault',
    rationale: 'HSM keys (FIPS 140 Level 3) never leave the hardware, which auditors of production data expect',
    fix: 'set azure.keyProtection = "hsm" (RSA-HSM keys, premium vault), or mark the environment non-production (policy.production)',
    resourceTypes: ['azurerm_key_vault_key'],
    controls: { checkov: ['CKV_AZURE_112'] },
    check: eachResource(['azurerm_key_vault_key'], ({ attributes }, stack, { production }) => {
      if (!production) return undefined;
      const vault = resourceAt(stack, referencedAddress(attributes.key_vault_id));
      return missing({
        'an HSM key_type': HSM_KEY_TYPES.includes(String(attributes.key_type)),
        'a premium vault': vault === undefined || vault.attributes.sku_name === 'premium',
      });
    }),
  },
];
