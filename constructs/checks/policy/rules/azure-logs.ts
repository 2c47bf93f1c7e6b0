/** Azure logs: Log Analytics workspaces and Key Vault audit logs. */
import { reference, resourcesOfType } from '../../../shared/stack-json';
import { eachResource, type PolicyRule } from '../rule';

export const AZURE_LOG_RULES: readonly PolicyRule[] = [
  {
    id: 'GPUP-AZ-LOG-1',
    severity: 'error',
    title: 'Log Analytics workspaces keep data at least the environment minimum',
    rationale: 'An investigation needs logs for as long as the policy says',
    fix: 'set retention_in_days >= policy.minimumLogRetentionDays (logging.retentionDays)',
    resourceTypes: ['azurerm_log_analytics_workspace'],
    controls: {},
    check: eachResource(['azurerm_log_analytics_workspace'], ({ attributes }, _stack, { minimumLogRetentionDays }) =>
      Number(attributes.retention_in_days) >= minimumLogRetentionDays
        ? undefined
        : `keeps data ${String(attributes.retention_in_days)} days, less than ${minimumLogRetentionDays}`,
    ),
  },
  {
    id: 'GPUP-AZ-LOG-2',
    severity: 'error',
    title: 'Log Analytics workspaces take Entra ID authentication only',
    rationale: 'Workspace keys are shared secrets anyone holding them can ingest or forge logs with',
    fix: 'set local_authentication_enabled = false',
    resourceTypes: ['azurerm_log_analytics_workspace'],
    controls: {},
    check: eachResource(['azurerm_log_analytics_workspace'], ({ attributes }) =>
      attributes.local_authentication_enabled === false ? undefined : 'must set local_authentication_enabled = false',
    ),
  },
  {
    id: 'GPUP-AZ-LOG-3',
    severity: 'error',
    title: 'Key Vaults send their audit logs to a diagnostic setting',
    rationale: 'The audit log is the only record of who used which key',
    fix: 'add an azurerm_monitor_diagnostic_setting on the vault with the audit category group',
    resourceTypes: ['azurerm_key_vault', 'azurerm_monitor_diagnostic_setting'],
    controls: { cisAzure: ['5.1.5'] },
    check: eachResource(['azurerm_key_vault'], (vault, stack) =>
      resourcesOfType(stack, 'azurerm_monitor_diagnostic_setting').some(
        (d) =>
          d.attributes.target_resource_id === reference(vault, 'id') &&
          ((d.attributes.enabled_log as Record<string, unknown>[] | undefined) ?? []).some(
            (l) => l.category_group === 'audit' || l.category === 'AuditEvent' || l.category_group === 'allLogs',
          ),
      )
        ? undefined
        : 'has no diagnostic setting with its audit logs',
    ),
  },
];
