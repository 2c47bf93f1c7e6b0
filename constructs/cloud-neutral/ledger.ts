/**
 * The capacity and cost ledger's arithmetic: a pool's GPUs and list-price cost at its node
 * bounds, whether its capacity is committed, totals and committed shares. Pure: the pools come
 * from the synthesized stacks (`constructs/checks/node-pools.ts`), the prices from the table.
 */
import { CLOUDS, type Cloud } from './gpu-catalog';
import type { NodeCountSpec } from './gpu-pool';
import { listPrice, type ListPrice, type PriceRate, type PriceTable } from './prices';

/** Hours in the month the ledger prices: 365 × 24 / 12, the month both clouds' calculators use. */
export const HOURS_PER_MONTH = 730;

/** How a pool's nodes are bought, as the synthesized node group or node pool says. */
export const CAPACITY_KINDS = [
  'on-demand',
  'spot',
  'on-demand-capacity-reservation',
  'capacity-block',
  'azure-capacity-reservation-group',
] as const;
export type CapacityKind = (typeof CAPACITY_KINDS)[number];

/**
 * Committed capacity is paid for whether nodes run on it or not (an On-Demand Capacity
 * Reservation, a Capacity Block, an Azure capacity reservation group); elastic capacity only
 * while nodes run.
 */
export type Commitment = 'committed' | 'elastic';

export function commitmentOf(kind: CapacityKind): Commitment {
  return kind === 'on-demand' || kind === 'spot' ? 'elastic' : 'committed';
}

/**
 * The rate a kind of capacity is billed at. An On-Demand Capacity Reservation is billed at the
 * On-Demand rate (AWS EC2 User Guide, "Capacity Reservation pricing and billing"), and an Azure
 * capacity reservation at the VM size's pay-as-you-go rate (Azure "On-demand capacity
 * reservation" overview); a Capacity Block at its own rate.
 */
export function billedRate(kind: CapacityKind): PriceRate {
  switch (kind) {
    case 'spot':
      return 'spot';
    case 'capacity-block':
      return 'capacity-block';
    default:
      return 'on-demand';
  }
}

/** A GPU pool, or a cluster's system pool, as one region's stack builds it. */
export interface PlannedPool {
  readonly environment: string;
  readonly cloud: Cloud;
  readonly region: string;
  readonly pool: string;
  /** `gpu` pools carry GPUs; `system` pools run cluster add-ons and are priced apart. */
  readonly role: 'gpu' | 'system';
  /** The catalog's GPU model id; undefined for a system pool. */
  readonly gpuModel?: string;
  /** AWS instance type or Azure VM size. */
  readonly sku: string;
  /** 0 for a system pool. */
  readonly gpusPerNode: number;
  readonly nodes: NodeCountSpec;
  readonly capacity: CapacityKind;
  /** Where the pool is declared in the config: `environments.prod.gpuPools[1]`. */
  readonly configPath: string;
}

/** A figure at a pool's three node counts. */
export interface AtBounds {
  readonly min: number;
  readonly desired: number;
  readonly max: number;
}

/** The price a row is costed at. */
export interface RowPrice {
  readonly usdPerNodeHour: number;
  readonly rate: PriceRate;
  /** The source's id in the price table. */
  readonly source: string;
  readonly retrieved: string;
  /** Azure: the Retail Prices API meter. */
  readonly meter?: string;
  readonly note?: string;
}

/** One pool in one region of one environment, with its GPUs and cost. */
export interface LedgerRow extends PlannedPool {
  readonly gpus: AtBounds;
  readonly commitment: Commitment;
  /** Null when the table has no price: the row is unpriced, never free. */
  readonly price: RowPrice | null;
  /** Why there is no price; present only when `price` is null. */
  readonly unpricedReason?: string;
  /** USD per hour at each node count, to the cent; null when unpriced. */
  readonly hourlyUsd: AtBounds | null;
  /** USD per month ({@link HOURS_PER_MONTH} hours) at each node count, to the cent; null when unpriced. */
  readonly monthlyUsd: AtBounds | null;
}

