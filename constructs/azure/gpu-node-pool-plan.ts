/**
 * How one cloud-neutral GPU pool becomes an AKS node pool. Pure, so the rules (VM size, spot,
 * reservation, placement, ephemeral OS disk) are tested directly, apart from the construct wiring.
 */
import { cpuArchitecture, supportsEphemeralOsDisk } from '../cloud-neutral/gpu-catalog';
import { gpuNodeScheduling, placeGpuPool, type NodeTaint } from '../cloud-neutral/cluster';
import type { GpuPoolSpec } from '../cloud-neutral/gpu-pool';
import { aksRotationName } from '../cloud-neutral/naming';

/**
 * Pods per GPU node. GPU nodes run a handful of pods (one per GPU at most, plus daemonsets);
 * 30 keeps node IP and overlay address use small and the kubelet light. Deliberate, not AKS's 250.
 */
export const GPU_NODE_MAX_PODS = 30;

export interface AksGpuNodePoolPlan {
  readonly vmSize: string;
  readonly priority: 'Regular' | 'Spot';
  /** Spot VMs are deleted on eviction, so the autoscaler can replace them (Deallocate would keep paying for disks). */
  readonly evictionPolicy?: 'Delete';
  readonly capacityReservationGroupId?: string;
  /** A proximity placement group keeps a fabric pool's VMs on one InfiniBand fabric. */
  readonly proximityPlacementGroup: boolean;
  readonly zones: readonly string[];
  /** Ephemeral when the SKU's temp disk holds the OS disk: faster node start, no disk cost. */
  readonly osDiskType: 'Ephemeral' | 'Managed';
  readonly osDiskSizeGb: number;
  /** `Install`: AKS installs the driver; `None`: the NVIDIA GPU Operator does. */
  readonly gpuDriver: 'Install' | 'None';
  /**
   * The node image's OS, set for arm64 GPU sizes only (others keep the cluster default). `Ubuntu`:
   * the Linux SKU azurerm 4.55 accepts for them (`Ubuntu2404` needs azurerm 4.67); AKS picks the
   * Ubuntu release of the Kubernetes version and the arm64 image from the VM size.
   */
  readonly osSku?: 'Ubuntu';
  readonly maxPods: number;
  /**
   * How many extra nodes an upgrade may add: one, for regular pools. Spot pools take none: AKS
   * refuses max surge on them at apply (azurerm #19355, #26465), and azurerm 4.55 requires a
   * value when the block is present, so the block is left out.
   */
  readonly upgradeSettings?: { readonly maxSurge: string };
  /** The pool's stand-in while AKS rotates it for a change that needs new VMs (see {@link aksRotationName}). */
  readonly temporaryNameForRotation: string;
  readonly labels: Readonly<Record<string, string>>;
  /** AKS spelling: `key=value:Effect`. */
  readonly taints: readonly string[];
}

export function aksTaint(taint: NodeTaint): string {
  return `${taint.key}=${taint.value}:${taint.effect}`;
}

export function planAksGpuNodePool(pool: GpuPoolSpec, networkZones: readonly string[]): AksGpuNodePoolPlan {
  const { offering, zones } = placeGpuPool(pool, 'azure', networkZones);
  const scheduling = gpuNodeScheduling(pool);
  const capacity = pool.capacity;
  if (capacity.type === 'reserved' && !capacity.azure) {
    throw new Error(`GPU pool ${pool.name}: reserved on Azure needs capacity.azure`);
  }
  const arm64 = cpuArchitecture(offering) === 'arm64';
  if (arm64 && pool.gpuDriver !== 'none') {
    throw new Error(`GPU pool ${pool.name}: ${offering.sku} is arm64, where only the GPU Operator installs drivers`);
  }
  return {
    vmSize: offering.sku,
    priority: capacity.type === 'spot' ? 'Spot' : 'Regular',
    evictionPolicy: capacity.type === 'spot' ? 'Delete' : undefined,
    capacityReservationGroupId: capacity.type === 'reserved' ? capacity.azure?.capacityReservationGroupId : undefined,
    proximityPlacementGroup: pool.fabric,
    zones,
    osDiskType: supportsEphemeralOsDisk(offering, pool.diskGiB) ? 'Ephemeral' : 'Managed',
    osDiskSizeGb: pool.diskGiB,
    gpuDriver: pool.gpuDriver === 'none' ? 'None' : 'Install',
    osSku: arm64 ? 'Ubuntu' : undefined,
    maxPods: GPU_NODE_MAX_PODS,
    upgradeSettings: capacity.type === 'spot' ? undefined : { maxSurge: '1' },
    temporaryNameForRotation: aksRotationName(pool.name),
    labels: scheduling.labels,
    taints: scheduling.taints.map(aksTaint),
  };
}
