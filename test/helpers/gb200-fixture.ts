/**
 * A prod-only config, from the frozen fixture, with one rack-scale GB200 pool on both clouds: one
 * NVL72 domain (18 nodes) scaling to two, a Capacity Block on AWS and a capacity reservation
 * group on Azure, EFA / InfiniBand, the GPU Operator's drivers, and the opt-in Azure's preview
 * status asks for. The shipped config carries no such pool: few accounts can buy these racks.
 */
import { parsePlatformConfig } from '../../config/load';
import type { PlatformConfig } from '../../config/schema';
import { frozenConfig, type ConfigInput } from './config-fixture';
import { CAPACITY_BLOCK_ID, CRG_ID } from './gpu-fixture';

export const GB200_POOL = 'nvl';

/** The GB200 fixture as plain JSON, for tests that break it before parsing. */
export function gb200ConfigInput(): ConfigInput {
  const config = frozenConfig();
  delete config.environments.dev;
  const prod = config.environments.prod;
  prod.aws.regions = prod.aws.regions.slice(0, 1);
  // Azure offers ND GB200 v6 in eastus, not in the fixture's eastus2 (cloud facts: az vm list-skus).
  prod.azure.regions[0].region = 'eastus';
  prod.kubernetes.version = '1.36';
  prod.gpuPools = [
    {
      name: GB200_POOL,
      gpuModel: 'gb200',
      purpose: 'training',
      nodes: { min: 0, desired: 18, max: 36 },
      capacity: {
        type: 'reserved',
        aws: { capacityReservationId: CAPACITY_BLOCK_ID, capacityBlock: true },
        azure: { capacityReservationGroupId: CRG_ID },
      },
      fabric: true,
      gpuDriver: 'none',
      allowPreview: true,
    },
  ];
  return config;
}

export function gb200Config(): PlatformConfig {
  return parsePlatformConfig(gb200ConfigInput());
}
