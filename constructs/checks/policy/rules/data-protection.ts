/** Stateful resources on both clouds: protected from destroy. */
import { eachResource, type PolicyRule } from '../rule';

/** Resources whose loss loses data or history: state, model stores, logs, keys, vaults, clusters. */
export const STATEFUL_TYPES = [
  'aws_kms_key',
  'aws_cloudwatch_log_group',
  'aws_s3_bucket',
  'azurerm_key_vault',
  'azurerm_key_vault_key',
  'azurerm_storage_account',
  'azurerm_log_analytics_workspace',
] as const;

export const DATA_PROTECTION_RULES: readonly PolicyRule[] = [
  {
    id: 'GPUP-DATA-1',
    severity: 'error',
    title: 'Stateful resources (keys, logs, stores, vaults, workspaces) are protected from destroy',
    rationale: 'A plan that replaces or destroys one of these loses data or history for good',
    fix: 'set lifecycle.prevent_destroy = true (the platform constructs do)',
    resourceTypes: STATEFUL_TYPES,
    controls: {},
    check: eachResource(STATEFUL_TYPES, ({ attributes }) =>
      (attributes.lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy === true
        ? undefined
        : 'must set lifecycle.prevent_destroy = true',
    ),
  },
];
