import { checkDay } from '../../config/dated-checks';
import { block, resourcesOfType, type StackJson } from '../../constructs/shared/stack-json';
import { GPU_CATALOG, type Cloud } from '../../constructs/cloud-neutral/gpu-catalog';
import type { LedgerRow } from '../../constructs/cloud-neutral/ledger';
import { plannedPools, type Ledger } from '../../stacks/capacity-ledger';
import { sharedLedger } from '../helpers/ledger-fixture';
import { SHARED_SYNTHS, sharedOutput } from '../helpers/shared-synth';

/** Every node group and node pool of the synthesized stacks, read here apart from the ledger's reader. */
function deployedPools(stacks: ReadonlyMap<string, StackJson>) {
  return [...stacks.values()].flatMap((stack) => [
    ...resourcesOfType(stack, 'aws_eks_node_group').map(({ attributes: g }) => {
      const scaling = block(g.scaling_config)!;
      return {
        cloud: 'aws',
        region: stack.provider!.aws[0].region,
        name: g.node_group_name,
        sku: (g.instance_types as string[])[0],
        nodes: `${scaling.min_size}/${scaling.desired_size}/${scaling.max_size}`,
        capacityType: g.capacity_type,
      };
    }),
    ...resourcesOfType(stack, 'azurerm_kubernetes_cluster').flatMap(({ attributes: c }) => {
      const pools = [
        block(c.default_node_pool)!,
        ...resourcesOfType(stack, 'azurerm_kubernetes_cluster_node_pool').map((p) => p.attributes),
      ];
      return pools.map((p) => ({
        cloud: 'azure',
        region: c.location,
        name: p.name,
        sku: p.vm_size,
        nodes: `${p.min_count}/${p.node_count}/${p.max_count}`,
        capacityType: p.priority === 'Spot' ? 'Spot' : p.capacity_reservation_group_id ? 'reserved' : 'Regular',
      }));
    }),
  ]);
}

const sorted = <T>(items: T[]) => items.map((i) => JSON.stringify(i)).sort();

function catalogGpusPerNode(cloud: Cloud, sku: string): number {
  return Object.values(GPU_CATALOG)
    .flatMap(
      (m) => (m.offerings as Partial<Record<Cloud, readonly { sku: string; gpusPerNode: number }[]>>)[cloud] ?? [],
    )
    .find((o) => o.sku === sku)!.gpusPerNode;
}

/** What holds of any config's ledger. */
function expectLedgerInvariants(ledger: Ledger, stacks: ReadonlyMap<string, StackJson>) {
  // One row per deployed node group or node pool, with its SKU, counts, region, and capacity.
  const capacityType = (r: LedgerRow) =>
    r.cloud === 'aws'
      ? ({ spot: 'SPOT', 'capacity-block': 'CAPACITY_BLOCK' }[r.capacity as string] ?? 'ON_DEMAND')
      : ({ spot: 'Spot', 'azure-capacity-reservation-group': 'reserved' }[r.capacity as string] ?? 'Regular');
  expect(
    sorted(
      ledger.rows.map((r) => ({
        cloud: r.cloud,
        region: r.region,
        name: r.pool,
        sku: r.sku,
        nodes: `${r.nodes.min}/${r.nodes.desired}/${r.nodes.max}`,
        capacityType: capacityType(r),
      })),
    ),
  ).toEqual(sorted(deployedPools(stacks)));
  for (const row of ledger.rows) {
    const perNode = row.role === 'gpu' ? catalogGpusPerNode(row.cloud, row.sku) : 0;
    expect(row.gpusPerNode).toBe(perNode);
    for (const bound of ['min', 'desired', 'max'] as const) expect(row.gpus[bound]).toBe(row.nodes[bound] * perNode);
    if (row.price === null) expect(row.monthlyUsd).toBeNull();
    else expect(row.monthlyUsd!.max).toBeCloseTo(row.nodes.max * row.price.usdPerNodeHour * 730, 1);
  }
  // The totals add up: over both clouds, each environment's figure is the sum of its rows.
  for (const total of ledger.totals) {
    const rows = ledger.rows.filter(
      (r) =>
        r.role === total.role &&
        (total.environment === undefined || r.environment === total.environment) &&
        (total.cloud === undefined || r.cloud === total.cloud),
    );
    const priced = rows.filter((r) => r.price !== null);
    expect(total.rows).toBe(rows.length);
    expect(total.unpricedRows).toBe(rows.length - priced.length);
    // Money over no priced row is unknown, never 0.
    expect(total.monthlyUsd === null).toBe(rows.length > 0 && priced.length === 0);
    for (const bound of ['min', 'desired', 'max'] as const) {
      expect(total.gpus[bound]).toBe(rows.reduce((s, r) => s + r.gpus[bound], 0));
      if (total.monthlyUsd === null) continue;
      expect(total.monthlyUsd[bound]).toBeCloseTo(
        priced.reduce((s, r) => s + r.monthlyUsd![bound], 0),
        2,
      );
    }
    expect(total.note === '').toBe(total.unpricedRows === 0);
  }
}

