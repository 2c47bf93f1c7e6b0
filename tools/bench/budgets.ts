/**
 * The performance budgets `npm run bench -- --check` enforces, and their evaluation. Pure.
 *
 * Set to hold on a noisy 2-core machine: times are medians over the runs, ratios medians over
 * paired runs (stats.ts, `pairedSummary`), peak memory the largest peak RSS of any run.
 */
import type { Linearity, Summary } from './stats';

export const BUDGETS = {
  /** Full shipped config, app only (the cdktf.json app command), median wall time. */
  synthMs: 600,
  /** Same runs, peak RSS. */
  synthRssMiB: 200,
  /**
   * The policy gate's share of synth time, (app - app with the gate off) / app, median over pairs.
   * Its own work is a few percent (under 2% of the profile); the limit leaves room for the noise
   * of a difference of two runs and still fails a gate several times as costly as today's.
   */
  policyGateShare: 0.15,
  /** Root-import baseline over the app, median over pairs: at least this many times slower. */
  baselineRatio: 8,
  /** 50 regions per cloud, app only, median wall time. */
  scale50Ms: 3500,
  /** Linearity: growth per region over 20->50 regions within this factor of 5->20, for time and memory. */
  linearityMaxRatio: 2,
  /** `npm test` in a fresh clone of HEAD with an empty jest cache. */
  testsColdMs: 30_000,
} as const;

/** The figures the budgets judge; absent when not measured. */
export interface BudgetInputs {
  readonly synthMs?: Summary;
  readonly synthRssMiB?: number;
  readonly policyGateShare?: Summary;
  readonly baselineRatio?: Summary;
  readonly scale50Ms?: Summary;
  readonly linearityTime?: Linearity;
  readonly linearityRss?: Linearity;
  readonly testsColdMs?: number;
}

export interface BudgetResult {
  readonly name: string;
  readonly limit: string;
  /** What was measured, with the spread of its runs or pairs, or `not measured`. */
  readonly measured: string;
  /** Passed; false when failed or not measured. */
  readonly ok: boolean;
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const mib = (value: number): string => `${value.toFixed(0)} MiB`;
export const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
export const times = (ratio: number): string => `${ratio.toFixed(1)}x`;

const NOT_MEASURED = 'not measured';

/**
 * A median with the range of what it is the median of: `0.55 s (0.50-0.71 s over 7 runs)`, `-1.2%
 * (-3.0% to 2.5% over 7 pairs)`; a single run is only itself.
 */
export function withSpread(s: Summary, unit: (n: number) => string, of: string): string {
  if (s.runs === 1) return `${unit(s.median)} (1 ${of.replace(/s$/, '')})`;
  const [low, high] = [unit(s.min), unit(s.max)];
  if (s.min < 0) return `${unit(s.median)} (${low} to ${high} over ${s.runs} ${of})`;
  const suffix = /[^\d.]*$/.exec(high)?.[0] ?? '';
  const from = suffix && low.endsWith(suffix) ? low.slice(0, -suffix.length) : low;
  return `${unit(s.median)} (${from}-${high} over ${s.runs} ${of})`;
}

function bounded(
  name: string,
  value: Summary | number | undefined,
  limit: number,
  unit: (n: number) => string,
  direction: 'at most' | 'at least',
  of = 'runs',
): BudgetResult {
  const limitText = `${direction === 'at most' ? '<=' : '>='} ${unit(limit)}`;
  const figure = typeof value === 'number' ? value : value?.median;
  if (value === undefined || figure === undefined || Number.isNaN(figure))
    return { name, limit: limitText, measured: NOT_MEASURED, ok: false };
  const measured = typeof value === 'number' ? unit(value) : withSpread(value, unit, of);
  return { name, limit: limitText, measured, ok: direction === 'at most' ? figure <= limit : figure >= limit };
}

function linear(name: string, l: Linearity | undefined, unit: string): BudgetResult {
  const limit = `per-region growth 20->50 within ${BUDGETS.linearityMaxRatio}x of 5->20`;
  if (!l) return { name, limit, measured: NOT_MEASURED, ok: false };
  const figure = (n: number) => (unit === 'ms' ? n.toFixed(1) : n.toFixed(2));
  return {
    name,
    limit,
    measured: `${figure(l.early)} -> ${figure(l.late)} ${unit}/region (x${l.ratio.toFixed(2)})`,
    ok: l.ok,
  };
}

export function evaluateBudgets(inputs: BudgetInputs): BudgetResult[] {
  return [
    bounded('synth, shipped config: median time', inputs.synthMs, BUDGETS.synthMs, seconds, 'at most'),
    bounded('synth, shipped config: peak RSS', inputs.synthRssMiB, BUDGETS.synthRssMiB, mib, 'at most'),
    bounded(
      'synth, shipped config: policy gate share (paired)',
      inputs.policyGateShare,
      BUDGETS.policyGateShare,
      percent,
      'at most',
      'pairs',
    ),
    bounded(
      'root-import baseline / app (paired)',
      inputs.baselineRatio,
      BUDGETS.baselineRatio,
      times,
      'at least',
      'pairs',
    ),
    bounded('scale, 50 regions per cloud: median time', inputs.scale50Ms, BUDGETS.scale50Ms, seconds, 'at most'),
    linear('scale: linear time growth', inputs.linearityTime, 'ms'),
    linear('scale: linear memory growth', inputs.linearityRss, 'MiB'),
    bounded('npm test, cold, fresh clone of HEAD', inputs.testsColdMs, BUDGETS.testsColdMs, seconds, 'at most'),
  ];
}
