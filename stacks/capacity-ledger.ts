/**
 * The capacity and cost ledger of a synth: every pool every region's stack will deploy, read from
 * the synthesized JSON and checked against the config (SKU, GPU model, GPUs per node, node
 * counts, capacity kind, region), then costed against the price table. `npm run ledger` prints
 * it; synth judges the config's budgets on it (`constructs/checks/budgets.ts`).
 */
import { environmentSpec } from '../config/specs';
import type { PlatformConfig } from '../config/schema';
import { budgetProblems, type BudgetProblem } from '../constructs/checks/budgets';
import { aksNodePools, eksNodeGroups, type SynthesizedPool } from '../constructs/checks/node-pools';
import {
  CLOUDS,
  gpuModel,
  isGpuModelId,
  resolveGpuOffering,
  type Cloud,
} from '../constructs/cloud-neutral/gpu-catalog';
import type { CapacitySpec } from '../constructs/cloud-neutral/gpu-pool';
import {
  committedShares,
  HOURS_PER_MONTH,
  ledgerRow,
  ledgerTotals,
  type CapacityKind,
  type CommittedShare,
  type LedgerRow,
  type LedgerTotal,
  type PlannedPool,
} from '../constructs/cloud-neutral/ledger';
import { awsDistributionStackName, azureHostStackName } from '../constructs/cloud-neutral/naming';
import { PRICE_TABLE, type PriceSource, type PriceTable } from '../constructs/cloud-neutral/prices';
import type { StackJson } from '../constructs/shared/stack-json';

/** The whole ledger: rows, totals apart, shares, and the price sources the rows name. */
export interface Ledger {
  readonly currency: 'USD';
  readonly hoursPerMonth: number;
  readonly rows: readonly LedgerRow[];
  readonly totals: readonly LedgerTotal[];
  readonly shares: readonly CommittedShare[];
  readonly sources: readonly PriceSource[];
}

/** The capacity kind a pool's config asks for on a cloud. */
export function configuredCapacity(cloud: Cloud, capacity: CapacitySpec): CapacityKind {
  if (capacity.type !== 'reserved') return capacity.type;
  if (cloud === 'azure') return 'azure-capacity-reservation-group';
  return capacity.aws?.capacityBlock ? 'capacity-block' : 'on-demand-capacity-reservation';
}

/** The GPUs per node of a model's SKU on a cloud, from the catalog; undefined when the catalog lacks it. */
function catalogGpusPerNode(cloud: Cloud, model: string | undefined, sku: string): number | undefined {
  if (!model || !isGpuModelId(model)) return undefined;
  return gpuModel(model).offerings[cloud]?.find((o) => o.sku === sku)?.gpusPerNode;
}

/** What the config asks of one pool in one region. */
type Expected = Omit<PlannedPool, 'environment' | 'cloud' | 'region'>;

function expectedPools(
  config: PlatformConfig,
  envName: string,
  cloud: Cloud,
  region: string,
  today: string,
): Expected[] {
  const env = config.environments[envName];
  const system = env.kubernetes.systemPool;
  const pools = environmentSpec(config, envName, today)[cloud].gpuPoolsIn(region);
  return [
    {
      pool: 'system',
      role: 'system',
      sku: cloud === 'aws' ? system.awsInstanceType : system.azureVmSize,
      gpusPerNode: 0,
      nodes: system.nodes,
      capacity: 'on-demand',
      configPath: `environments.${envName}.kubernetes.systemPool`,
    },
    ...pools.map((pool) => ({
      pool: pool.name,
      role: 'gpu' as const,
      gpuModel: pool.model,
      sku:
        resolveGpuOffering(pool.model, cloud, pool.gpusPerNode)?.sku ??
        `(no ${cloud} SKU of ${pool.model} with ${pool.gpusPerNode} GPUs)`,
      gpusPerNode: pool.gpusPerNode,
      nodes: pool.nodes,
      capacity: configuredCapacity(cloud, pool.capacity),
      configPath: `environments.${envName}.gpuPools[${env.gpuPools.findIndex((p) => p.name === pool.name)}]`,
    })),
  ];
}

const show = (nodes: { min: number; desired: number; max: number }) => `${nodes.min}/${nodes.desired}/${nodes.max}`;