const BOUNDS = ['min', 'desired', 'max'] as const;

function atBounds(f: (bound: (typeof BOUNDS)[number]) => number): AtBounds {
  return { min: f('min'), desired: f('desired'), max: f('max') };
}

const cents = (usd: number) => Math.round(usd * 100);

/** A USD amount with cents and thousands separators: `143,547.20`. */
export function formatUsd(amount: number): string {
  return amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function unpricedReason(pool: PlannedPool, rate: PriceRate): string {
  if (pool.cloud === 'aws' && rate === 'spot')
    return 'AWS publishes no list price for Spot: its Spot price moves with supply and demand';
  return `the price table has no ${rate} price for ${pool.sku} in ${pool.region}`;
}

/** A pool costed against the price table. */
export function ledgerRow(pool: PlannedPool, prices: PriceTable): LedgerRow {
  const rate = billedRate(pool.capacity);
  const found: ListPrice | undefined = listPrice(prices, pool.cloud, pool.region, pool.sku, rate);
  const base = {
    ...pool,
    gpus: atBounds((b) => pool.nodes[b] * pool.gpusPerNode),
    commitment: commitmentOf(pool.capacity),
  };
  if (!found)
    return { ...base, price: null, unpricedReason: unpricedReason(pool, rate), hourlyUsd: null, monthlyUsd: null };
  const hourly = (nodes: number) => cents(nodes * found.usdPerHour) / 100;
  return {
    ...base,
    price: {
      usdPerNodeHour: found.usdPerHour,
      rate,
      source: found.source.id,
      retrieved: found.source.retrieved,
      ...(found.meter ? { meter: found.meter } : {}),
      ...(found.note ? { note: found.note } : {}),
    },
    hourlyUsd: atBounds((b) => hourly(pool.nodes[b])),
    monthlyUsd: atBounds((b) => cents(pool.nodes[b] * found.usdPerHour * HOURS_PER_MONTH) / 100),
  };
}

/** Sums of some rows: one environment and cloud, one environment, one cloud, or all. */
export interface LedgerTotal {
  /** Undefined: every environment. */
  readonly environment?: string;
  /** Undefined: both clouds. */
  readonly cloud?: Cloud;
  readonly role: 'gpu' | 'system';
  readonly rows: number;
  readonly unpricedRows: number;
  readonly nodes: AtBounds;
  readonly gpus: AtBounds;
  /** Over the priced rows only: a lower bound when some are unpriced; null when none is priced (unknown, never 0). */
  readonly hourlyUsd: AtBounds | null;
  readonly monthlyUsd: AtBounds | null;
  /**
   * Committed capacity, at max: what the reservations must hold for the pools to reach their max.
   * `monthlyUsd` is null when there are committed rows and none is priced.
   */
  readonly committed: { readonly gpus: number; readonly monthlyUsd: number | null; readonly unpricedRows: number };
  /** Empty, or how many rows are unpriced, so the money is a lower bound. */
  readonly note: string;
}

/** The note a total carries when some of its rows are unpriced. */
export function unpricedNote(unpriced: number, rows: number): string {
  return unpriced === 0 ? '' : `${unpriced} of ${rows} rows unpriced; totals are lower bounds`;
}

function sumCents(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + cents(v), 0) / 100;
}

