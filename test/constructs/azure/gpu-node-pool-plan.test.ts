import { GPU_NODE_MAX_PODS, planAksGpuNodePool } from '../../../constructs/azure/gpu-node-pool-plan';
import type { GpuPoolSpec } from '../../../constructs/cloud-neutral/gpu-pool';
import { gpuPoolSpec } from '../../helpers/pool-fixture';

const ZONES = ['1', '2', '3'];

function pool(overrides: Partial<GpuPoolSpec>): GpuPoolSpec {
  return gpuPoolSpec({ zoneIndexes: [2], ...overrides });
}

describe('planAksGpuNodePool', () => {
  test('a fabric pool gets a proximity placement group in one zone and an ephemeral OS disk', () => {
    expect(planAksGpuNodePool(pool({}), ZONES)).toEqual({
      vmSize: 'Standard_ND96isr_H100_v5',
      priority: 'Regular',
      evictionPolicy: undefined,
      capacityReservationGroupId: undefined,
      proximityPlacementGroup: true,
      zones: ['2'],
      osDiskType: 'Ephemeral',
      osDiskSizeGb: 300,
      gpuDriver: 'Install',
      osSku: undefined,
      maxPods: GPU_NODE_MAX_PODS,
      upgradeSettings: { maxSurge: '1' },
      temporaryNameForRotation: 'ptmp',
      labels: {
        'gpu-platform.io/gpu-model': 'h100',
        'gpu-platform.io/purpose': 'training',
        'gpu-platform.io/pool': 'p',
        'gpu-platform.io/capacity': 'on-demand',
      },
      taints: ['nvidia.com/gpu=present:NoSchedule'],
    });
  });

  test('spot pools are deleted on eviction and carry the taint AKS requires', () => {
    const plan = planAksGpuNodePool(
      pool({ model: 't4', gpusPerNode: 1, fabric: false, capacity: { type: 'spot' } }),
      ZONES,
    );
    expect(plan).toMatchObject({ priority: 'Spot', evictionPolicy: 'Delete', proximityPlacementGroup: false });
    // AKS refuses max surge on spot pools at apply; azurerm 4.55 needs a value when the block is set.
    expect(plan.upgradeSettings).toBeUndefined();
    expect(plan.taints).toEqual([
      'nvidia.com/gpu=present:NoSchedule',
      'kubernetes.azure.com/scalesetpriority=spot:NoSchedule',
    ]);
  });

  test('regular pools surge one node on upgrade; every pool names its rotation copy', () => {
    const plan = planAksGpuNodePool(pool({ model: 't4', gpusPerNode: 1, fabric: false }), ZONES);
    expect(plan.upgradeSettings).toEqual({ maxSurge: '1' });
    expect(plan.temporaryNameForRotation).toMatch(/^[a-z][a-z0-9]{0,8}tmp$/);
  });

  test('reserved pools draw on the capacity reservation group', () => {
    const id = '/subscriptions/x/resourceGroups/r/providers/Microsoft.Compute/capacityReservationGroups/g';
    const plan = planAksGpuNodePool(
      pool({ capacity: { type: 'reserved', azure: { capacityReservationGroupId: id } } }),
      ZONES,
    );
    expect(plan.capacityReservationGroupId).toBe(id);
  });

  test('the GPU Operator path installs no driver', () => {
    expect(planAksGpuNodePool(pool({ gpuDriver: 'none' }), ZONES).gpuDriver).toBe('None');
  });

  test('an OS disk larger than the temp disk is managed, not ephemeral', () => {
    const plan = planAksGpuNodePool(pool({ model: 't4', gpusPerNode: 1, fabric: false, diskGiB: 512 }), ZONES);
    expect(plan.osDiskType).toBe('Managed');
  });

  test('a model Azure does not offer is an error', () => {
    expect(() => planAksGpuNodePool(pool({ model: 'l40s', gpusPerNode: 1, fabric: false }), ZONES)).toThrow(
      'GPU pool p: Azure offers no l40s with 1 GPUs per node',
    );
  });

  test('a fabric pool spread across zones is an error', () => {
    expect(() => planAksGpuNodePool(pool({ zoneIndexes: [1, 3] }), ZONES)).toThrow(
      'GPU pool p: a fabric or rack-scale pool must use one zone, got 1, 3',
    );
  });

  describe('a GB200 rack-scale pool', () => {
    const CRG =
      '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg/providers/Microsoft.Compute/capacityReservationGroups/crg';
    const gb200 = (overrides: Partial<GpuPoolSpec> = {}) =>
      pool({
        model: 'gb200',
        gpusPerNode: 4,
        nodes: { min: 0, desired: 18, max: 36 },
        capacity: { type: 'reserved', azure: { capacityReservationGroupId: CRG } },
        gpuDriver: 'none',
        ...overrides,
      });

    test('is the arm64 ND GB200 v6 size on Ubuntu, drivers from the GPU Operator, in one zone', () => {
      expect(planAksGpuNodePool(gb200(), ZONES)).toMatchObject({
        vmSize: 'Standard_ND128isr_NDR_GB200_v6',
        osSku: 'Ubuntu',
        gpuDriver: 'None',
        capacityReservationGroupId: CRG,
        zones: ['2'],
        osDiskType: 'Managed',
      });
    });

    test('with AKS installing drivers is an error: that install does nothing on arm64', () => {
      expect(() => planAksGpuNodePool(gb200({ gpuDriver: 'install' }), ZONES)).toThrow(
        'Standard_ND128isr_NDR_GB200_v6 is arm64, where only the GPU Operator installs drivers',
      );
    });

    test('x86 pools keep the cluster default OS SKU', () => {
      expect(planAksGpuNodePool(pool({}), ZONES).osSku).toBeUndefined();
    });
  });
});
