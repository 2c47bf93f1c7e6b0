/**
 * How one cloud-neutral GPU pool becomes an EKS managed node group. Pure, so the rules (SKU,
 * capacity, EFA, placement group) are tested directly, apart from the construct wiring.
 */
import { placeGpuPool } from '../spec/cluster';
import type { GpuPoolSpec } from '../spec/gpu-pool';

/** EKS managed node group capacity types. */
export type EksCapacityType = 'ON_DEMAND' | 'SPOT' | 'CAPACITY_BLOCK';

export interface AwsGpuNodeGroupPlan {
  readonly instanceType: string;
  /** The EKS-optimized AL2023 AMI with the NVIDIA driver and container toolkit. */
  readonly amiType: 'AL2023_x86_64_NVIDIA';
  readonly capacityType: EksCapacityType;
  /** The On-Demand Capacity Reservation or Capacity Block the launch template targets. */
  readonly capacityReservationId?: string;
  /** `capacity-block` for Capacity Blocks for ML; the launch template's market type. */
  readonly marketType?: 'capacity-block';
  /** EFA interfaces per node: every one the instance type offers for fabric pools, else 0. */
  readonly efaInterfaces: number;
  /**
   * A cluster placement group for fabric pools, except when the pool draws on a reservation or
   * Capacity Block: their capacity is already placed, and a placement group makes the launch
   * fail (terraform-aws-eks #3661).
   */
  readonly placementGroup: boolean;
  /** Availability zones of the node group's subnets. */
  readonly zones: readonly string[];
}

export function planAwsGpuNodeGroup(pool: GpuPoolSpec, networkZones: readonly string[]): AwsGpuNodeGroupPlan {
  const { offering, zones } = placeGpuPool(pool, 'aws', networkZones);
  const base = {
    instanceType: offering.sku,
    amiType: 'AL2023_x86_64_NVIDIA' as const,
    efaInterfaces: pool.fabric ? (offering.efaInterfaces ?? 0) : 0,
    zones,
  };
  const capacity = pool.capacity;
  switch (capacity.type) {
    case 'on-demand':
      return { ...base, capacityType: 'ON_DEMAND', placementGroup: pool.fabric };
    case 'spot':
      return { ...base, capacityType: 'SPOT', placementGroup: pool.fabric };
    case 'reserved': {
      if (!capacity.aws) throw new Error(`GPU pool ${pool.name}: reserved on AWS needs capacity.aws`);
      const { capacityReservationId, capacityBlock } = capacity.aws;
      return capacityBlock
        ? {
            ...base,
            capacityType: 'CAPACITY_BLOCK',
            capacityReservationId,
            marketType: 'capacity-block',
            placementGroup: false,
          }
        : { ...base, capacityType: 'ON_DEMAND', capacityReservationId, placementGroup: false };
    }
  }
}
