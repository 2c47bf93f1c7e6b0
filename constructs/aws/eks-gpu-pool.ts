import { PlacementGroup } from '@cdktf/provider-aws/lib/placement-group';
import type { ITerraformDependable } from 'cdktf';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import type { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Construct } from 'constructs';
import { gpuNodeScheduling } from '../cloud-neutral/cluster';
import type { GpuPoolSpec } from '../cloud-neutral/gpu-pool';
import { AwsEksNodeGroup } from './eks-node-group';
import { AwsNodeLaunchTemplate } from './eks-launch-template';
import { planAwsGpuNodeGroup, type AwsGpuNodeGroupPlan } from './gpu-node-group-plan';

/** Props of {@link AwsEksGpuPool}. */
export interface AwsEksGpuPoolProps {
  readonly clusterName: string;
  /** The cluster's Kubernetes version, as the cluster resource reports it: the nodes follow it. */
  readonly kubernetesVersion: string;
  readonly pool: GpuPoolSpec;
  readonly vpcId: string;
  /** Node subnets by zone, in the network's zone order. */
  readonly nodeSubnets: readonly Subnet[];
  /** The network's zones, matching `nodeSubnets`. */
  readonly zones: readonly string[];
  readonly nodeRoleArn: string;
  /** The node role's policy attachments, which the node group depends on. */
  readonly joinPrerequisites: readonly ITerraformDependable[];
  /** The groups on every node interface: the cluster security group EKS creates, and the peer-ingress group. */
  readonly nodeSecurityGroupIds: readonly string[];
  /** KMS key for root volumes. */
  readonly volumeKmsKeyArn: string;
}

/**
 * One GPU pool on EKS: a managed node group of the catalog's instance type on the NVIDIA AL2023
 * AMI, carrying the platform's GPU labels and taints; for fabric pools every EFA interface, a
 * security group that lets the pool talk to itself, one zone, and a cluster placement group
 * unless the pool draws on a reservation.
 */
export class AwsEksGpuPool extends Construct {
  readonly plan: AwsGpuNodeGroupPlan;
  readonly nodeGroup: AwsEksNodeGroup;
  readonly launchTemplate: AwsNodeLaunchTemplate;

  constructor(scope: Construct, id: string, props: AwsEksGpuPoolProps) {
    super(scope, id);
    const { pool } = props;
    this.plan = planAwsGpuNodeGroup(pool, props.zones);
    const name = `${props.clusterName}-${pool.name}`;

    const securityGroupIds = [...props.nodeSecurityGroupIds];
    if (this.plan.efaInterfaces > 0) {
      const efa = new SecurityGroup(this, 'efa-sg', {
        name: `${name}-efa`,
        description: `EFA traffic within GPU pool ${pool.name}`,
        vpcId: props.vpcId,
        ingress: [{ description: 'EFA within the pool', protocol: '-1', fromPort: 0, toPort: 0, selfAttribute: true }],
        egress: [{ description: 'EFA within the pool', protocol: '-1', fromPort: 0, toPort: 0, selfAttribute: true }],
        tags: { Name: `${name}-efa` },
      });
      securityGroupIds.push(efa.id);
    }
    const placementGroup = this.plan.placementGroup
      ? new PlacementGroup(this, 'placement', { name: `${name}-cluster`, strategy: 'cluster' })
      : undefined;

    this.launchTemplate = new AwsNodeLaunchTemplate(this, 'launch-template', {
      name,
      diskGiB: pool.diskGiB,
      volumeKmsKeyArn: props.volumeKmsKeyArn,
      securityGroupIds,
      networkInterfaces: this.plan.networkInterfaces,
      placementGroupName: placementGroup?.name,
      capacityReservationTarget: this.plan.capacityReservationTarget,
      marketType: this.plan.marketType,
    });
    const scheduling = gpuNodeScheduling(pool);
    this.nodeGroup = new AwsEksNodeGroup(this, 'node-group', {
      clusterName: props.clusterName,
      kubernetesVersion: props.kubernetesVersion,
      name: pool.name,
      nodeRoleArn: props.nodeRoleArn,
      joinPrerequisites: props.joinPrerequisites,
      subnetIds: this.plan.zones.map((zone) => props.nodeSubnets[props.zones.indexOf(zone)].id),
      nodes: pool.nodes,
      instanceType: this.plan.instanceType,
      amiType: this.plan.amiType,
      capacityType: this.plan.capacityType,
      labels: scheduling.labels,
      taints: scheduling.taints,
      launchTemplate: this.launchTemplate.template,
    });
  }
}
