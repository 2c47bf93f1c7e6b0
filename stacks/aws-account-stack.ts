import type { Construct } from 'constructs';
import { AwsServiceLinkedRole } from '../constructs/aws/service-linked-role';
import type { AwsIdentitySpec } from '../constructs/spec/identity';
import { PlatformStack, type PlatformStackProps } from './platform-stack';
import { awsProvider } from './providers';

/** Props of {@link AwsAccountStack}. */
export interface AwsAccountStackProps extends PlatformStackProps {
  /** The AWS account. */
  readonly identity: AwsIdentitySpec;
  /** The environment's primary AWS region: where the provider of this stack points. */
  readonly region: string;
  /** Create the account's service-linked roles, or look up the existing ones. */
  readonly serviceLinkedRoles: 'create' | 'existing';
}

/**
 * What an AWS account holds once, whatever the number of regions: IAM is global to the account,
 * so resources here are never declared by a region stack, where a second region would declare
 * them again. The region stacks of the environment read what they need from this stack.
 */
export class AwsAccountStack extends PlatformStack {
  /** `AWSServiceRoleForAutoScaling`: EC2 Auto Scaling launches node group instances with it. */
  readonly autoScalingRole: AwsServiceLinkedRole;

  constructor(scope: Construct, name: string, props: AwsAccountStackProps) {
    super(scope, name, props);
    awsProvider(this, props.identity, props.region);
    this.autoScalingRole = new AwsServiceLinkedRole(this, 'autoscaling-role', {
      service: 'autoscaling.amazonaws.com',
      roleName: 'AWSServiceRoleForAutoScaling',
      mode: props.serviceLinkedRoles,
    });
  }
}
