/**
 * Budgets: ceilings a config sets, per environment and per cloud, on the plan's GPUs and monthly
 * list-price spend, committed and at max. Synth fails when the ledger exceeds one, naming the
 * budget's config path, the figure against the budget, and the pool and region that add the
 * most. A spend budget with unpriced pools under it cannot be judged, unless the priced pools
 * alone exceed it: synth fails then too, naming the unpriced pools. Pure.
 */
import type { Cloud } from '../cloud-neutral/gpu-catalog';
import { formatUsd, type LedgerRow } from '../cloud-neutral/ledger';

/** What one budget caps; each left out is not capped. */
export interface BudgetLimits {
  /** GPUs at max of committed pools (reservations, Capacity Blocks, capacity reservation groups). */
  readonly committedGpus?: number;
  /** GPUs at max of every GPU pool. */
  readonly maxGpus?: number;
  /** Monthly list price at max of committed pools, USD. */
  readonly committedMonthlyUsd?: number;
  /** Monthly list price at max of every GPU pool, USD. */
  readonly maxMonthlyUsd?: number;
}

/** An environment's budgets: over both clouds (`total`), and per cloud. */
export type EnvironmentBudget = Partial<Record<'total' | Cloud, BudgetLimits>>;

/** A budget the plan exceeds, or cannot be judged against. */
export interface BudgetProblem {
  /** The budget's config path: `environments.prod.budget.aws.maxGpus`. */
  readonly path: string;
  readonly message: string;
}

type Figure = keyof BudgetLimits;

const FIGURES: Record<Figure, { committed: boolean; money: boolean; what: string }> = {
  committedGpus: { committed: true, money: false, what: 'committed GPUs at max' },
  maxGpus: { committed: false, money: false, what: 'GPUs at max' },
  committedMonthlyUsd: { committed: true, money: true, what: 'committed monthly list price at max' },
  maxMonthlyUsd: { committed: false, money: true, what: 'monthly list price at max' },
};

const usd = (amount: number) => `$${formatUsd(amount)}`;

const where = (row: LedgerRow) => `${row.pool} in ${row.region} (${row.cloud}, ${row.configPath})`;

/** What a row adds to a figure; undefined when it is money and the row has no price. */
function contribution(row: LedgerRow, figure: Figure): number | undefined {
  return FIGURES[figure].money ? row.monthlyUsd?.max : row.gpus.max;
}

function judge(
  path: string,
  scope: string,
  figure: Figure,
  budget: number,
  rows: readonly LedgerRow[],
): BudgetProblem[] {
  const { committed, money, what } = FIGURES[figure];
  const counted = rows.filter((r) => r.role === 'gpu' && (!committed || r.commitment === 'committed'));
  const priced = counted.filter((r) => contribution(r, figure) !== undefined);
  const unpriced = counted.filter((r) => contribution(r, figure) === undefined);
  const total = priced.reduce((sum, r) => sum + Math.round(contribution(r, figure)! * 100), 0) / 100;
  const shown = (n: number) => (money ? usd(n) : `${n}`);
  const unpricedList = unpriced.map(where).join(', ');
  if (total > budget) {
    const top = [...priced].sort((a, b) => contribution(b, figure)! - contribution(a, figure)!)[0];
    const atLeast = unpriced.length > 0 ? 'at least ' : '';
    return [
      {
        path,
        message: `the plan's ${what} ${scope} ${money ? 'is' : 'are'} ${atLeast}${shown(total)}, over the budget of ${shown(budget)} by ${atLeast}${shown(total - budget)}; the pool and region that add the most: ${where(top)}, with ${shown(contribution(top, figure)!)}${unpriced.length > 0 ? `; unpriced besides: ${unpricedList}` : ''}`,
      },
    ];
  }
  if (unpriced.length > 0)
    return [
      {
        path,
        message: `cannot be judged: ${unpriced.length} pool${unpriced.length === 1 ? ' has' : 's have'} no list price (${unpricedList}); the priced pools come to ${shown(total)} of the ${shown(budget)} budget. Add their prices to constructs/cloud-neutral/data/prices.json (docs/ledger.md "Refreshing prices"), or remove this budget`,
      },
    ];
  return [];
}

/** Every budget of one environment the ledger's rows exceed, or cannot be judged against. */
export function budgetProblems(
  environment: string,
  budget: EnvironmentBudget,
  rows: readonly LedgerRow[],
): BudgetProblem[] {
  const ofEnvironment = rows.filter((r) => r.environment === environment);
  return (Object.entries(budget) as ['total' | Cloud, BudgetLimits][]).flatMap(([scope, limits]) => {
    const inScope = scope === 'total' ? ofEnvironment : ofEnvironment.filter((r) => r.cloud === scope);
    const words = scope === 'total' ? `in ${environment}` : `on ${scope} in ${environment}`;
    return (Object.entries(limits) as [Figure, number | undefined][])
      .filter(([, value]) => value !== undefined)
      .flatMap(([figure, value]) =>
        judge(`environments.${environment}.budget.${scope}.${figure}`, words, figure, value!, inScope),
      );
  });
}
