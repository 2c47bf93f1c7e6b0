import { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import { IamServiceLinkedRole } from '@cdktf/provider-aws/lib/iam-service-linked-role';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

/** Addresses each stack stops managing without destroying them (`removed` blocks), by stack. */
const forgotten = new WeakMap<TerraformStack, string[]>();

/**
 * Declares that `stack` no longer manages `address`, without destroying it: a Terraform `removed`
 * block with `destroy = false` (Terraform >= 1.7). Where the state holds the resource, the next
 * apply forgets it; where it does not, the block changes nothing (Terraform 1.11 plans "No changes").
 */
function forgetWithoutDestroying(stack: TerraformStack, address: string): void {
  const addresses = [...(forgotten.get(stack) ?? []), address];
  forgotten.set(stack, addresses);
  stack.addOverride(
    'removed',
    addresses.map((from) => ({ from, lifecycle: { destroy: false } })),
  );
}

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
    if (props.mode === 'create') {
      this.arn = new IamServiceLinkedRole(this, 'role', { awsServiceName: props.service }).arn;
      return;
    }
    this.arn = new DataAwsIamRole(this, 'existing', { name: props.roleName }).arn;
    // A stack that created the role before (`create` was the default) would destroy it on
    // switching to `existing`, under every other user of the service in the account: it forgets
    // the role instead. The address is the one `create` gives the role here.
    const stack = TerraformStack.of(this);
    const created = new Construct(this, 'role');
    forgetWithoutDestroying(stack, `aws_iam_service_linked_role.${stack.getLogicalId(created.node)}`);
  }
}
