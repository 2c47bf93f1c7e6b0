import { nodeNetworkInterfaces, planAwsGpuNodeGroup } from '../../../constructs/aws/gpu-node-group-plan';
import { resolveGpuOffering } from '../../../constructs/cloud-neutral/gpu-catalog';
import type { GpuPoolSpec } from '../../../constructs/cloud-neutral/gpu-pool';
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
      networkInterfaces: nodeNetworkInterfaces(resolveGpuOffering('h100', 'aws', 8)!, 32),
      placementGroup: true,
      zones: ['us-east-1a'],
    });
  });

  test('P5 takes an EFA on every card, the primary one on card 0', () => {
    const interfaces = nodeNetworkInterfaces(resolveGpuOffering('h100', 'aws', 8)!, 32);
    expect(interfaces).toHaveLength(32);
    expect(interfaces[0]).toEqual({ networkCardIndex: 0, deviceIndex: 0, interfaceType: 'efa' });
    expect(interfaces[31]).toEqual({ networkCardIndex: 31, deviceIndex: 1, interfaceType: 'efa' });
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
      capacityReservationTarget: { capacityReservationId: 'cr-1234567890abcdef0' },
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
      capacityReservationTarget: { capacityReservationId: 'cr-1234567890abcdef0' },
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
      'GPU pool p: a fabric or rack-scale pool must use one zone, got us-east-1a, us-east-1b',
    );
  });

  describe('a GB200 rack-scale pool', () => {
    const gb200 = (overrides: Partial<GpuPoolSpec> = {}) =>
      pool({
        model: 'gb200',
        gpusPerNode: 4,
        nodes: { min: 0, desired: 18, max: 36 },
        capacity: { type: 'reserved', aws: { capacityReservationId: 'cr-1234567890abcdef0', capacityBlock: true } },
        ...overrides,
      });

    test('runs the arm64 NVIDIA AMI on a Capacity Block in one zone', () => {
      expect(planAwsGpuNodeGroup(gb200(), ZONES)).toMatchObject({
        instanceType: 'p6e-gb200.36xlarge',
        amiType: 'AL2023_ARM_64_NVIDIA',
        capacityType: 'CAPACITY_BLOCK',
        marketType: 'capacity-block',
        capacityReservationTarget: { capacityReservationId: 'cr-1234567890abcdef0' },
        placementGroup: false,
        zones: ['us-east-1a'],
      });
    });

    test('keeps card 0 ENA and puts EFA-only interfaces on cards 1, 5, 9 and 13', () => {
      expect(planAwsGpuNodeGroup(gb200(), ZONES).networkInterfaces).toEqual([
        { networkCardIndex: 0, deviceIndex: 0 },
        ...[1, 5, 9, 13].map((card) => ({ networkCardIndex: card, deviceIndex: 0, interfaceType: 'efa-only' })),
      ]);
    });

    test('may target a resource group of reservations instead of one', () => {
      const arn = 'arn:aws:resource-groups:us-east-1:123456789012:group/gb200-blocks';
      const plan = planAwsGpuNodeGroup(
        gb200({
          capacity: { type: 'reserved', aws: { capacityReservationResourceGroupArn: arn, capacityBlock: true } },
        }),
        ZONES,
      );
      expect(plan.capacityReservationTarget).toEqual({ capacityReservationResourceGroupArn: arn });
    });

    test('without a Capacity Block is an error', () => {
      expect(() => planAwsGpuNodeGroup(gb200({ capacity: { type: 'on-demand' } }), ZONES)).toThrow(
        'p6e-gb200.36xlarge is sold only through Capacity Blocks for ML',
      );
    });

    test('spread across zones is an error, fabric or not', () => {
      expect(() => planAwsGpuNodeGroup(gb200({ fabric: false, zoneIndexes: [1, 2] }), ZONES)).toThrow(
        'must use one zone',
      );
    });
  });
});
