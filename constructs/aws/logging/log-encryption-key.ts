import type { Construct } from 'constructs';
import { AwsKmsKey } from '../kms-key';

/** Props of {@link awsLogEncryptionKey}. */
export interface AwsLogEncryptionKeyProps {
  /** Resource name prefix, for example `gpuplat-prod-us-east-1`. */
  readonly namePrefix: string;
  /** The account that owns the key and the log groups it encrypts. */
  readonly accountId: string;
  readonly region: string;
}

/**
 * The KMS key for a region's CloudWatch log groups, usable by CloudWatch Logs only for this
 * account's log groups in this region (the encryption-context condition).
 */
export function awsLogEncryptionKey(scope: Construct, id: string, props: AwsLogEncryptionKeyProps): AwsKmsKey {
  const { accountId, region } = props;
  return new AwsKmsKey(scope, id, {
    alias: `${props.namePrefix}-logs`,
    description: `CloudWatch Logs encryption for ${props.namePrefix}`,
    accountId,
    statements: [
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
    ],
  });
}
