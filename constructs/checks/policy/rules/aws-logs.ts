/** AWS logs: CloudWatch log groups, the CloudTrail trail, the alarm topic. */
import { referencedAddress } from '../../../shared/stack-json';
import { eachResource, missing, type PolicyRule } from '../rule';

const isKmsKey = (value: unknown): boolean => referencedAddress(value)?.startsWith('aws_kms_key.') ?? false;

export const AWS_LOG_RULES: readonly PolicyRule[] = [
  {
    id: 'GPUP-AWS-LOG-1',
    severity: 'error',
    title: 'CloudWatch log groups are KMS-encrypted and kept at least the environment minimum',
    rationale: 'Logs carry request paths and identities; an investigation needs them for as long as the policy says',
    fix: 'set kms_key_id to a KMS key of the stack and retention_in_days >= policy.minimumLogRetentionDays (AwsLogGroup)',
    resourceTypes: ['aws_cloudwatch_log_group'],
    controls: { checkov: ['CKV_AWS_158'] },
    check: eachResource(['aws_cloudwatch_log_group'], ({ attributes }, _stack, { minimumLogRetentionDays }) => {
      const days = Number(attributes.retention_in_days ?? 0);
      return missing({
        'kms_key_id to a KMS key': isKmsKey(attributes.kms_key_id),
        // 0 (or unset) keeps events forever.
        [`retention_in_days >= ${minimumLogRetentionDays}`]: days === 0 || days >= minimumLogRetentionDays,
      });
    }),
  },
  {
    id: 'GPUP-AWS-TRAIL-1',
    severity: 'error',
    title: 'The CloudTrail trail is multi-region, validated, KMS-encrypted and sent to CloudWatch Logs',
    rationale:
      'A trail that misses regions, can be edited unnoticed, or is readable by anyone with bucket access is not evidence',
    fix: 'set is_multi_region_trail, include_global_service_events, enable_log_file_validation, kms_key_id and cloud_watch_logs_group_arn',
    resourceTypes: ['aws_cloudtrail'],
    controls: {
      awsFsbp: ['CloudTrail.1', 'CloudTrail.2', 'CloudTrail.4', 'CloudTrail.5'],
      cisAws: ['3.1', '3.2', '3.5'],
      checkov: ['CKV_AWS_67', 'CKV_AWS_36', 'CKV_AWS_35', 'CKV2_AWS_10'],
    },
    check: eachResource(['aws_cloudtrail'], ({ attributes }) =>
      missing({
        'is_multi_region_trail = true': attributes.is_multi_region_trail === true,
        'include_global_service_events = true': attributes.include_global_service_events !== false,
        'enable_log_file_validation = true': attributes.enable_log_file_validation === true,
        'kms_key_id to a KMS key': isKmsKey(attributes.kms_key_id),
        cloud_watch_logs_group_arn: Boolean(attributes.cloud_watch_logs_group_arn),
      }),
    ),
  },
  {
    id: 'GPUP-AWS-SNS-1',
    severity: 'error',
    title: 'SNS topics are encrypted with a customer-managed KMS key',
    rationale: 'Alarm messages name resources and principals; a CMK keeps them to those the key policy allows',
    fix: 'set kms_master_key_id to a KMS key of the stack',
    resourceTypes: ['aws_sns_topic'],
    controls: { checkov: ['CKV_AWS_26'] },
    check: eachResource(['aws_sns_topic'], ({ attributes }) =>
      isKmsKey(attributes.kms_master_key_id) ? undefined : 'must set kms_master_key_id to a KMS key',
    ),
  },
];
