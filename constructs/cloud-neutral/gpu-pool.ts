import { gpuModel, isGpuModelId, isRackScaleModel, type GpuModelId } from './gpu-catalog';

/** How a pool's nodes are bought. */
export type CapacitySpec =
  | { readonly type: 'on-demand' }
  | { readonly type: 'spot' }
  | {
      readonly type: 'reserved';
      /**
       * AWS: an On-Demand Capacity Reservation, or a Capacity Block for ML when `capacityBlock`;
       * named by its id, or by a resource group of reservations (config gives exactly one).
       */
      readonly aws?: {
        readonly capacityReservationId?: string;
        readonly capacityReservationResourceGroupArn?: string;
        readonly capacityBlock: boolean;
      };
      /** Azure: the capacity reservation group the VMs draw from. */
      readonly azure?: { readonly capacityReservationGroupId: string };
    };

/** Node counts for the autoscaler. */
export interface NodeCountSpec {
  readonly min: number;
  readonly desired: number;
  readonly max: number;
}

/**
 * Cloud-neutral GPU pool: declared once, built as an EKS managed node group on AWS and an AKS
 * node pool on Azure with the same GPU model, count, memory and fabric class.
 */
export interface GpuPoolSpec {
  /** Pool name: node group / node pool name and the `platform/pool` label. */
  readonly name: string;
  /** GPU model id from the catalog. */
  readonly model: GpuModelId;
  /** GPUs per node; selects the SKU on each cloud. */
  readonly gpusPerNode: number;
  /** What the pool runs. */
  readonly purpose: 'training' | 'inference';
  readonly nodes: NodeCountSpec;
  readonly capacity: CapacitySpec;
  /** RDMA fabric (EFA / InfiniBand) for multi-node collectives; implies a single zone. */
  readonly fabric: boolean;
  /**
   * 1-based positions in the network's zones the pool uses, or `all`: every zone of whichever
   * network the pool is built in, however many it has.
   */
  readonly zoneIndexes: readonly number[] | 'all';
  /** Who installs the NVIDIA driver on Azure nodes: AKS (`install`) or the GPU Operator (`none`). */
  readonly gpuDriver: 'install' | 'none';
  /** Root (AWS) / OS (Azure) disk per node, GiB. */
  readonly diskGiB: number;
}

/** What placement reads of a pool as config declares it, before defaults. */
export interface PoolPlacementInput {
  readonly gpuModel: string;
  readonly regions?: readonly string[];
  readonly fabric?: boolean;
  readonly zones?: readonly number[];
}

/** Whether a pool lands in `region`: it names no regions (so every region of its clouds), or names this one. */
export function poolLandsIn(pool: Pick<PoolPlacementInput, 'regions'>, region: string): boolean {
  return pool.regions === undefined || pool.regions.includes(region);
}

/**
 * The zone positions a pool uses in each region it lands in: those it names, else the first for a
 * fabric or rack-scale pool (one placement group, one NVLink domain), else every zone.
 */
export function poolZoneIndexes(pool: PoolPlacementInput): readonly number[] | 'all' {
  if (pool.zones) return pool.zones;
  const single = pool.fabric === true || (isGpuModelId(pool.gpuModel) && isRackScaleModel(pool.gpuModel));
  return single ? [1] : 'all';
}

/** A pool's GPUs per node: as named, else its model's default. */
export function poolGpusPerNode(model: GpuModelId, gpusPerNode: number | undefined): number {
  return gpusPerNode ?? gpuModel(model).defaultGpusPerNode;
}
