import { S3AccountPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-account-public-access-block';
import { Construct } from 'constructs';

/** Props of {@link AwsAccountPublicAccessBlock}. */
export interface AwsAccountPublicAccessBlockProps {
  /** The account the block applies to. */
  readonly accountId: string;
}

/**
 * S3 Block Public Access for the whole account (CIS AWS 2.1.4, FSBP S3.1): all four settings, so
 * no bucket of the account, the platform's or another's, can be made public by ACL or policy.
 * Account-global, so the account stack declares it once. Destroying it turns the block off.
 */
export class AwsAccountPublicAccessBlock extends Construct {
  readonly block: S3AccountPublicAccessBlock;

  constructor(scope: Construct, id: string, props: AwsAccountPublicAccessBlockProps) {
    super(scope, id);
    this.block = new S3AccountPublicAccessBlock(this, 'block', {
      accountId: props.accountId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
  }
}
