import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { Construct } from 'constructs';
import { MODEL_TRUST_SET_KEY } from '../cloud-neutral/model-signing';
import type { IamStatement } from './iam/policy-document';
import type { AwsSecureBucket } from './secure-bucket';

/**
 * Object writes a bucket policy must refuse on the trust set: every put (object, ACL, tags,
 * retention, legal hold), every delete, restore and replication.
 */
export const TRUST_SET_WRITE_ACTIONS = [
  's3:PutObject*',
  's3:DeleteObject*',
  's3:RestoreObject',
  's3:ReplicateObject',
  's3:ReplicateDelete',
] as const;

/**
 * The bucket policy statement that keeps the trust set admin-only: it denies every write of the
 * object to any principal but the admins and the deployer, whatever their IAM policies grant.
 * The publisher, which may write under `models/`, cannot replace the keys its releases are
 * checked against.
 */
export function trustSetWriteProtection(bucketArn: string, adminArns: readonly string[]): IamStatement {
  return {
    sid: 'OnlyAdminsChangeTheTrustSet',
    effect: 'Deny',
    actions: [...TRUST_SET_WRITE_ACTIONS],
    resources: [`${bucketArn}/${MODEL_TRUST_SET_KEY}`],
    principals: [{ type: '*', identifiers: ['*'] }],
    conditions: [{ test: 'ArnNotEquals', variable: 'aws:PrincipalArn', values: [...adminArns] }],
  };
}

/** Props of {@link AwsModelTrustSet}. */
export interface AwsModelTrustSetProps {
  /** The region's model store bucket. */
  readonly store: AwsSecureBucket;
  /** The trust set JSON: a reference to the signing key's stack output, never a literal. */
  readonly content: string;
}

/**
 * The trust set in a region's model bucket (`model-signing/trust.json`): the public keys its
 * model servers verify releases with, written by the deploy from the signing key's own output.
 * Versioned with the bucket, so every earlier trust set stays readable; its reads and writes are
 * the trail's S3 data events, like the releases'.
 */
export class AwsModelTrustSet extends Construct {
  readonly object: S3Object;

  constructor(scope: Construct, id: string, props: AwsModelTrustSetProps) {
    super(scope, id);
    this.object = new S3Object(this, 'object', {
      bucket: props.store.bucket.id,
      key: MODEL_TRUST_SET_KEY,
      content: props.content,
      contentType: 'application/json',
      // Written once the bucket encrypts with its key and its policy applies.
      dependsOn: [...props.store.ready],
    });
  }
}
