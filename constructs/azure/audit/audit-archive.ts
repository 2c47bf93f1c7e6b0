import { LogAnalyticsWorkspaceTable } from '@cdktf/provider-azurerm/lib/log-analytics-workspace-table';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import type { Construct } from 'constructs';
import type { LoggingSpec } from '../../cloud-neutral/logging';

/** AKS categories that are audit records: who called the API server, and how they authenticated. */
export const AKS_AUDIT_CATEGORIES = ['kube-audit', 'kube-audit-admin', 'guard'] as const;

/** Subscription Activity Log categories, every one: the control-plane record of the subscription. */
export const ACTIVITY_LOG_CATEGORIES = [
  'Administrative',
  'Security',
  'ServiceHealth',
  'Alert',
  'Recommendation',
  'Policy',
  'Autoscale',
  'ResourceHealth',
] as const;

/**
 * The workspace tables that hold audit records (resource-specific mode): AKS audit and control
 * plane, the Activity Log, blob access, and Key Vault's AuditEvent (`AzureDiagnostics`). They keep
 * the audit retention and, beyond it, the archive period; other tables keep the workspace's.
 */
export const AUDIT_TABLES = [
  'AKSAudit',
  'AKSAuditAdmin',
  'AKSControlPlane',
  'AzureActivity',
  'StorageBlobLogs',
  'AzureDiagnostics',
] as const;

/**
 * The Azure immutability state of an archive: `Unlocked` while an administrator may still shorten
 * or remove the policy, `Locked` when nobody can. Azure creates a policy `Disabled` or `Unlocked`
 * only, so a `compliance` archive is created `Unlocked` and is `Locked` once the config records it
 * as locked (`azure.auditArchive.locks`); a `governance` archive stays `Unlocked`.
 */
export function archiveImmutabilityState(mode: 'governance' | 'compliance', locked: boolean): 'Unlocked' | 'Locked' {
  return mode === 'compliance' && locked ? 'Locked' : 'Unlocked';
}

/** Props of {@link archiveAuditLogs}. */
export interface ArchiveAuditLogsProps {
  /** The resource whose audit logs are archived. */
  readonly targetResourceId: string;
  /** The audit archive account. */
  readonly archiveAccountId: string;
  /** The categories to archive. */
  readonly categories?: readonly string[];
  /** A category group instead (`audit`), for resources that define one. */
  readonly categoryGroup?: string;
}

/**
 * A diagnostic setting that copies a resource's audit categories into the immutable archive.
 * A second setting beside the one that feeds the workspace: a resource may send one category to
 * several destinations, and only audit categories are archived.
 */
export function archiveAuditLogs(scope: Construct, id: string, props: ArchiveAuditLogsProps): MonitorDiagnosticSetting {
  return new MonitorDiagnosticSetting(scope, id, {
    name: 'audit-to-archive',
    targetResourceId: props.targetResourceId,
    storageAccountId: props.archiveAccountId,
    enabledLog: props.categoryGroup
      ? [{ categoryGroup: props.categoryGroup }]
      : (props.categories ?? []).map((category) => ({ category })),
  });
}

/** Props of {@link auditTableRetention}. */
export interface AuditTableRetentionProps {
  readonly workspaceId: string;
  readonly logging: LoggingSpec;
}

/** Audit retention, then archive, on each audit table of a workspace. */
export function auditTableRetention(
  scope: Construct,
  id: string,
  props: AuditTableRetentionProps,
): LogAnalyticsWorkspaceTable[] {
  return AUDIT_TABLES.map(
    (table) =>
      new LogAnalyticsWorkspaceTable(scope, `${id}-${table}`, {
        name: table,
        workspaceId: props.workspaceId,
        retentionInDays: props.logging.auditRetentionDays,
        totalRetentionInDays: props.logging.archiveDays,
      }),
  );
}