/** How a synthesized pool differs from what the config asks, field by field. */
function differences(found: SynthesizedPool, expected: Expected, region: string): string[] {
  const perNode = found.role === 'gpu' ? catalogGpusPerNode(found.cloud, found.gpuModel, found.sku) : 0;
  const compared: [string, unknown, unknown][] = [
    ['region', found.region, region],
    ['SKU', found.sku, expected.sku],
    ['GPU model', found.gpuModel, expected.gpuModel],
    ['GPUs per node', perNode, expected.gpusPerNode],
    ['nodes min/desired/max', show(found.nodes), show(expected.nodes)],
    ['capacity', found.capacity, expected.capacity],
  ];
  return compared.filter(([, a, b]) => a !== b).map(([field, a, b]) => `${field} ${String(a)}, config ${String(b)}`);
}

/**
 * The pools of every region stack of the config, read from the synthesized stacks, and every way
 * they differ from the config (a pool missing, extra, or built otherwise).
 */
export function plannedPools(
  config: PlatformConfig,
  stacks: ReadonlyMap<string, StackJson>,
  today: string,
): { pools: PlannedPool[]; problems: string[] } {
  const pools: PlannedPool[] = [];
  const problems: string[] = [];
  for (const [environment, env] of Object.entries(config.environments)) {
    for (const cloud of CLOUDS) {
      for (const { region } of env[cloud].regions) {
        const name =
          cloud === 'aws' ? awsDistributionStackName(environment, region) : azureHostStackName(environment, region);
        const stack = stacks.get(name);
        if (!stack) {
          problems.push(`${name}: the stack was not synthesized`);
          continue;
        }
        const found = cloud === 'aws' ? eksNodeGroups(stack) : aksNodePools(stack);
        const expected = expectedPools(config, environment, cloud, region, today);
        for (const want of expected) {
          const built = found.find((f) => f.role === want.role && (want.role === 'system' || f.name === want.pool));
          if (!built) {
            problems.push(
              `${name}: ${want.role} pool ${want.pool} (${want.configPath}) is not in the synthesized stack`,
            );
            continue;
          }
          const differ = differences(built, want, region);
          if (differ.length > 0)
            problems.push(`${name}: ${built.address} differs from ${want.configPath}: ${differ.join('; ')}`);
          else
            pools.push({
              environment,
              cloud,
              region,
              ...want,
              sku: built.sku,
              nodes: built.nodes,
              capacity: built.capacity,
            });
        }
        for (const extra of found.filter(
          (f) => !expected.some((e) => e.role === f.role && (f.role === 'system' || e.pool === f.name)),
        ))
          problems.push(`${name}: ${extra.address} (${extra.role} pool ${extra.name}) is in no pool of the config`);
      }
    }
  }
  return { pools, problems };
}

/** The ledger of some pools at a price table. */
export function buildLedger(pools: readonly PlannedPool[], prices: PriceTable): Ledger {
  const rows = pools.map((pool) => ledgerRow(pool, prices));
  const named = new Set(rows.flatMap((r) => (r.price ? [r.price.source] : [])));
  return {
    currency: 'USD',
    hoursPerMonth: HOURS_PER_MONTH,
    rows,
    totals: ledgerTotals(rows),
    shares: committedShares(rows),
    sources: prices.sources.filter((s) => named.has(s.id)),
  };
}

/**
 * Every budget of the config the synthesized plan (`stacks`, by name) exceeds, or cannot be
 * judged against, with its config path.
 */
export function synthBudgetProblems(
  config: PlatformConfig,
  stacks: ReadonlyMap<string, StackJson>,
  today: string,
  prices: PriceTable = PRICE_TABLE,
): BudgetProblem[] {
  const budgeted = Object.entries(config.environments).filter(([, env]) => env.budget);
  if (budgeted.length === 0) return [];
  const budgetedConfig = { ...config, environments: Object.fromEntries(budgeted) };
  const { pools, problems } = plannedPools(budgetedConfig, stacks, today);
  // The stacks differ from the config they were built from: a defect of the platform, not of the config.
  if (problems.length > 0) throw new Error(`the ledger cannot judge the budgets:\n${problems.join('\n')}`);
  const { rows } = buildLedger(pools, prices);
  return budgeted.flatMap(([environment, env]) => budgetProblems(environment, env.budget!, rows));
}
