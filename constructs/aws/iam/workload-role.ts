import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { iamPolicyDocument, type IamStatement } from './policy-document';
import { webIdentityTrustStatements } from './web-identity-trust';

/** Props of {@link AwsWorkloadRole}. */
export interface AwsWorkloadRoleProps {
  /** Role name: unique in the account, so region-qualified for a regional workload. */
  readonly name: string;
  readonly description: string;
  /** OIDC providers of the clusters whose service-account tokens the role trusts. */
  readonly oidcProviderArns: readonly string[];
  /** The only subject trusted: `system:serviceaccount:<namespace>:<name>`. */
  readonly subject: string;
  /**
   * The addresses the role may be assumed from (`aws:SourceIp`): a cluster outside AWS, whose
   * calls reach STS from its NAT. Default: none, any address (an EKS cluster's own IRSA roles,
   * whose calls may come through the VPC's STS endpoint, where `aws:SourceIp` is absent).
   */
  readonly sourceCidrs?: readonly string[];
  /** What the role may do, as an inline policy. Default: none (a role that only carries managed policies). */
  readonly statements?: readonly IamStatement[];
  /** AWS managed policies attached, by name. Default: none. */
  readonly managedPolicies?: readonly string[];
}

/**
 * An IAM role a Kubernetes workload assumes with its service-account token (IRSA on EKS, or an
 * AKS workload federated into AWS): trusted only for its subject and the STS audience, with an
 * inline policy built from typed statements. The account's permissions boundary is added to
 * every role by `boundEveryRole`.
 */
export class AwsWorkloadRole extends Construct {
  readonly role: IamRole;
  /** The inline policy and managed-policy attachments: depend on them before the role is used. */
  readonly policies: readonly (IamRolePolicy | IamRolePolicyAttachment)[];

  constructor(scope: Construct, id: string, props: AwsWorkloadRoleProps) {
    super(scope, id);
    const trust = iamPolicyDocument(
      this,
      'trust',
      webIdentityTrustStatements(props.oidcProviderArns, props.subject, props.sourceCidrs),
    );
    this.role = new IamRole(this, 'role', {
      name: props.name,
      description: props.description,
      assumeRolePolicy: trust.json,
    });
    const statements = props.statements ?? [];
    const inline =
      statements.length > 0
        ? [
            new IamRolePolicy(this, 'access', {
              name: 'access',
              role: this.role.id,
              policy: iamPolicyDocument(this, 'access-document', statements).json,
            }),
          ]
        : [];
    const attachments = (props.managedPolicies ?? []).map(
      (policy) =>
        new IamRolePolicyAttachment(this, policy, {
          role: this.role.name,
          policyArn: `arn:aws:iam::aws:policy/${policy}`,
        }),
    );
    this.policies = [...inline, ...attachments];
  }
}
