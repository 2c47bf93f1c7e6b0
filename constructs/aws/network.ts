import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import type { NetworkSpec } from '../spec/network';

/** Props of {@link AwsNetwork}. */
export interface AwsNetworkProps {
  /** The region's network, from the cloud-neutral spec. */
  readonly network: NetworkSpec;
}

/** The distribution side's private network in one region: a VPC carved from the shared plan. */
export class AwsNetwork extends Construct {
  readonly vpc: Vpc;

  constructor(scope: Construct, id: string, props: AwsNetworkProps) {
    super(scope, id);
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.network.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: props.network.name },
    });
  }
}
