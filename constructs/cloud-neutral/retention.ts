/**
 * Log retention values both log services accept. One config value drives CloudWatch Logs (AWS)
 * and Log Analytics (Azure), so only values valid on both are allowed.
 */

/** CloudWatch Logs `retention_in_days` values (PutRetentionPolicy API reference). */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Log Analytics workspace `retention_in_days`: 30 to 730 on the PerGB2018 tier. */
export const LOG_ANALYTICS_RETENTION_RANGE = { min: 30, max: 730 } as const;

/** The retention values this platform accepts: on CloudWatch's list and in Log Analytics' range. */
export const ALLOWED_RETENTION_DAYS: readonly number[] = CLOUDWATCH_RETENTION_DAYS.filter(
  (d) => d >= LOG_ANALYTICS_RETENTION_RANGE.min && d <= LOG_ANALYTICS_RETENTION_RANGE.max,
);

/** Audit logs are kept at least a year (CIS, and most audit regimes). */
export const MIN_AUDIT_RETENTION_DAYS = 365;

/** The audit retention values this platform accepts: allowed, and at least a year. */
export const ALLOWED_AUDIT_RETENTION_DAYS: readonly number[] = ALLOWED_RETENTION_DAYS.filter(
  (d) => d >= MIN_AUDIT_RETENTION_DAYS,
);

/**
 * Archive periods, in days: what Log Analytics takes as a table's total retention (up to 730 in
 * days, then whole years), from a year up. S3 Object Lock and Azure immutability take any of them.
 */
export const ALLOWED_ARCHIVE_DAYS: readonly number[] = [
  ...Array.from({ length: 730 - MIN_AUDIT_RETENTION_DAYS + 1 }, (_, i) => MIN_AUDIT_RETENTION_DAYS + i),
  1095,
  1460,
  1826,
  2191,
  2556,
  2922,
  3288,
  3653,
  4018,
  4383,
];

/** The archive periods as the config error names them. */
export const ARCHIVE_DAYS_RULE = `${MIN_AUDIT_RETENTION_DAYS}-730, or whole years: 1095, 1460, 1826, 2191, 2556, 2922, 3288, 3653, 4018 or 4383 (Log Analytics total retention)`;
