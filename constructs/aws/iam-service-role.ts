import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { iamPolicyDocument } from './iam/policy-document';

/** Props of {@link AwsServiceRole}. */
export interface AwsServiceRoleProps {
  readonly name: string;
  /** The AWS service that assumes the role, for example `eks.amazonaws.com`. */
  readonly service: string;
  /** Actions the service may call on the trust policy. Default `sts:AssumeRole`. */
  readonly trustActions?: readonly string[];
  /** AWS managed policies attached, by name (`AmazonEKSClusterPolicy`). */
  readonly managedPolicies: readonly string[];
}

/** An IAM role one AWS service assumes, with AWS managed policies only: no inline wildcards. */
export class AwsServiceRole extends Construct {
  readonly role: IamRole;
  /**
   * The managed-policy attachments. Whatever the service does with the role must depend on them:
   * created before it, deleted after it (the provider's documented EKS ordering).
   */
  readonly attachments: readonly IamRolePolicyAttachment[];

  constructor(scope: Construct, id: string, props: AwsServiceRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      name: props.name,
      assumeRolePolicy: iamPolicyDocument(this, 'trust', [
        {
          sid: 'ServiceAssumes',
          principals: [{ type: 'Service', identifiers: [props.service] }],
          actions: props.trustActions ?? ['sts:AssumeRole'],
        },
      ]).json,
    });
    this.attachments = props.managedPolicies.map(
      (policy) =>
        new IamRolePolicyAttachment(this, policy, {
          role: this.role.name,
          policyArn: `arn:aws:iam::aws:policy/${policy}`,
        }),
    );
  }
}
