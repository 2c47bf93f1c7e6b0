import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Aspects, TerraformLocal, type IAspect, type TerraformStack } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import { suppressPolicyRule } from '../../checks/policy/suppressions';
import { auditChainStatements, type AwsAuditChain } from './audit-chain';
import { iamPolicyDocument, type IamStatement } from './policy-document';

/**
 * The AWS services the platform's roles use: EKS and its nodes (EC2, ELB, Auto Scaling, ECR,
 * Session Manager), Pod Identity, the stores (S3, KMS) and logs. A role that needs anything else
 * was not made by this platform.
 */
export const BOUNDARY_SERVICES = [
  'autoscaling',
  'cloudwatch',
  'ec2',
  'ec2messages',
  'ecr',
  'eks',
  'eks-auth',
  'elasticloadbalancing',
  'kms',
  'logs',
  's3',
  'ssm',
  'ssmmessages',
] as const;

/**
 * A permissions boundary: the most any platform role can ever do, whatever policy is attached
 * to it later. It grants nothing by itself, so it allows whole services; what it denies is
 * escalation (creating principals or credentials, changing boundaries or this policy) and
 * tampering with the audit chain (auditChainStatements).
 */
export function boundaryStatements(boundaryPolicyArn: string, audit: AwsAuditChain): IamStatement[] {
  return [
    { sid: 'PlatformServices', actions: BOUNDARY_SERVICES.map((s) => `${s}:*`), resources: ['*'] },
    {
      // EKS creates its service-linked roles on first use (AmazonEKSClusterPolicy).
      sid: 'ServiceLinkedRolesOnly',
      actions: ['iam:CreateServiceLinkedRole', 'iam:GetRole', 'iam:ListAttachedRolePolicies'],
      resources: ['*'],
    },
    {
      sid: 'NoNewPrincipalsOrCredentials',
      effect: 'Deny',
      actions: [
        'iam:CreateUser',
        'iam:CreateAccessKey',
        'iam:CreateLoginProfile',
        'iam:UpdateLoginProfile',
        'iam:CreateRole',
        'iam:PutRolePolicy',
        'iam:AttachRolePolicy',
        'iam:UpdateAssumeRolePolicy',
      ],
      resources: ['*'],
    },
    {
      sid: 'NoBoundaryChanges',
      effect: 'Deny',
      actions: ['iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary'],
      resources: ['*'],
    },
    {
      sid: 'NoChangesToThisBoundary',
      effect: 'Deny',
      actions: [
        'iam:CreatePolicyVersion',
        'iam:DeletePolicy',
        'iam:DeletePolicyVersion',
        'iam:SetDefaultPolicyVersion',
      ],
      resources: [boundaryPolicyArn],
    },
    ...auditChainStatements(audit),
  ];
}

/** Props of {@link AwsPermissionsBoundary}. */
export interface AwsPermissionsBoundaryProps {
  /** Policy name, unique in the account: `<platform>-<environment>-boundary`. */
  readonly name: string;
  /** The environment's audit chain, which the boundary protects. */
  readonly auditChain: AwsAuditChain;
}

/** The platform's permissions boundary policy, created once per account in the account stack. */
export class AwsPermissionsBoundary extends Construct {
  readonly policy: IamPolicy;

  constructor(scope: Construct, id: string, props: AwsPermissionsBoundaryProps) {
    super(scope, id);
    // The ARN is built from the name: the document names the policy it belongs to.
    const arn = `arn:aws:iam::${props.auditChain.accountId}:policy/${props.name}`;
    this.policy = new IamPolicy(this, 'policy', {
      name: props.name,
      description: 'Permissions boundary of every IAM role the GPU platform creates',
      policy: iamPolicyDocument(this, 'document', boundaryStatements(arn, props.auditChain)).json,
    });
    // The gate reads every customer-managed policy as a grant; this one only caps other grants.
    const why = 'a permissions boundary: a ceiling on what platform roles may ever be granted, not a grant itself';
    suppressPolicyRule(this.policy, 'GPUP-AWS-IAM-1', `whole services allowed by design, ${why}`);
    suppressPolicyRule(this.policy, 'GPUP-AWS-IAM-2', `Resource "*" by design, ${why}`);
  }
}

/**
 * Sets the permissions boundary on every IAM role of a stack that has none, so roles added by a
 * fork or an escape hatch are bounded too.
 */
class AwsPermissionsBoundaryAspect implements IAspect {
  /** @param boundaryArn a value of the stack the aspect is added to (see {@link boundEveryRole}). */
  constructor(private readonly boundaryArn: string) {}

  visit(node: IConstruct): void {
    if (node instanceof IamRole && node.permissionsBoundaryInput === undefined) {
      node.permissionsBoundary = this.boundaryArn;
    }
  }
}

/**
 * Bounds every IAM role of `stack` by `boundaryArn`, which may come from another stack (the
 * account stack's policy). Aspects run after cdktf has turned values taken from other stacks into
 * remote state, so a raw value set by one would name a resource this stack does not declare. The
 * value is bound here, while the stack is built, to a local of the stack, and the aspect sets the
 * local.
 */
export function boundEveryRole(stack: TerraformStack, boundaryArn: string): void {
  const local = new TerraformLocal(stack, 'permissions_boundary_arn', boundaryArn);
  Aspects.of(stack).add(new AwsPermissionsBoundaryAspect(local.asString));
}