describe('the capacity ledger of the shipped config (invariants only)', () => {
  const ledger = sharedLedger('shipped');
  const { stacks } = sharedOutput('shipped');

  test('rows agree with the synthesized node groups and node pools; GPUs are nodes x GPUs per node; totals add up', () => {
    expectLedgerInvariants(ledger, stacks);
  });

  test('every region stack has its system pool, priced apart', () => {
    const config = SHARED_SYNTHS.shipped();
    const regions = Object.values(config.environments).reduce(
      (n, e) => n + e.aws.regions.length + e.azure.regions.length,
      0,
    );
    expect(ledger.rows.filter((r) => r.role === 'system')).toHaveLength(regions);
  });
});

describe('the capacity ledger of a fork with other regions, pools and capacity kinds', () => {
  const ledger = sharedLedger('fork');
  const { stacks } = sharedOutput('fork');

  test('rows agree with the synthesized node groups and node pools; GPUs are nodes x GPUs per node; totals add up', () => {
    expectLedgerInvariants(ledger, stacks);
  });

  test('every capacity kind, each read from what the stacks deploy, committed or elastic', () => {
    const kinds = (pool: string) =>
      ledger.rows.filter((r) => r.pool === pool).map((r) => [r.cloud, r.region, r.capacity, r.commitment]);
    expect(kinds('blocks')).toEqual([['aws', 'us-west-2', 'capacity-block', 'committed']]);
    expect(kinds('reserved')).toEqual([
      ['aws', 'us-west-2', 'on-demand-capacity-reservation', 'committed'],
      ['azure', 'swedencentral', 'azure-capacity-reservation-group', 'committed'],
    ]);
    expect(kinds('edge')).toEqual([['aws', 'ap-northeast-1', 'spot', 'elastic']]);
    expect(kinds('burst')).toEqual([['azure', 'westeurope', 'spot', 'elastic']]);
  });

  test('committed GPUs per cloud: the reservations and Capacity Blocks at max', () => {
    const prd = ledger.shares.filter((s) => s.environment === 'prd');
    expect(prd.map((s) => [s.cloud, s.gpus])).toEqual([
      ['aws', 32 + 16],
      ['azure', 16],
    ]);
    expect(prd[0].gpuShare).toBeCloseTo(48 / 64, 10);
    // The Capacity Block of us-west-2 has no sourced rate: no spend share is given.
    expect(prd.map((s) => s.spendShare)).toEqual([null, null]);
  });

  test('a synthesized pool that differs from the config is reported, naming the stack, the resource and the field', () => {
    const tampered = new Map(
      [...stacks].map(([name, stack]) => [name, JSON.parse(JSON.stringify(stack)) as StackJson]),
    );
    const stack = tampered.get('prd-aws-dist-us-west-2')!;
    const group = Object.values(stack.resource!.aws_eks_node_group).find((g) => g.node_group_name === 'serve')!;
    group.instance_types = ['p4d.24xlarge'];
    (group.scaling_config as Record<string, number>).max_size = 9;

    const { problems } = plannedPools(SHARED_SYNTHS['fork'](), tampered, checkDay());

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^prd-aws-dist-us-west-2: aws_eks_node_group\.\S+ differs from environments\.prd\.gpuPools\[1\]:/,
    );
    expect(problems[0]).toContain('SKU p4d.24xlarge, config p5.48xlarge');
    expect(problems[0]).toContain('nodes min/desired/max 2/2/9, config 2/2/8');
  });
});

describe.each(['capacity-paths', 'gb200'] as const)('the capacity ledger of the %s fixture', (name) => {
  test('rows agree with the synthesized node groups and node pools; GPUs are nodes x GPUs per node; totals add up', () => {
    expectLedgerInvariants(sharedLedger(name), sharedOutput(name).stacks);
  });
});