/** The total of some rows of one role. */
export function totalOf(
  rows: readonly LedgerRow[],
  scope: { environment?: string; cloud?: Cloud; role: 'gpu' | 'system' },
): LedgerTotal {
  const inScope = rows.filter(
    (r) =>
      r.role === scope.role &&
      (scope.environment === undefined || r.environment === scope.environment) &&
      (scope.cloud === undefined || r.cloud === scope.cloud),
  );
  const priced = inScope.filter((r) => r.price !== null);
  const committed = inScope.filter((r) => r.commitment === 'committed');
  const unpricedRows = inScope.length - priced.length;
  // Money over no priced row is unknown, not zero (an empty scope costs nothing).
  const known = inScope.length === 0 || priced.length > 0;
  const committedPriced = committed.filter((r) => r.monthlyUsd !== null);
  return {
    ...(scope.environment === undefined ? {} : { environment: scope.environment }),
    ...(scope.cloud === undefined ? {} : { cloud: scope.cloud }),
    role: scope.role,
    rows: inScope.length,
    unpricedRows,
    nodes: atBounds((b) => inScope.reduce((sum, r) => sum + r.nodes[b], 0)),
    gpus: atBounds((b) => inScope.reduce((sum, r) => sum + r.gpus[b], 0)),
    hourlyUsd: known ? atBounds((b) => sumCents(priced.map((r) => r.hourlyUsd![b]))) : null,
    monthlyUsd: known ? atBounds((b) => sumCents(priced.map((r) => r.monthlyUsd![b]))) : null,
    committed: {
      gpus: committed.reduce((sum, r) => sum + r.gpus.max, 0),
      monthlyUsd:
        committed.length > 0 && committedPriced.length === 0
          ? null
          : sumCents(committedPriced.map((r) => r.monthlyUsd!.max)),
      unpricedRows: committed.filter((r) => r.price === null).length,
    },
    note: unpricedNote(unpricedRows, inScope.length),
  };
}

/**
 * Every total of the rows, GPU pools and system pools apart: per environment and cloud, per
 * environment, per cloud, and overall.
 */
export function ledgerTotals(rows: readonly LedgerRow[]): LedgerTotal[] {
  const environments = [...new Set(rows.map((r) => r.environment))];
  const scopes: { environment?: string; cloud?: Cloud }[] = [
    ...environments.flatMap((environment) => [...CLOUDS.map((cloud) => ({ environment, cloud })), { environment }]),
    ...CLOUDS.map((cloud) => ({ cloud })),
    {},
  ];
  return (['gpu', 'system'] as const).flatMap((role) => scopes.map((scope) => totalOf(rows, { ...scope, role })));
}

/** One cloud's part of the committed GPU capacity and spend, in one environment or all. */
export interface CommittedShare {
  /** Undefined: every environment. */
  readonly environment?: string;
  readonly cloud: Cloud;
  /** Committed GPUs at max. */
  readonly gpus: number;
  /** Of the committed GPUs of both clouds; null when neither commits any. */
  readonly gpuShare: number | null;
  /** Committed monthly list price at max, over priced rows; null when it commits rows and none is priced. */
  readonly monthlyUsd: number | null;
  /** Of the committed spend of both clouds; null when there is none, or when a committed row is unpriced. */
  readonly spendShare: number | null;
  /** Committed rows of this cloud without a price. */
  readonly unpricedRows: number;
}

/** The committed share of each cloud, per environment and overall, from GPU pools. */
export function committedShares(rows: readonly LedgerRow[]): CommittedShare[] {
  const environments = [...new Set(rows.map((r) => r.environment))];
  return [...environments, undefined].flatMap((environment) => {
    const totals = CLOUDS.map((cloud) => totalOf(rows, { environment, cloud, role: 'gpu' }));
    const gpus = totals.reduce((sum, t) => sum + t.committed.gpus, 0);
    const spend = sumCents(totals.map((t) => t.committed.monthlyUsd ?? 0));
    // A share of a spend some committed rows are missing from would mislead: none is given.
    const spendKnown = spend > 0 && totals.every((t) => t.committed.unpricedRows === 0);
    return totals.map((t) => ({
      ...(environment === undefined ? {} : { environment }),
      cloud: t.cloud!,
      gpus: t.committed.gpus,
      gpuShare: gpus === 0 ? null : t.committed.gpus / gpus,
      monthlyUsd: t.committed.monthlyUsd,
      spendShare: spendKnown ? (t.committed.monthlyUsd ?? 0) / spend : null,
      unpricedRows: t.committed.unpricedRows,
    }));
  });
}
