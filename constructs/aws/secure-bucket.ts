import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { dependable, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { iamPolicyDocument, type IamStatement } from './iam/policy-document';

/** Props of {@link AwsSecureBucket}. */
export interface AwsSecureBucketProps {
  /** Globally unique bucket name (see `s3BucketName`). */
  readonly name: string;
  /**
   * The KMS key objects are encrypted with (SSE-KMS, with bucket keys). Omit for SSE-S3, which
   * only a bucket that receives S3 server access logs should do: log delivery cannot use KMS.
   */
  readonly kmsKeyArn?: string;
  /** Days a replaced or deleted object version is kept. */
  readonly noncurrentVersionDays: number;
  /** Days after which current objects expire. Default: never. */
  readonly expireAfterDays?: number;
  /**
   * S3 Object Lock: every new object version is locked for `days` in `mode` (`GOVERNANCE`: only
   * principals allowed to bypass may shorten it; `COMPLIANCE`: nobody can). Only at creation: a
   * bucket is created with Object Lock or without. Default: off.
   */
  readonly objectLock?: { readonly mode: 'GOVERNANCE' | 'COMPLIANCE'; readonly days: number };
  /** Statements of the bucket policy beyond the TLS-only deny every bucket gets. Default: none. */
  readonly policyStatements?: (bucketArn: string) => readonly IamStatement[];
}

/**
 * An S3 bucket hardened the same way wherever the platform keeps data: all four public access
 * block flags, ACLs off (bucket owner enforced), default encryption, versioning, a lifecycle that
 * expires noncurrent versions and abandoned multipart uploads, a policy that denies requests
 * without TLS, and protection from destroy (no `force_destroy`).
 */
export class AwsSecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  readonly policy: S3BucketPolicy;
  /** Settings S3 must have applied before other buckets deliver into this one. */
  readonly ready: readonly ITerraformDependable[];

  /** Every setting of the bucket, which the policy is applied after. */
  private readonly settings: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: AwsSecureBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.name,
      objectLockEnabled: props.objectLock ? true : undefined,
      lifecycle: { preventDestroy: true },
    });
    const bucket = this.bucket.id;
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const ownership = new S3BucketOwnershipControls(this, 'ownership', {
      bucket,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    const encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [
        {
          applyServerSideEncryptionByDefault: props.kmsKeyArn
            ? { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }
            : { sseAlgorithm: 'AES256' },
          bucketKeyEnabled: props.kmsKeyArn !== undefined,
        },
      ],
    });
    const versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket,
      versioningConfiguration: { status: 'Enabled' },
    });
    const objectLock =
      props.objectLock &&
      new S3BucketObjectLockConfigurationA(this, 'object-lock', {
        bucket,
        objectLockEnabled: 'Enabled',
        rule: { defaultRetention: { mode: props.objectLock.mode, days: props.objectLock.days } },
        dependsOn: [versioning],
      });
    const lifecycle = new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket,
      rule: [
        {
          id: 'expire-noncurrent-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          expiration: props.expireAfterDays ? [{ days: props.expireAfterDays }] : undefined,
        },
      ],
      // S3 rejects a lifecycle with noncurrent-version rules on a bucket without versioning.
      dependsOn: [versioning],
    });
    const bucketArn = this.bucket.arn;
    const statements: IamStatement[] = [
      {
        sid: 'DenyWithoutTls',
        effect: 'Deny',
        actions: ['s3:*'],
        resources: [bucketArn, `${bucketArn}/*`],
        principals: [{ type: '*', identifiers: ['*'] }],
        conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
      ...(props.policyStatements?.(bucketArn) ?? []),
    ];
    this.settings = [
      this.publicAccessBlock,
      ownership,
      encryption,
      versioning,
      lifecycle,
      ...(objectLock ? [objectLock] : []),
    ];
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket,
      policy: iamPolicyDocument(this, 'policy-document', statements).json,
      // Last: with public policies blocked first, no statement can ever make the bucket public,
      // and a policy that denies principals cannot shut Terraform out of the settings it has yet
      // to apply.
      dependsOn: this.settings,
    });
    this.ready = [ownership, this.policy];
  }

  /** Makes the bucket policy wait for a setting of the bucket declared outside this construct. */
  policyAfter(setting: ITerraformDependable): void {
    this.settings.push(setting);
    this.policy.dependsOn = this.settings.map(dependable);
  }
}

/**
 * The bucket policy statement that lets S3 deliver one bucket's server access logs into the log
 * bucket it is given to: only for that source bucket, in this account.
 */
export function accessLogDelivery(
  sid: string,
  sourceBucketName: string,
  accountId: string,
): (logBucketArn: string) => IamStatement[] {
  return (logBucketArn) => [
    {
      sid,
      actions: ['s3:PutObject'],
      resources: [`${logBucketArn}/*`],
      principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
      conditions: [
        { test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:aws:s3:::${sourceBucketName}`] },
        { test: 'StringEquals', variable: 'aws:SourceAccount', values: [accountId] },
      ],
    },
  ];
}
