/** Cloud-neutral logging settings, implemented by CloudWatch Logs on AWS and Log Analytics on Azure. */
export interface LoggingSpec {
  /** Days every log of the environment is kept; one of `ALLOWED_RETENTION_DAYS`. */
  readonly retentionDays: number;
}
