/**
 * A prod-only config, from the frozen fixture, whose GPU pools take every capacity path it does not:
 * a Capacity Block (AWS) with a capacity reservation group (Azure) on a fabric pool, an
 * On-Demand Capacity Reservation, and spot with the GPU Operator managing drivers.
 */
import { parsePlatformConfig } from '../../config/load';
import type { PlatformConfig } from '../../config/schema';
import { frozenConfig } from './config-fixture';

export const CAPACITY_BLOCK_ID = 'cr-0a1b2c3d4e5f60718';
export const ODCR_ID = 'cr-0123456789abcdef0';
export const CRG_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-capacity/providers/Microsoft.Compute/capacityReservationGroups/crg-gpu';

export function capacityPathsConfig(): PlatformConfig {
  const config = frozenConfig();
  delete config.environments.dev;
  const prod = config.environments.prod;
  prod.aws.regions = prod.aws.regions.slice(0, 1);
  prod.gpuPools = [
    {
      name: 'serve',
      gpuModel: 'h100',
      purpose: 'inference',
      nodes: { min: 2, desired: 2, max: 4 },
      capacity: {
        type: 'reserved',
        aws: { capacityReservationId: CAPACITY_BLOCK_ID, capacityBlock: true },
        azure: { capacityReservationGroupId: CRG_ID },
      },
      fabric: true,
      zones: [2],
    },
    {
      name: 'tune',
      gpuModel: 'a100-80gb',
      purpose: 'training',
      nodes: { min: 1, desired: 1, max: 2 },
      capacity: {
        type: 'reserved',
        aws: { capacityReservationId: ODCR_ID },
        azure: { capacityReservationGroupId: CRG_ID },
      },
      fabric: true,
      // us-east-1 offers p4de.24xlarge only in use1-az4 and use1-az6: the region's third zone here.
      zones: [3],
    },
    {
      name: 'burst',
      gpuModel: 't4',
      gpusPerNode: 4,
      purpose: 'inference',
      nodes: { min: 0, desired: 0, max: 10 },
      capacity: { type: 'spot' },
      gpuDriver: 'none',
    },
  ];
  return parsePlatformConfig(config);
}
