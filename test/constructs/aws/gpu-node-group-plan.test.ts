import { planAwsGpuNodeGroup } from '../../../constructs/aws/gpu-node-group-plan';
import type { GpuPoolSpec } from '../../../constructs/spec/gpu-pool';
import { gpuPoolSpec } from '../../helpers/pool-fixture';

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

function pool(overrides: Partial<GpuPoolSpec>): GpuPoolSpec {
  return gpuPoolSpec({ zoneIndexes: [1], ...overrides });
}

describe('planAwsGpuNodeGroup', () => {
  test('a fabric pool gets every EFA interface, one zone and a placement group', () => {
    expect(planAwsGpuNodeGroup(pool({}), ZONES)).toEqual({
      instanceType: 'p5.48xlarge',
      amiType: 'AL2023_x86_64_NVIDIA',
      capacityType: 'ON_DEMAND',
      efaInterfaces: 32,
      placementGroup: true,
      zones: ['us-east-1a'],
    });
  });

  test('a Capacity Block turns the placement group off and sets the market type', () => {
    const plan = planAwsGpuNodeGroup(
      pool({
        capacity: { type: 'reserved', aws: { capacityReservationId: 'cr-1234567890abcdef0', capacityBlock: true } },
      }),
      ZONES,
    );
    expect(plan).toMatchObject({
      capacityType: 'CAPACITY_BLOCK',
      marketType: 'capacity-block',
      capacityReservationId: 'cr-1234567890abcdef0',
      placementGroup: false,
    });
  });

  test('an On-Demand Capacity Reservation turns the placement group off and stays on-demand', () => {
    const plan = planAwsGpuNodeGroup(
      pool({
        capacity: { type: 'reserved', aws: { capacityReservationId: 'cr-1234567890abcdef0', capacityBlock: false } },
      }),
      ZONES,
    );
    expect(plan).toMatchObject({
      capacityType: 'ON_DEMAND',
      placementGroup: false,
      capacityReservationId: 'cr-1234567890abcdef0',
    });
    expect(plan.marketType).toBeUndefined();
  });

  test('spot without fabric: no EFA, no placement group, every zone', () => {
    const plan = planAwsGpuNodeGroup(
      pool({ model: 't4', gpusPerNode: 1, fabric: false, capacity: { type: 'spot' }, zoneIndexes: [1, 2, 3] }),
      ZONES,
    );
    expect(plan).toMatchObject({
      instanceType: 'g4dn.2xlarge',
      capacityType: 'SPOT',
      efaInterfaces: 0,
      placementGroup: false,
      zones: ZONES,
    });
  });

  test('a model AWS does not offer is an error', () => {
    expect(() => planAwsGpuNodeGroup(pool({ model: 'h100-nvl', gpusPerNode: 1 }), ZONES)).toThrow(
      'GPU pool p: AWS offers no h100-nvl with 1 GPUs per node',
    );
  });

  test('a fabric pool spread across zones is an error', () => {
    expect(() => planAwsGpuNodeGroup(pool({ zoneIndexes: [1, 2] }), ZONES)).toThrow(
      'GPU pool p: a fabric pool must use one zone, got us-east-1a, us-east-1b',
    );
  });
});
