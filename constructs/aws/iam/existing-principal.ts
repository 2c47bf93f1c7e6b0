import { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import { DataAwsIamUser } from '@cdktf/provider-aws/lib/data-aws-iam-user';
import type { Construct } from 'constructs';

/**
 * The ARN of an IAM role or user the config names and no stack creates, looked up at plan when
 * it is in `accountId`: a principal that does not exist then fails the plan, naming it, instead
 * of failing the apply halfway (EKS refuses an access entry for a missing principal). A principal
 * of another account cannot be read from this one and is passed through as written.
 */
export function existingPrincipalArn(scope: Construct, id: string, arn: string, accountId: string): string {
  const match = /^arn:aws[\w-]*:iam::(\d{12}):(role|user)\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(arn);
  if (!match) throw new Error(`${arn} is not an IAM role or user ARN`);
  const [, account, kind, name] = match;
  if (account !== accountId) return arn;
  return kind === 'role'
    ? new DataAwsIamRole(scope, id, { name }).arn
    : new DataAwsIamUser(scope, id, { userName: name }).arn;
}
