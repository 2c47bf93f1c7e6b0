import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';

/** Props of {@link AwsLogEncryptionKey}. */
export interface AwsLogEncryptionKeyProps {
  /** Resource name prefix, for example `gpuplat-prod-us-east-1`. */
  readonly namePrefix: string;
  /** The account that owns the key and the log groups it encrypts. */
  readonly accountId: string;
  readonly region: string;
}

/**
 * The customer-managed KMS key for a region's CloudWatch log groups: rotation on, a 30-day
 * deletion window, protected from destroy, and usable by CloudWatch Logs only for this
 * account's log groups in this region (the encryption-context condition).
 */
export class AwsLogEncryptionKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: AwsLogEncryptionKeyProps) {
    super(scope, id);
    const { accountId, region } = props;
    this.key = new KmsKey(this, 'key', {
      description: `CloudWatch Logs encryption for ${props.namePrefix}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AccountAdministers',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${accountId}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
            Effect: 'Allow',
            Principal: { Service: `logs.${region}.amazonaws.com` },
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            Resource: '*',
            Condition: {
              ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${accountId}:log-group:*` },
            },
          },
        ],
      }),
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(this, 'alias', { name: `alias/${props.namePrefix}-logs`, targetKeyId: this.key.keyId });
  }
}
