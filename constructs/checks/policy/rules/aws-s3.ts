/**
 * S3 buckets. Each setting lives in a resource of its own (`aws_s3_bucket_*`), so these rules
 * span resources: a bucket complies when the stack holds the companion resource that sets it.
 */
import {
  block,
  policyStatements,
  referencedAddress,
  resourcesOfType,
  type StackJson,
  type StackResource,
} from '../../../shared/stack-json';
import { eachResource, missing, type PolicyRule } from '../rule';

/** The companion resources of `type` that configure a bucket (their `bucket` references it). */
function companions(stack: StackJson, bucket: StackResource, type: string): StackResource[] {
  return resourcesOfType(stack, type).filter((c) => referencedAddress(c.attributes.bucket) === bucket.address);
}

/** Buckets that receive S3 server access logs: S3 delivers those only with SSE-S3, and they log nothing themselves. */
function isAccessLogTarget(stack: StackJson, bucket: StackResource): boolean {
  return resourcesOfType(stack, 'aws_s3_bucket_logging').some(
    (l) => referencedAddress(l.attributes.target_bucket) === bucket.address,
  );
}

const PUBLIC_ACCESS_BLOCK_SETTINGS = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
];

export const AWS_S3_RULES: readonly PolicyRule[] = [
  {
    id: 'GPUP-AWS-S3-1',
    severity: 'error',
    title: 'Every bucket has a public access block with all four settings on',
    rationale: 'One public ACL or policy statement publishes model weights or audit logs to the internet',
    fix: 'add an aws_s3_bucket_public_access_block for the bucket with every setting true (AwsSecureBucket)',
    resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_public_access_block'],
    controls: {
      awsFsbp: ['S3.8'],
      cisAws: ['2.1.4'],
      checkov: ['CKV2_AWS_6', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
    },
    check: eachResource(['aws_s3_bucket'], (bucket, stack) => {
      const block = companions(stack, bucket, 'aws_s3_bucket_public_access_block')[0];
      if (!block) return 'has no aws_s3_bucket_public_access_block';
      const off = PUBLIC_ACCESS_BLOCK_SETTINGS.filter((s) => block.attributes[s] !== true);
      return off.length > 0 ? `${block.address} leaves ${off.join(', ')} off` : undefined;
    }),
  },
  {
    id: 'GPUP-AWS-S3-2',
    severity: 'error',
    title: 'Every bucket policy denies requests without TLS',
    rationale: 'Plain HTTP exposes objects and signed requests in transit; AWS endpoints negotiate TLS 1.2 or later',
    fix: 'add a Deny s3:* statement on aws:SecureTransport = false to the bucket policy (AwsSecureBucket)',
    resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_policy'],
    controls: { awsFsbp: ['S3.5'], cisAws: ['2.1.1'] },
    check: eachResource(['aws_s3_bucket'], (bucket, stack) => {
      const statements = companions(stack, bucket, 'aws_s3_bucket_policy').flatMap(
        (p) => policyStatements(stack, p.attributes.policy) ?? [],
      );
      return statements.some(
        (s) =>
          s.effect === 'Deny' &&
          s.conditions.some(
            (c) => c.test === 'Bool' && c.variable === 'aws:SecureTransport' && c.values.includes('false'),
          ),
      )
        ? undefined
        : 'has no bucket policy denying aws:SecureTransport = false';
    }),
  },
  {
    id: 'GPUP-AWS-S3-3',
    severity: 'error',
    title: 'Buckets are encrypted with a customer-managed KMS key (access-log targets: SSE-S3, as S3 requires)',
    rationale:
      'A CMK lets the key owner audit and revoke every read; S3 server access logs can only be delivered to SSE-S3 buckets',
    fix: 'add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = "aws:kms" and kms_master_key_id',
    resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_server_side_encryption_configuration'],
    controls: { checkov: ['CKV_AWS_145'] },
    check: eachResource(['aws_s3_bucket'], (bucket, stack) => {
      const rules = companions(stack, bucket, 'aws_s3_bucket_server_side_encryption_configuration').flatMap(
        (c) => (c.attributes.rule as Record<string, unknown>[] | undefined) ?? [],
      );
      const defaults = rules.map((r) => block(r.apply_server_side_encryption_by_default));
      if (defaults.length === 0) return 'has no aws_s3_bucket_server_side_encryption_configuration';
      if (isAccessLogTarget(stack, bucket)) return undefined;
      return defaults.every((d) => d?.sse_algorithm === 'aws:kms' && d.kms_master_key_id)
        ? undefined
        : 'is not encrypted with aws:kms and a kms_master_key_id';
    }),
  },
  {
    id: 'GPUP-AWS-S3-4',
    severity: 'error',
    title: 'Every bucket keeps object versions',
    rationale: 'Versions are what an overwritten model or a deleted log is recovered from',
    fix: 'add an aws_s3_bucket_versioning with versioning_configuration.status = "Enabled"',
    resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_versioning'],
    controls: { checkov: ['CKV_AWS_21'] },
    check: eachResource(['aws_s3_bucket'], (bucket, stack) =>
      companions(stack, bucket, 'aws_s3_bucket_versioning').some(
        (v) => block(v.attributes.versioning_configuration)?.status === 'Enabled',
      )
        ? undefined
        : 'has no aws_s3_bucket_versioning with status Enabled',
    ),
  },
  {
    id: 'GPUP-AWS-S3-5',
    severity: 'error',
    title: 'Every bucket except an access-log target logs its requests, and ACLs are disabled',
    rationale:
      'Access logs record who read which object; BucketOwnerEnforced stops ACLs from granting access around the policy',
    fix: 'add an aws_s3_bucket_logging to a log bucket and an aws_s3_bucket_ownership_controls with BucketOwnerEnforced',
    resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_logging', 'aws_s3_bucket_ownership_controls'],
    controls: { awsFsbp: ['S3.9', 'S3.12'], cisAws: ['3.4'], checkov: ['CKV_AWS_18', 'CKV2_AWS_65'] },
    check: eachResource(['aws_s3_bucket'], (bucket, stack) =>
      missing({
        'an aws_s3_bucket_logging':
          isAccessLogTarget(stack, bucket) || companions(stack, bucket, 'aws_s3_bucket_logging').length > 0,
        'aws_s3_bucket_ownership_controls with BucketOwnerEnforced': companions(
          stack,
          bucket,
          'aws_s3_bucket_ownership_controls',
        ).some((o) => block(o.attributes.rule)?.object_ownership === 'BucketOwnerEnforced'),
      }),
    ),
  },
];
