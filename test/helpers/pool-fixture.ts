import type { GpuPoolSpec } from '../../constructs/cloud-neutral/gpu-pool';

/** An 8 x H100 fabric training pool in zone 1, with any field overridden. */
export function gpuPoolSpec(overrides: Partial<GpuPoolSpec> = {}): GpuPoolSpec {
  return {
    name: 'p',
    model: 'h100',
    gpusPerNode: 8,
    purpose: 'training',
    nodes: { min: 1, desired: 1, max: 2 },
    capacity: { type: 'on-demand' },
    fabric: true,
    zoneIndexes: [1],
    gpuDriver: 'install',
    diskGiB: 300,
    ...overrides,
  };
}
