/**
 * Cloud-neutral logging settings, implemented by CloudWatch Logs, CloudTrail and S3 on AWS and
 * by Log Analytics and storage on Azure. Every log destination is one of two kinds, and takes
 * its kind's retention: a config change moves every destination of that kind, on both clouds,
 * and nothing else.
 */

/** Operational logs (flow logs, control plane, workloads) or audit logs (who did what). */
export type LogKind = 'operational' | 'audit';

/**
 * How audit archives resist change: `off`; `governance` (AWS Object Lock governance mode, an
 * unlocked Azure immutability policy: privileged principals may still shorten or remove it); or
 * `compliance` (Object Lock compliance mode, a locked Azure policy: nobody can, not even the
 * account root, until each object's period ends).
 */
export const IMMUTABILITY_MODES = ['off', 'governance', 'compliance'] as const;
export type ImmutabilityMode = (typeof IMMUTABILITY_MODES)[number];

export interface LoggingSpec {
  /** Days operational logs are kept; one of `ALLOWED_RETENTION_DAYS`. */
  readonly retentionDays: number;
  /** Days audit logs stay queryable (trail log group, audit tables); one of `ALLOWED_AUDIT_RETENTION_DAYS`. */
  readonly auditRetentionDays: number;
  /** Days audit archives are kept (and, when immutable, locked), at least the audit retention. */
  readonly archiveDays: number;
  readonly immutability: ImmutabilityMode;
  /** Tags every resource carries so a trace can select the platform's resources on both clouds. */
  readonly lineageTags: Readonly<Record<string, string>>;
}

/** The retention of a log destination of `kind`. */
export function retentionFor(logging: LoggingSpec, kind: LogKind): number {
  return kind === 'audit' ? logging.auditRetentionDays : logging.retentionDays;
}
