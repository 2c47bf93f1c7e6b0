import type { Construct } from 'constructs';
import type { IamStatement } from '../iam/policy-document';
import { AwsKmsKey } from '../kms-key';

/** Props of {@link awsLogEncryptionKey}. */
export interface AwsLogEncryptionKeyProps {
  /** Resource name prefix, for example `gpuplat-prod-us-east-1`. */
  readonly namePrefix: string;
  /** The account that owns the key and the log groups it encrypts. */
  readonly accountId: string;
  readonly region: string;
  /**
   * The trail whose log files the key encrypts (the account stack's key). Default: none, the key
   * serves CloudWatch Logs only.
   */
  readonly trailArn?: string;
  /**
   * Whether CloudWatch alarms of this account and region publish to an SNS topic encrypted with
   * the key. Default false.
   */
  readonly alarmTopic?: boolean;
  /**
   * Whether AWS Config delivers into a bucket encrypted with the key (the account stack's key).
   * Default false.
   */
  readonly configDelivery?: boolean;
}

/**
 * The statements that let AWS services use a log key, each for this account and region only:
 * CloudWatch Logs for this account's log groups (encryption context), CloudTrail for one trail
 * (`aws:SourceArn` and the trail encryption context), CloudWatch alarms publishing to an
 * encrypted topic (`aws:SourceArn` of this account's alarms). Pure.
 */
export function logKeyStatements(props: AwsLogEncryptionKeyProps): IamStatement[] {
  const { accountId, region } = props;
  const statements: IamStatement[] = [
    {
      sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
      principals: [{ type: 'Service', identifiers: [`logs.${region}.amazonaws.com`] }],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: [
        {
          test: 'ArnLike',
          variable: 'kms:EncryptionContext:aws:logs:arn',
          values: [`arn:aws:logs:${region}:${accountId}:log-group:*`],
        },
      ],
    },
  ];
  if (props.trailArn) {
    statements.push(
      {
        sid: 'CloudTrailEncryptsThisTrail',
        principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: [
          { test: 'StringEquals', variable: 'aws:SourceArn', values: [props.trailArn] },
          {
            test: 'StringLike',
            variable: 'kms:EncryptionContext:aws:cloudtrail:arn',
            values: [`arn:aws:cloudtrail:*:${accountId}:trail/*`],
          },
        ],
      },
      {
        sid: 'CloudTrailDescribesTheKey',
        principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
        conditions: [{ test: 'StringEquals', variable: 'aws:SourceArn', values: [props.trailArn] }],
      },
    );
  }
  if (props.alarmTopic) {
    statements.push({
      sid: 'AlarmsPublishToTheEncryptedTopic',
      principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: [
        { test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:aws:cloudwatch:${region}:${accountId}:alarm:*`] },
      ],
    });
  }
  if (props.configDelivery) {
    // The Config service-linked role has no access to KMS keys, so Config delivers as its service
    // principal (Config developer guide, "Permissions for the KMS Key for the AWS Config Delivery
    // Channel", service-linked roles), for this account only.
    statements.push({
      sid: 'ConfigEncryptsWhatItDelivers',
      principals: [{ type: 'Service', identifiers: ['config.amazonaws.com'] }],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: [{ test: 'StringEquals', variable: 'AWS:SourceAccount', values: [accountId] }],
    });
  }
  return statements;
}

/** The alias of a log key, without `alias/`: `<namePrefix>-logs` (the account's, or a region's when the prefix names it). */
export const awsLogKeyAlias = (namePrefix: string) => `${namePrefix}-logs`;

/** The KMS key for a region's logs: see {@link logKeyStatements} for who may use it. */
export function awsLogEncryptionKey(scope: Construct, id: string, props: AwsLogEncryptionKeyProps): AwsKmsKey {
  return new AwsKmsKey(scope, id, {
    alias: awsLogKeyAlias(props.namePrefix),
    description: `${props.trailArn ? 'CloudWatch Logs, CloudTrail and alarm' : 'CloudWatch Logs'} encryption for ${props.namePrefix}`,
    accountId: props.accountId,
    statements: logKeyStatements(props),
  });
}
