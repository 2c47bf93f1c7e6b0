/**
 * AWS IAM: what identity policies grant and who may assume roles. Resource policies (KMS key
 * policies, where `Resource: "*"` means "this key" and the account root holds `kms:*` by AWS's
 * default) are not identity policies and are not read here.
 */
import {
  policyStatements,
  type PolicyStatementJson,
  type StackJson,
  type StackResource,
} from '../../../shared/stack-json';
import { eachResource, type PolicyRule } from '../rule';

const IDENTITY_POLICY_TYPES = ['aws_iam_role_policy', 'aws_iam_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];
const ATTACHMENT_TYPES = [
  'aws_iam_role_policy_attachment',
  'aws_iam_policy_attachment',
  'aws_iam_user_policy_attachment',
  'aws_iam_group_policy_attachment',
];

/** AWS managed policies that make their holder an administrator of the account or of IAM. */
export const ADMIN_MANAGED_POLICIES = ['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess'];

/**
 * Actions IAM cannot scope to a resource (`Describe*`, `List*`, and the few named ones): only
 * `Resource: "*"` works for them.
 */
const UNSCOPABLE_ACTION = /^[\w-]+:(Describe|List)\w*\*?$|^(sts:GetCallerIdentity|ecr:GetAuthorizationToken)$/;

/** The Allow statements of an identity policy resource. */
function grants(stack: StackJson, policy: StackResource): PolicyStatementJson[] {
  return (policyStatements(stack, policy.attributes.policy) ?? []).filter((s) => s.effect === 'Allow');
}

const isWildcardAction = (action: string): boolean => action === '*' || /^[\w-]+:\*$/.test(action);

export const AWS_IAM_RULES: readonly PolicyRule[] = [
  {
    id: 'GPUP-AWS-IAM-1',
    severity: 'error',
    title: 'Identity policies grant no wildcard actions (`*` or `service:*`)',
    rationale: 'A wildcard grants every action the service adds later, including ones nobody reviewed',
    fix: 'list the actions the workload calls; use a permissions boundary, not a grant, to cap a whole service',
    resourceTypes: IDENTITY_POLICY_TYPES,
    controls: { awsFsbp: ['IAM.1', 'IAM.21'], cisAws: ['1.16'], checkov: ['CKV_AWS_62', 'CKV_AWS_63'] },
    check: eachResource(IDENTITY_POLICY_TYPES, (policy, stack) => {
      const wild = grants(stack, policy).flatMap((s) => s.actions.filter(isWildcardAction));
      return wild.length > 0 ? `allows ${[...new Set(wild)].join(', ')}` : undefined;
    }),
  },
  {
    id: 'GPUP-AWS-IAM-2',
    severity: 'error',
    title: 'Identity policies name resources for every action that can be scoped',
    rationale: '`Resource: "*"` on a scopable action reaches every bucket, key and cluster in the account',
    fix: 'name the ARNs (or ARN patterns of the platform) the actions need; only Describe/List-style actions take "*"',
    resourceTypes: IDENTITY_POLICY_TYPES,
    controls: { checkov: ['CKV_AWS_355', 'CKV_AWS_290'] },
    check: eachResource(IDENTITY_POLICY_TYPES, (policy, stack) => {
      const scopable = grants(stack, policy)
        .filter((s) => s.resources.includes('*') && s.conditions.length === 0)
        .flatMap((s) => s.actions.filter((a) => !UNSCOPABLE_ACTION.test(a)));
      return scopable.length > 0 ? `grants ${[...new Set(scopable)].join(', ')} on every resource` : undefined;
    }),
  },
  {
    id: 'GPUP-AWS-IAM-3',
    severity: 'error',
    title: 'No administrator managed policy is attached',
    rationale:
      'AdministratorAccess, PowerUserAccess and IAMFullAccess make any compromise of the holder a compromise of the account',
    fix: 'attach the narrow AWS managed policy for the service, or a customer-managed policy of the actions needed',
    resourceTypes: [...ATTACHMENT_TYPES, 'aws_iam_role'],
    controls: { cisAws: ['1.16'], checkov: ['CKV_AWS_274'] },
    check: eachResource([...ATTACHMENT_TYPES, 'aws_iam_role'], ({ attributes }) => {
      const arns = [attributes.policy_arn, ...((attributes.managed_policy_arns as unknown[] | undefined) ?? [])];
      const admin = arns.filter((arn) => ADMIN_MANAGED_POLICIES.some((p) => String(arn).endsWith(`:policy/${p}`)));
      return admin.length > 0 ? `attaches ${admin.join(', ')}` : undefined;
    }),
  },
  {
    id: 'GPUP-AWS-IAM-4',
    severity: 'error',
    title: 'Trust policies name their principal: no `*`, and every federated principal pinned to a subject',
    rationale: 'An OIDC trust without a `sub` condition lets every workload of the issuer assume the role',
    fix: 'add a StringEquals condition on <issuer>:sub (and :aud) for Federated principals; never trust "*"',
    resourceTypes: ['aws_iam_role'],
    controls: { checkov: ['CKV_AWS_60', 'CKV_AWS_61', 'CKV_AWS_358'] },
    check: eachResource(['aws_iam_role'], ({ attributes }, stack) => {
      const statements = (policyStatements(stack, attributes.assume_role_policy) ?? []).filter(
        (s) => s.effect === 'Allow',
      );
      if (statements.some((s) => Object.values(s.principals).flat().includes('*'))) return 'trusts any principal ("*")';
      const unpinned = statements.filter(
        (s) =>
          (s.principals.Federated ?? []).length > 0 &&
          !s.conditions.some((c) => ['StringEquals', 'StringLike'].includes(c.test) && c.variable.endsWith(':sub')),
      );
      return unpinned.length > 0 ? 'trusts a federated principal without a condition on its :sub claim' : undefined;
    }),
  },
];
