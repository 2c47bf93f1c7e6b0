import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { Construct } from 'constructs';
import type { LoggingSpec } from '../../cloud-neutral/logging';
import { s3BucketName } from '../../cloud-neutral/naming';
import { iamPolicyDocument } from '../iam/policy-document';
import { AwsLogGroup } from '../logging/log-group';
import { AwsSecureBucket, accessLogDelivery } from '../secure-bucket';

/** The S3 Object Lock mode of each immutability setting. */
const OBJECT_LOCK_MODE = { governance: 'GOVERNANCE', compliance: 'COMPLIANCE' } as const;

/** Props of {@link AwsAccountTrail}. */
export interface AwsAccountTrailProps {
  /** Name prefix, `<platform>-<environment>`: the trail's name and its buckets'. */
  readonly namePrefix: string;
  readonly accountId: string;
  /** The region the trail is created in (it records every region). */
  readonly region: string;
  readonly logging: LoggingSpec;
  /** The account's log key: encrypts the log files, the log group and the alarm topic. */
  readonly kmsKeyArn: string;
  /**
   * The bucket name prefix whose objects' reads and writes the trail records as data events:
   * the model stores, of every region and environment in the account.
   */
  readonly dataEventBucketPrefix: string;
}

/** The trail's audit bucket and the bucket of its access logs: `<prefix>-audit-<account>`, `<prefix>-audit-logs-<account>`. */
export function awsAuditBucketNames(namePrefix: string, accountId: string): { audit: string; accessLogs: string } {
  return {
    audit: s3BucketName([namePrefix, 'audit', accountId]),
    accessLogs: s3BucketName([namePrefix, 'audit-logs', accountId]),
  };
}

/** The ARN a trail will have: key and bucket policies name it before it exists. */
export function trailArn(region: string, accountId: string, name: string): string {
  return `arn:aws:cloudtrail:${region}:${accountId}:trail/${name}`;
}

/**
 * The account's one CloudTrail trail: every region, log file validation, KMS-encrypted, into an
 * audit bucket with Object Lock for the archive period (from config), and into a CloudWatch log
 * group kept for the audit retention, through a role that may write only there. Management events
 * and the S3 data events of the model stores, so every read and write of a model artifact is in it.
 */
export class AwsAccountTrail extends Construct {
  readonly trail: Cloudtrail;
  readonly logGroup: AwsLogGroup;
  readonly auditBucket: AwsSecureBucket;

  constructor(scope: Construct, id: string, props: AwsAccountTrailProps) {
    super(scope, id);
    const { accountId, namePrefix, logging } = props;
    const name = namePrefix;
    const arn = trailArn(props.region, accountId, name);

    const buckets = awsAuditBucketNames(namePrefix, accountId);
    const auditBucketName = buckets.audit;
    const accessLogs = new AwsSecureBucket(this, 'access-logs', {
      name: buckets.accessLogs,
      noncurrentVersionDays: logging.retentionDays,
      expireAfterDays: logging.archiveDays,
      policyStatements: accessLogDelivery('S3DeliversAccessLogsOfTheAuditBucket', auditBucketName, accountId),
    });
    this.auditBucket = new AwsSecureBucket(this, 'audit', {
      name: auditBucketName,
      kmsKeyArn: props.kmsKeyArn,
      noncurrentVersionDays: logging.archiveDays,
      expireAfterDays: logging.archiveDays,
      objectLock:
        logging.immutability === 'off'
          ? undefined
          : { mode: OBJECT_LOCK_MODE[logging.immutability], days: logging.archiveDays },
      policyStatements: (bucketArn) => [
        {
          sid: 'CloudTrailChecksTheAcl',
          actions: ['s3:GetBucketAcl'],
          resources: [bucketArn],
          principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
          conditions: [{ test: 'StringEquals', variable: 'aws:SourceArn', values: [arn] }],
        },
        {
          sid: 'CloudTrailWritesThisAccountsLogs',
          actions: ['s3:PutObject'],
          resources: [`${bucketArn}/AWSLogs/${accountId}/*`],
          principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
          conditions: [
            { test: 'StringEquals', variable: 'aws:SourceArn', values: [arn] },
            { test: 'StringEquals', variable: 's3:x-amz-acl', values: ['bucket-owner-full-control'] },
          ],
        },
      ],
    });
    const bucketLogging = new S3BucketLoggingA(this, 'audit-access-logging', {
      bucket: this.auditBucket.bucket.id,
      targetBucket: accessLogs.bucket.id,
      targetPrefix: 'audit/',
      dependsOn: [...accessLogs.ready],
    });
    this.auditBucket.policyAfter(bucketLogging);

    this.logGroup = new AwsLogGroup(this, 'log-group', {
      name: `/aws/cloudtrail/${name}`,
      retentionDays: logging.auditRetentionDays,
      kmsKeyArn: props.kmsKeyArn,
    });
    const role = new IamRole(this, 'logs-role', {
      name: `${namePrefix}-cloudtrail-logs`,
      description: `CloudTrail ${name} delivers to its log group`,
      // No aws:SourceArn or aws:SourceAccount here: this role does not support them (CloudTrail
      // user guide, "Role policy document for CloudTrail to use CloudWatch Logs for monitoring");
      // with one, CreateTrail fails or delivery stops. Its policy confines it to one log group.
      assumeRolePolicy: iamPolicyDocument(this, 'logs-role-trust', [
        {
          sid: 'CloudTrailDelivers',
          principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
          actions: ['sts:AssumeRole'],
        },
      ]).json,
    });
    const rolePolicy = new IamRolePolicy(this, 'logs-role-write', {
      name: 'write-trail-log-group',
      role: role.id,
      policy: iamPolicyDocument(this, 'logs-role-write-document', [
        {
          sid: 'WriteTheTrailLogGroup',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${this.logGroup.logGroup.arn}:log-stream:*`],
        },
      ]).json,
    });

    this.trail = new Cloudtrail(this, 'trail', {
      name,
      s3BucketName: this.auditBucket.bucket.id,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      kmsKeyId: props.kmsKeyArn,
      cloudWatchLogsGroupArn: `${this.logGroup.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      advancedEventSelector: [
        {
          name: 'Management events',
          fieldSelector: [{ field: 'eventCategory', equalTo: ['Management'] }],
        },
        {
          name: 'Model store object reads and writes',
          fieldSelector: [
            { field: 'eventCategory', equalTo: ['Data'] },
            { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
            { field: 'resources.ARN', startsWith: [`arn:aws:s3:::${props.dataEventBucketPrefix}`] },
          ],
        },
      ],
      // CloudTrail checks at creation that it may write to the bucket and the log group.
      dependsOn: [this.auditBucket.policy, rolePolicy, bucketLogging],
    });
  }
}
