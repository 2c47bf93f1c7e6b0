import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { Construct } from 'constructs';
import { s3BucketName } from '../../cloud-neutral/naming';
import { AwsSecureBucket, accessLogDelivery } from '../secure-bucket';

/** The bucket AWS Config delivers into, and the bucket of its access logs: `<prefix>-config-<account>`, `<prefix>-config-logs-<account>`. */
export function awsConfigBucketNames(namePrefix: string, accountId: string): { config: string; accessLogs: string } {
  return {
    config: s3BucketName([namePrefix, 'config', accountId]),
    accessLogs: s3BucketName([namePrefix, 'config-logs', accountId]),
  };
}

/** Props of {@link AwsConfigBucket}. */
export interface AwsConfigBucketProps {
  /** Name prefix, `<platform>-<environment>`. */
  readonly namePrefix: string;
  readonly accountId: string;
  /** The account's log key, in the bucket's region (Config requires the key there). */
  readonly kmsKeyArn: string;
  /** Days configuration snapshots and history are kept: the audit retention. */
  readonly retentionDays: number;
  /** Days the access logs of the bucket are kept. */
  readonly accessLogDays: number;
}

/**
 * The account's AWS Config delivery bucket, for the recorders of every region: SSE-KMS with the
 * account's log key, versioned, access-logged, and admitting Config of this account only, under
 * `AWSLogs/<account>/Config/` (the Config developer guide's bucket policy). No Object Lock:
 * Config does not deliver into a bucket that has it, so this is not the audit bucket.
 */
export class AwsConfigBucket extends Construct {
  readonly store: AwsSecureBucket;

  constructor(scope: Construct, id: string, props: AwsConfigBucketProps) {
    super(scope, id);
    const { accountId, namePrefix } = props;
    const names = awsConfigBucketNames(namePrefix, accountId);
    const name = names.config;
    const accessLogs = new AwsSecureBucket(this, 'access-logs', {
      name: names.accessLogs,
      noncurrentVersionDays: props.accessLogDays,
      expireAfterDays: props.accessLogDays,
      policyStatements: accessLogDelivery('S3DeliversAccessLogsOfTheConfigBucket', name, accountId),
    });
    const fromThisAccount = [{ test: 'StringEquals', variable: 'AWS:SourceAccount', values: [accountId] }];
    const config = [{ type: 'Service' as const, identifiers: ['config.amazonaws.com'] }];
    this.store = new AwsSecureBucket(this, 'bucket', {
      name,
      kmsKeyArn: props.kmsKeyArn,
      noncurrentVersionDays: props.retentionDays,
      expireAfterDays: props.retentionDays,
      policyStatements: (bucketArn) => [
        {
          sid: 'ConfigChecksTheAcl',
          actions: ['s3:GetBucketAcl', 's3:ListBucket'],
          resources: [bucketArn],
          principals: config,
          conditions: fromThisAccount,
        },
        {
          sid: 'ConfigDeliversThisAccountsItems',
          actions: ['s3:PutObject'],
          resources: [`${bucketArn}/AWSLogs/${accountId}/Config/*`],
          principals: config,
          conditions: [
            ...fromThisAccount,
            { test: 'StringEquals', variable: 's3:x-amz-acl', values: ['bucket-owner-full-control'] },
          ],
        },
      ],
    });
    const accessLogging = new S3BucketLoggingA(this, 'access-logging', {
      bucket: this.store.bucket.id,
      targetBucket: accessLogs.bucket.id,
      targetPrefix: `${name}/`,
      dependsOn: [...accessLogs.ready],
    });
    this.store.policyAfter(accessLogging);
  }
}
