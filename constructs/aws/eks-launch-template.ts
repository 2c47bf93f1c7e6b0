import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Construct } from 'constructs';

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
  /** EFA interfaces, one per network card. Default 0: a single ordinary interface. */
  readonly efaInterfaces?: number;
  /** Cluster placement group name. Default: none. */
  readonly placementGroupName?: string;
  /** Reservation or Capacity Block the instances launch into. Default: none. */
  readonly capacityReservationId?: string;
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
    const efa = props.efaInterfaces ?? 0;
    const interfaces =
      efa > 0
        ? Array.from({ length: efa }, (_, card) => ({
            // The primary interface is device 0 on card 0; every further card carries one EFA device.
            deviceIndex: card === 0 ? 0 : 1,
            networkCardIndex: card,
            interfaceType: 'efa',
            associatePublicIpAddress: 'false',
            deleteOnTermination: 'true',
            securityGroups: [...props.securityGroupIds],
          }))
        : [
            {
              deviceIndex: 0,
              associatePublicIpAddress: 'false',
              deleteOnTermination: 'true',
              securityGroups: [...props.securityGroupIds],
            },
          ];
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
      capacityReservationSpecification: props.capacityReservationId
        ? { capacityReservationTarget: { capacityReservationId: props.capacityReservationId } }
        : undefined,
      instanceMarketOptions: props.marketType ? { marketType: props.marketType } : undefined,
    });
  }
}
