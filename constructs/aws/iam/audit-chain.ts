/**
 * What the permissions boundary denies on the audit chain: deleting or weakening the trail, the
 * audit and Config buckets, the log keys, the log groups and the flow logs. Pure.
 */
import { awsAuditBucketNames } from '../audit/account-trail';
import { awsAlarmTopicName } from '../audit/alarm-topic';
import { awsConfigBucketNames } from '../baseline/config-bucket';
import { awsLogKeyAlias } from '../logging/log-encryption-key';
import type { IamStatement } from './policy-document';

/** The audit chain of one environment's account, named before any of it exists. */
export interface AwsAuditChain {
  readonly accountId: string;
  /** The environment's prefix, `<platform>-<environment>`: its buckets, keys and log groups start with it. */
  readonly namePrefix: string;
  /**
   * The one role the denies exempt, for incidents (config `aws.breakGlassRoleArn`). Default: none,
   * no role carrying the boundary may change the chain.
   */
  readonly breakGlassRoleArn?: string;
}

/** Actions that stop or rewrite what a trail records. */
export const TRAIL_ACTIONS = [
  'cloudtrail:StopLogging',
  'cloudtrail:DeleteTrail',
  'cloudtrail:UpdateTrail',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:PutInsightSelectors',
] as const;

/** Actions that delete an audit bucket or loosen what keeps its objects. */
export const AUDIT_BUCKET_ACTIONS = [
  's3:DeleteBucket*',
  's3:PutBucketPolicy',
  's3:PutLifecycleConfiguration',
  's3:PutBucketVersioning',
  's3:PutBucketObjectLockConfiguration',
  's3:PutEncryptionConfiguration',
  's3:PutBucketLogging',
  's3:PutBucketPublicAccessBlock',
] as const;

/** Actions that delete audit objects or shorten their retention. */
export const AUDIT_OBJECT_ACTIONS = [
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:BypassGovernanceRetention',
  's3:PutObjectRetention',
] as const;

/** Actions that destroy a log key, take it out of use or hand it to someone else. */
export const LOG_KEY_ACTIONS = [
  'kms:ScheduleKeyDeletion',
  'kms:PutKeyPolicy',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
] as const;

/** Actions that move a log key's alias, which is how the key denies find it. */
export const LOG_KEY_ALIAS_ACTIONS = ['kms:DeleteAlias', 'kms:UpdateAlias'] as const;

/** Actions that delete log groups or their events sooner. */
export const LOG_GROUP_ACTIONS = [
  'logs:DeleteLogGroup',
  'logs:DeleteLogStream',
  'logs:DeleteRetentionPolicy',
  'logs:PutRetentionPolicy',
  'logs:DisassociateKmsKey',
] as const;

/**
 * Actions that silence the CIS alarm chain: the metric filters on the trail's log group, the
 * alarms on them and the topic they notify.
 */
export const ALARM_CHAIN_ACTIONS = {
  filters: ['logs:DeleteMetricFilter', 'logs:PutMetricFilter'],
  alarms: ['cloudwatch:DeleteAlarms', 'cloudwatch:DisableAlarmActions', 'cloudwatch:PutMetricAlarm'],
  topic: ['sns:DeleteTopic', 'sns:SetTopicAttributes', 'sns:Unsubscribe', 'sns:RemovePermission'],
} as const;

/** Actions that turn off the detectors and recorders of the account baseline; none takes a resource ARN. */
export const DETECTOR_ACTIONS = [
  'config:StopConfigurationRecorder',
  'config:DeleteConfigurationRecorder',
  'config:DeleteDeliveryChannel',
  'guardduty:DeleteDetector',
  'guardduty:UpdateDetector',
  'securityhub:DisableSecurityHub',
  'securityhub:BatchDisableStandards',
] as const;

/**
 * Explicit denies on the environment's audit chain, each scoped to the chain's own ARNs where the
 * action takes one, and waived for the break-glass role only. The boundary already allows no
 * CloudTrail, Config, GuardDuty or Security Hub action; these denies hold even if a fork widens
 * it. KMS keys get their ids at creation, so the key denies find the log keys by alias
 * (`kms:ResourceAliases`), and the aliases themselves cannot be moved.
 */
export function auditChainStatements(chain: AwsAuditChain): IamStatement[] {
  const { accountId, namePrefix } = chain;
  const except = chain.breakGlassRoleArn
    ? [{ test: 'ArnNotEquals', variable: 'aws:PrincipalArn', values: [chain.breakGlassRoleArn] }]
    : [];
  const trail = awsAuditBucketNames(namePrefix, accountId);
  const config = awsConfigBucketNames(namePrefix, accountId);
  const buckets = [trail.audit, trail.accessLogs, config.config, config.accessLogs].map((b) => `arn:aws:s3:::${b}`);
  // The account's log key and each region's: `<prefix>-logs`, `<prefix>-<region>-logs`.
  const logKeyAliases = [`alias/${awsLogKeyAlias(namePrefix)}`, `alias/${awsLogKeyAlias(`${namePrefix}-*`)}`];
  const logGroup = (path: string) => `arn:aws:logs:*:${accountId}:log-group:${path}`;
  const deny = (sid: string, actions: readonly string[], resources: readonly string[], conditions = except) => ({
    sid,
    effect: 'Deny' as const,
    actions: [...actions],
    resources: [...resources],
    conditions,
  });
  return [
    deny('AuditChainTrails', TRAIL_ACTIONS, [`arn:aws:cloudtrail:*:${accountId}:trail/*`]),
    deny('AuditChainBuckets', AUDIT_BUCKET_ACTIONS, buckets),
    deny(
      'AuditChainObjects',
      AUDIT_OBJECT_ACTIONS,
      buckets.map((b) => `${b}/*`),
    ),
    deny(
      'AuditChainLogKeys',
      LOG_KEY_ACTIONS,
      [`arn:aws:kms:*:${accountId}:key/*`],
      [...except, { test: 'ForAnyValue:StringLike', variable: 'kms:ResourceAliases', values: logKeyAliases }],
    ),
    deny(
      'AuditChainLogKeyAliases',
      LOG_KEY_ALIAS_ACTIONS,
      logKeyAliases.map((a) => `arn:aws:kms:*:${accountId}:${a}`),
    ),
    deny('AuditChainLogGroups', LOG_GROUP_ACTIONS, [
      logGroup(`/aws/cloudtrail/${namePrefix}*`),
      logGroup(`/aws/vpc/${namePrefix}-*`),
      logGroup(`/aws/eks/${namePrefix}-*`),
      logGroup(`/aws/vpn/${namePrefix}-*`),
    ]),
    deny('AuditChainMetricFilters', ALARM_CHAIN_ACTIONS.filters, [logGroup(`/aws/cloudtrail/${namePrefix}*`)]),
    deny('AuditChainAlarms', ALARM_CHAIN_ACTIONS.alarms, [`arn:aws:cloudwatch:*:${accountId}:alarm:${namePrefix}-*`]),
    deny('AuditChainAlarmTopic', ALARM_CHAIN_ACTIONS.topic, [
      `arn:aws:sns:*:${accountId}:${awsAlarmTopicName(namePrefix)}`,
    ]),
    deny('AuditChainFlowLogs', ['ec2:DeleteFlowLogs'], [`arn:aws:ec2:*:${accountId}:vpc-flow-log/*`]),
    deny('AuditChainDetectors', DETECTOR_ACTIONS, ['*']),
  ];
}
