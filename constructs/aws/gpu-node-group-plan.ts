/**
 * How one cloud-neutral GPU pool becomes an EKS managed node group. Pure, so the rules (SKU,
 * capacity, EFA, placement group) are tested directly, apart from the construct wiring.
 */
import { placeGpuPool } from '../cloud-neutral/cluster';
import { cpuArchitecture, type GpuOffering } from '../cloud-neutral/gpu-catalog';
import type { GpuPoolSpec } from '../cloud-neutral/gpu-pool';

/** EKS managed node group capacity types. */
export type EksCapacityType = 'ON_DEMAND' | 'SPOT' | 'CAPACITY_BLOCK';

/** The EKS-optimized AL2023 AMIs with the NVIDIA driver and container toolkit, by CPU architecture. */
export const EKS_NVIDIA_AMI_TYPES = { x86_64: 'AL2023_x86_64_NVIDIA', arm64: 'AL2023_ARM_64_NVIDIA' } as const;
export type EksNvidiaAmiType = (typeof EKS_NVIDIA_AMI_TYPES)[keyof typeof EKS_NVIDIA_AMI_TYPES];

/** What the launch template's reservation target names: one reservation, or a group of them. */
export type CapacityReservationTarget =
  { readonly capacityReservationId: string } | { readonly capacityReservationResourceGroupArn: string };

/** One network interface of a GPU node, as the launch template writes it. */
export interface NodeNetworkInterface {
  readonly networkCardIndex: number;
  readonly deviceIndex: number;
  /** `efa` (EFA with ENA), `efa-only`, or left out for a plain ENA interface. */
  readonly interfaceType?: 'efa' | 'efa-only';
}

export interface AwsGpuNodeGroupPlan {
  readonly instanceType: string;
  /** The NVIDIA AL2023 AMI of the instance type's architecture. */
  readonly amiType: EksNvidiaAmiType;
  readonly capacityType: EksCapacityType;
  /** The On-Demand Capacity Reservation or Capacity Block the launch template targets. */
  readonly capacityReservationTarget?: CapacityReservationTarget;
  /** `capacity-block` for Capacity Blocks for ML; the launch template's market type. */
  readonly marketType?: 'capacity-block';
  /** EFA devices per node: every one the instance type offers for fabric pools, else 0. */
  readonly efaInterfaces: number;
  /** The node's interfaces: one ENA interface, or the EFA layout the instance type needs. */
  readonly networkInterfaces: readonly NodeNetworkInterface[];
  /**
   * A cluster placement group for fabric pools, except when the pool draws on a reservation or
   * Capacity Block: their capacity is already placed, and a placement group makes the launch
   * fail (terraform-aws-eks #3661).
   */
  readonly placementGroup: boolean;
  /** Availability zones of the node group's subnets. */
  readonly zones: readonly string[];
}

/**
 * The interfaces of a node with `efaInterfaces` EFA devices. Most EFA instance types take an EFA
 * (with ENA) on card 0 as the primary interface and one EFA on each further card; types with
 * `efaOnlyNetworkCards` (P6e-GB200) keep card 0 ENA only and take EFA-only interfaces on the
 * listed cards.
 */
export function nodeNetworkInterfaces(offering: GpuOffering, efaInterfaces: number): NodeNetworkInterface[] {
  if (efaInterfaces === 0) return [{ networkCardIndex: 0, deviceIndex: 0 }];
  if (offering.efaOnlyNetworkCards) {
    return [
      { networkCardIndex: 0, deviceIndex: 0 },
      ...offering.efaOnlyNetworkCards.map((card) => ({
        networkCardIndex: card,
        deviceIndex: 0,
        interfaceType: 'efa-only' as const,
      })),
    ];
  }
  return Array.from({ length: efaInterfaces }, (_, card) => ({
    // The primary interface is device 0 on card 0; every further card carries one EFA device.
    networkCardIndex: card,
    deviceIndex: card === 0 ? 0 : 1,
    interfaceType: 'efa' as const,
  }));
}

function reservationTarget(
  pool: GpuPoolSpec,
  aws: NonNullable<Extract<GpuPoolSpec['capacity'], { type: 'reserved' }>['aws']>,
): CapacityReservationTarget {
  if (aws.capacityReservationId) return { capacityReservationId: aws.capacityReservationId };
  if (aws.capacityReservationResourceGroupArn) {
    return { capacityReservationResourceGroupArn: aws.capacityReservationResourceGroupArn };
  }
  throw new Error(`GPU pool ${pool.name}: reserved on AWS needs a reservation id or resource group ARN`);
}

export function planAwsGpuNodeGroup(pool: GpuPoolSpec, networkZones: readonly string[]): AwsGpuNodeGroupPlan {
  const { offering, zones } = placeGpuPool(pool, 'aws', networkZones);
  const efaInterfaces = pool.fabric ? (offering.efaInterfaces ?? 0) : 0;
  const base = {
    instanceType: offering.sku,
    amiType: EKS_NVIDIA_AMI_TYPES[cpuArchitecture(offering)],
    efaInterfaces,
    networkInterfaces: nodeNetworkInterfaces(offering, efaInterfaces),
    zones,
  };
  const capacity = pool.capacity;
  const capacityBlock = capacity.type === 'reserved' && capacity.aws?.capacityBlock === true;
  if (offering.capacity === 'capacity-block' && !capacityBlock) {
    throw new Error(`GPU pool ${pool.name}: ${offering.sku} is sold only through Capacity Blocks for ML`);
  }
  switch (capacity.type) {
    case 'on-demand':
      return { ...base, capacityType: 'ON_DEMAND', placementGroup: pool.fabric };
    case 'spot':
      return { ...base, capacityType: 'SPOT', placementGroup: pool.fabric };
    case 'reserved': {
      if (!capacity.aws) throw new Error(`GPU pool ${pool.name}: reserved on AWS needs capacity.aws`);
      const capacityReservationTarget = reservationTarget(pool, capacity.aws);
      return capacityBlock
        ? {
            ...base,
            capacityType: 'CAPACITY_BLOCK',
            capacityReservationTarget,
            marketType: 'capacity-block',
            placementGroup: false,
          }
        : { ...base, capacityType: 'ON_DEMAND', capacityReservationTarget, placementGroup: false };
    }
  }
}
