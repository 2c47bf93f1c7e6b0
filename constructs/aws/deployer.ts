import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamSessionContext } from '@cdktf/provider-aws/lib/data-aws-iam-session-context';
import { Construct } from 'constructs';

/**
 * Who runs this plan, read at plan time: the IAM principal behind the caller's credentials. For
 * an assumed role (CI through OIDC, an SSO permission set, a user's role) that is the role, not
 * its session, which is what `aws:PrincipalArn` names in a policy condition.
 */
export class AwsDeployer extends Construct {
  /** The caller's role or user ARN. */
  readonly principalArn: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const caller = new DataAwsCallerIdentity(this, 'caller');
    this.principalArn = new DataAwsIamSessionContext(this, 'session', { arn: caller.arn }).issuerArn;
  }
}
