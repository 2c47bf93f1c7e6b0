import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Construct } from 'constructs';
import type { CapacityReservationTarget, NodeNetworkInterface } from './gpu-node-group-plan';

/**
 * IMDSv2 hop limit for nodes. 1 keeps the node's instance credentials away from pods that are
 * not on the host network: a container's request needs a second hop and is dropped. Pods get AWS
 * credentials through EKS Pod Identity or IRSA instead. Agents on the host network (VPC CNI, Pod
 * Identity agent) still reach IMDS. Raise it to 2 only for a workload that must read IMDS and
 * cannot use Pod Identity.
 */
export const IMDS_HOP_LIMIT = 1;

/** Props of {@link AwsNodeLaunchTemplate}. */
export interface AwsNodeLaunchTemplateProps {
  readonly name: string;
  /** Root volume size, GiB. */
  readonly diskGiB: number;
  /** KMS key that encrypts the root volume. */
  readonly volumeKmsKeyArn: string;
  /** Security groups of every interface: the cluster's, plus the EFA group for fabric pools. */
  readonly securityGroupIds: readonly string[];
  /** The node's interfaces (GPU pools: from their plan). Default: one ENA interface on card 0. */
  readonly networkInterfaces?: readonly NodeNetworkInterface[];
  /** Cluster placement group name. Default: none. */
  readonly placementGroupName?: string;
  /** Reservation, resource group of reservations, or Capacity Block the instances launch into. Default: none. */
  readonly capacityReservationTarget?: CapacityReservationTarget;
  /** `capacity-block` for Capacity Blocks for ML. Default: none. */
  readonly marketType?: 'capacity-block';
}

/**
 * The launch template behind every EKS managed node group: IMDSv2 only, an encrypted gp3 root
 * volume, interfaces without public IPs, and for fabric pools every EFA interface, the placement
 * group, or the reservation the pool draws on.
 */
export class AwsNodeLaunchTemplate extends Construct {
  readonly template: LaunchTemplate;

  constructor(scope: Construct, id: string, props: AwsNodeLaunchTemplateProps) {
    super(scope, id);
    const planned = props.networkInterfaces ?? [{ networkCardIndex: 0, deviceIndex: 0 }];
    // A single interface on card 0 is written as before card indexes mattered: no card index.
    const single = planned.length === 1 && planned[0].interfaceType === undefined;
    const interfaces = planned.map((i) => ({
      deviceIndex: i.deviceIndex,
      networkCardIndex: single ? undefined : i.networkCardIndex,
      interfaceType: i.interfaceType,
      associatePublicIpAddress: 'false',
      deleteOnTermination: 'true',
      securityGroups: [...props.securityGroupIds],
    }));
    this.template = new LaunchTemplate(this, 'template', {
      name: props.name,
      updateDefaultVersion: true,
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: IMDS_HOP_LIMIT,
        instanceMetadataTags: 'disabled',
      },
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: {
            volumeSize: props.diskGiB,
            volumeType: 'gp3',
            encrypted: 'true',
            kmsKeyId: props.volumeKmsKeyArn,
            deleteOnTermination: 'true',
          },
        },
      ],
      networkInterfaces: interfaces,
      placement: props.placementGroupName ? { groupName: props.placementGroupName } : undefined,
      capacityReservationSpecification: props.capacityReservationTarget
        ? { capacityReservationTarget: { ...props.capacityReservationTarget } }
        : undefined,
      instanceMarketOptions: props.marketType ? { marketType: props.marketType } : undefined,
    });
  }
}
