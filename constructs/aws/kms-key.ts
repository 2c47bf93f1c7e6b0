import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { iamPolicyDocument, type IamStatement } from './iam/policy-document';

/** Props of {@link AwsKmsKey}. */
export interface AwsKmsKeyProps {
  /** Alias without the `alias/` prefix, for example `gpuplat-prod-us-east-1-logs`. */
  readonly alias: string;
  readonly description: string;
  /** The account that owns and administers the key. */
  readonly accountId: string;
  /** Who else may use the key, and under which conditions. */
  readonly statements: readonly IamStatement[];
}

/**
 * A customer-managed KMS key: yearly rotation on, a 30-day deletion window, protected from
 * destroy (FSBP KMS.3), administered by its own account only (no public principal, KMS.5).
 */
export class AwsKmsKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: AwsKmsKeyProps) {
    super(scope, id);
    this.key = new KmsKey(this, 'key', {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      // In a key policy `*` is this key, and the account root delegates use to IAM policies: the
      // default key policy, and what lets the account's IAM grant it (KMS.5: no public principal).
      policy: iamPolicyDocument(this, 'policy', [
        {
          sid: 'AccountAdministers',
          actions: ['kms:*'],
          resources: ['*'],
          principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${props.accountId}:root`] }],
        },
        ...props.statements,
      ]).json,
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(this, 'alias', { name: `alias/${props.alias}`, targetKeyId: this.key.keyId });
  }

  get arn(): string {
    return this.key.arn;
  }
}
