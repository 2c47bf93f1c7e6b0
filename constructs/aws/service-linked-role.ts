import { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import { IamServiceLinkedRole } from '@cdktf/provider-aws/lib/iam-service-linked-role';
import { Construct } from 'constructs';

/** Props of {@link AwsServiceLinkedRole}. */
export interface AwsServiceLinkedRoleProps {
  /** The service that owns the role, for example `autoscaling.amazonaws.com`. */
  readonly service: string;
  /** The role's fixed name, for example `AWSServiceRoleForAutoScaling`. */
  readonly roleName: string;
  /**
   * `create` the role, or look up the `existing` one. A service-linked role exists once per
   * account and serves every user of its service there, not only the platform: a lookup where it
   * does not exist fails the plan with the role's name, before any key policy names a principal
   * that does not exist; creating it where it exists fails. `create` is destroy-unsafe: destroying
   * the stack deletes the role (or fails while the service still uses it), under the account's
   * other Auto Scaling groups or recorders. Config `aws.serviceLinkedRoles`, default `existing`.
   */
  readonly mode: 'create' | 'existing';
}

/**
 * A service-linked role other resources name, typically in a KMS key policy. KMS rejects a key
 * policy whose principal does not exist (`MalformedPolicyDocumentException`), and the role only
 * appears by itself when the service first acts in the account, so it is created or looked up
 * here and referenced through {@link arn}: whatever names it waits for it.
 */
export class AwsServiceLinkedRole extends Construct {
  /** The role's ARN, from the created role or the lookup. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: AwsServiceLinkedRoleProps) {
    super(scope, id);
    this.arn =
      props.mode === 'create'
        ? new IamServiceLinkedRole(this, 'role', { awsServiceName: props.service }).arn
        : new DataAwsIamRole(this, 'existing', { name: props.roleName }).arn;
  }
}
