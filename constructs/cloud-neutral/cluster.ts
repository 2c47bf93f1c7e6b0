/**
 * The cloud-neutral cluster spec, and the scheduling contract GPU nodes keep on both clouds: the
 * same labels and taints, so one workload manifest schedules on EKS or AKS unchanged.
 */
import { isRackScale, resolveGpuOffering, type Cloud, type GpuOffering } from './gpu-catalog';
import type { GpuPoolSpec, NodeCountSpec } from './gpu-pool';

/** One Kubernetes cluster, declared once and built as EKS on AWS and AKS on Azure. */
export interface ClusterSpec {
  /** Cluster name; also the EKS subnet discovery tag. */
  readonly name: string;
  /** Kubernetes minor version, for example `1.33`. */
  readonly kubernetesVersion: string;
  /** The system pool: add-ons only, no GPU work. */
  readonly systemPool: SystemPoolSpec;
  /** GPU pools this cloud builds. */
  readonly gpuPools: readonly GpuPoolSpec[];
  /** CIDRs that may reach a public API endpoint; empty means no public endpoint. */
  readonly publicAccessCidrs: readonly string[];
}

export interface SystemPoolSpec {
  readonly nodes: NodeCountSpec;
  /** EKS instance type. */
  readonly awsInstanceType: string;
  /** AKS VM size. */
  readonly azureVmSize: string;
}

/** A taint in Kubernetes' own terms; each cloud spells the effect its way. */
export interface NodeTaint {
  readonly key: string;
  readonly value: string;
  readonly effect: 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule';
}

/** Label keys of the scheduling contract. */
export const GPU_LABELS = {
  model: 'gpu-platform.io/gpu-model',
  purpose: 'gpu-platform.io/purpose',
  pool: 'gpu-platform.io/pool',
  capacity: 'gpu-platform.io/capacity',
} as const;

/** The system pool's name on both clouds, and its `GPU_LABELS.pool` value on EKS (AKS marks it as the default pool). */
export const SYSTEM_POOL = 'system';

/** Keeps everything but GPU workloads (which tolerate it) off GPU nodes. */
export const GPU_TAINT: NodeTaint = { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' };

/**
 * AKS puts this taint on every spot node pool and rejects pools that omit it; AWS spot node
 * groups carry it too, so a workload that tolerates spot on one cloud does on the other.
 */
export const SPOT_TAINT: NodeTaint = {
  key: 'kubernetes.azure.com/scalesetpriority',
  value: 'spot',
  effect: 'NoSchedule',
};

/**
 * AKS labels every spot node with the spot taint's key and value. A pool that does not declare
 * the label shows a diff on every plan, so spot pools declare it; AWS spot node groups carry it
 * too, so a node selector on it works on both clouds.
 */
export const SPOT_LABEL = { [SPOT_TAINT.key]: SPOT_TAINT.value } as const;

/** The labels and taints a GPU pool's nodes carry, identical on both clouds. */
export function gpuNodeScheduling(pool: GpuPoolSpec): { labels: Record<string, string>; taints: NodeTaint[] } {
  return {
    labels: {
      [GPU_LABELS.model]: pool.model,
      [GPU_LABELS.purpose]: pool.purpose,
      [GPU_LABELS.pool]: pool.name,
      [GPU_LABELS.capacity]: pool.capacity.type,
      ...(pool.capacity.type === 'spot' ? SPOT_LABEL : {}),
    },
    taints: pool.capacity.type === 'spot' ? [GPU_TAINT, SPOT_TAINT] : [GPU_TAINT],
  };
}

/** The zones a pool uses in one network: all of them, or those at its 1-based zone indexes. */
export function poolZones(pool: GpuPoolSpec, networkZones: readonly string[]): string[] {
  if (pool.zoneIndexes === 'all') return [...networkZones];
  return pool.zoneIndexes.map((i) => {
    const zone = networkZones[i - 1];
    if (zone === undefined)
      throw new Error(`pool ${pool.name} asks for zone ${i}, the network has ${networkZones.length}`);
    return zone;
  });
}

const CLOUD_NAMES: Record<Cloud, string> = { aws: 'AWS', azure: 'Azure' };

/**
 * Where a pool lands on one cloud: the catalog's SKU for its model and GPU count, and its zones
 * (one for a fabric or rack-scale pool). Config validation rejects both failures first; these errors guard
 * constructs built from a spec that skipped it.
 */
export function placeGpuPool(
  pool: GpuPoolSpec,
  cloud: Cloud,
  networkZones: readonly string[],
): { offering: GpuOffering; zones: string[] } {
  const offering = resolveGpuOffering(pool.model, cloud, pool.gpusPerNode);
  if (!offering) {
    throw new Error(
      `GPU pool ${pool.name}: ${CLOUD_NAMES[cloud]} offers no ${pool.model} with ${pool.gpusPerNode} GPUs per node`,
    );
  }
  const zones = poolZones(pool, networkZones);
  if ((pool.fabric || isRackScale(offering)) && zones.length !== 1) {
    throw new Error(`GPU pool ${pool.name}: a fabric or rack-scale pool must use one zone, got ${zones.join(', ')}`);
  }
  return { offering, zones };
}
