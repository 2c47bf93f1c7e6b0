import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import type { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { NodeTaint } from '../cloud-neutral/cluster';
import type { NodeCountSpec } from '../cloud-neutral/gpu-pool';
import type { EksCapacityType } from './gpu-node-group-plan';

const EKS_TAINT_EFFECT: Record<NodeTaint['effect'], string> = {
  NoSchedule: 'NO_SCHEDULE',
  NoExecute: 'NO_EXECUTE',
  PreferNoSchedule: 'PREFER_NO_SCHEDULE',
};

/** Props of {@link AwsEksNodeGroup}. */
export interface AwsEksNodeGroupProps {
  readonly clusterName: string;
  /**
   * The cluster's Kubernetes version, as the cluster resource reports it: nodes follow the control
   * plane, so a version change in config upgrades the control plane, then rolls the nodes.
   */
  readonly kubernetesVersion: string;
  readonly name: string;
  readonly nodeRoleArn: string;
  /** Subnets the nodes launch in; one zone for fabric pools. */
  readonly subnetIds: readonly string[];
  readonly nodes: NodeCountSpec;
  readonly instanceType: string;
  /** `AL2023_x86_64_STANDARD` for the system pool; GPU pools the NVIDIA AMI of their architecture. */
  readonly amiType: string;
  readonly capacityType: EksCapacityType;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly NodeTaint[];
  readonly launchTemplate: LaunchTemplate;
  /**
   * What nodes need to join, and must outlive them: the node role's policy attachments, and the
   * VPC CNI add-on that holds the network permissions nodes no longer carry.
   */
  readonly joinPrerequisites: readonly ITerraformDependable[];
}

/** An EKS managed node group on a launch template. The autoscaler owns the desired size after creation. */
export class AwsEksNodeGroup extends Construct {
  readonly nodeGroup: EksNodeGroup;

  constructor(scope: Construct, id: string, props: AwsEksNodeGroupProps) {
    super(scope, id);
    this.nodeGroup = new EksNodeGroup(this, 'group', {
      clusterName: props.clusterName,
      version: props.kubernetesVersion,
      nodeGroupName: props.name,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: [...props.subnetIds],
      instanceTypes: [props.instanceType],
      amiType: props.amiType,
      capacityType: props.capacityType,
      scalingConfig: { minSize: props.nodes.min, desiredSize: props.nodes.desired, maxSize: props.nodes.max },
      updateConfig: { maxUnavailable: 1 },
      labels: { ...props.labels },
      taint: props.taints.map((t) => ({ key: t.key, value: t.value, effect: EKS_TAINT_EFFECT[t.effect] })),
      launchTemplate: { id: props.launchTemplate.id, version: props.launchTemplate.latestVersion.toString() },
      lifecycle: { ignoreChanges: ['scaling_config[0].desired_size'] },
      dependsOn: [...props.joinPrerequisites],
    });
  }
}
