/**
 * The ledger as tables of text cells: one model that the terminal table and the Markdown both
 * render, so the two cannot disagree with each other; tests hold the cells against the JSON.
 */
import {
  formatUsd,
  type AtBounds,
  type CommittedShare,
  type LedgerRow,
  type LedgerTotal,
} from '../../constructs/cloud-neutral/ledger';
import type { Ledger } from '../../stacks/capacity-ledger';

/** One table: a title, its header, and its rows of cells. */
export interface Table {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A figure at min, desired and max, as one cell: `2/4/16`. */
export function formatBounds(values: AtBounds, format: (n: number) => string = String): string {
  return `${format(values.min)}/${format(values.desired)}/${format(values.max)}`;
}

/** A share as a percentage with one decimal, or `n/a` when there is none to give. */
export function formatShare(share: number | null): string {
  return share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`;
}

/** Where a cell has no value: an unpriced row's price and cost. */
export const UNKNOWN = 'unknown';

const ROW_HEADER = [
  'environment',
  'cloud',
  'region',
  'pool',
  'role',
  'GPU model',
  'SKU',
  'GPUs/node',
  'nodes min/desired/max',
  'GPUs min/desired/max',
  'capacity',
  'commitment',
  'USD/node-hour',
  'USD/hour min/desired/max',
  'USD/month min/desired/max',
] as const;

function rowCells(r: LedgerRow): string[] {
  return [
    r.environment,
    r.cloud,
    r.region,
    r.pool,
    r.role,
    r.gpuModel ?? '-',
    r.sku,
    String(r.gpusPerNode),
    formatBounds(r.nodes),
    formatBounds(r.gpus),
    r.capacity,
    r.commitment,
    r.price ? String(r.price.usdPerNodeHour) : UNKNOWN,
    r.hourlyUsd ? formatBounds(r.hourlyUsd, formatUsd) : UNKNOWN,
    r.monthlyUsd ? formatBounds(r.monthlyUsd, formatUsd) : UNKNOWN,
  ];
}

const TOTAL_HEADER = [
  'environment',
  'cloud',
  'pools',
  'rows',
  'nodes min/desired/max',
  'GPUs min/desired/max',
  'USD/hour min/desired/max',
  'USD/month min/desired/max',
  'committed GPUs (max)',
  'committed USD/month (max)',
  'note',
] as const;

function totalCells(t: LedgerTotal): string[] {
  return [
    t.environment ?? 'all',
    t.cloud ?? 'both',
    t.role,
    String(t.rows),
    formatBounds(t.nodes),
    formatBounds(t.gpus),
    t.hourlyUsd ? formatBounds(t.hourlyUsd, formatUsd) : UNKNOWN,
    t.monthlyUsd ? formatBounds(t.monthlyUsd, formatUsd) : UNKNOWN,
    String(t.committed.gpus),
    t.committed.monthlyUsd === null ? UNKNOWN : formatUsd(t.committed.monthlyUsd),
    t.note || '-',
  ];
}

const SHARE_HEADER = [
  'environment',
  'cloud',
  'committed GPUs (max)',
  'share of committed GPUs',
  'committed USD/month (max)',
  'share of committed spend',
] as const;

function shareCells(s: CommittedShare): string[] {
  return [
    s.environment ?? 'all',
    s.cloud,
    String(s.gpus),
    formatShare(s.gpuShare),
    s.monthlyUsd === null ? UNKNOWN : formatUsd(s.monthlyUsd),
    formatShare(s.spendShare),
  ];
}

/** The ledger's tables: GPU pools, system pools, totals, committed shares. */
export function ledgerTables(ledger: Ledger): Table[] {
  return [
    {
      title: 'GPU pools',
      header: ROW_HEADER,
      rows: ledger.rows.filter((r) => r.role === 'gpu').map(rowCells),
    },
    {
      title: 'System pools (priced apart)',
      header: ROW_HEADER,
      rows: ledger.rows.filter((r) => r.role === 'system').map(rowCells),
    },
    { title: 'Totals', header: TOTAL_HEADER, rows: ledger.totals.map(totalCells) },
    { title: 'Committed shares per cloud', header: SHARE_HEADER, rows: ledger.shares.map(shareCells) },
  ];
}

/** The notes of the prices used, once each: a stale rate, a meter name. */
function priceNotes(rows: readonly LedgerRow[]): string[] {
  const notes = new Set(
    rows.flatMap((r) => (r.price?.note ? [`  ${r.sku} in ${r.region} (${r.price.rate}): ${r.price.note}`] : [])),
  );
  return notes.size === 0 ? [] : ['Price notes:', ...notes];
}

/** What the figures rest on: the month, unpriced rows and why, and each price source. */
export function ledgerNotes(ledger: Ledger): string[] {
  const unpriced = ledger.rows.filter((r) => r.price === null);
  return [
    `Monthly = hourly x ${ledger.hoursPerMonth} h. List prices in ${ledger.currency}, before discounts, savings plans and taxes.`,
    'Committed figures are at max: a reservation is paid whether nodes run or not, and a pool grows to max only inside it.',
    unpriced.length === 0
      ? 'Every row is priced.'
      : `${unpriced.length} of ${ledger.rows.length} rows unpriced (shown as unknown, left out of the sums, so totals are lower bounds):`,
    ...unpriced.map((r) => `  ${r.environment} ${r.cloud} ${r.region} ${r.pool} (${r.sku}): ${r.unpricedReason}`),
    ...priceNotes(ledger.rows),
    ledger.sources.length === 0 ? 'Price sources: none of the rows is priced.' : 'Price sources:',
    ...ledger.sources.map(
      (s) => `  ${s.id}: ${s.title}; ${s.copy} copy, retrieved ${s.retrieved}, data as of ${s.dataAsOf}; ${s.url}`,
    ),
  ];
}
