/**
 * The performance budgets `npm run bench -- --check` enforces, and their evaluation. Pure.
 *
 * Times are medians over the runs; peak memory is the largest peak RSS of any run.
 */
import type { Linearity } from './stats';

export const BUDGETS = {
  /** Full shipped config, app only (the cdktf.json app command), median wall time. */
  synthMs: 1000,
  /** Same runs, peak RSS. */
  synthRssMiB: 250,
  /** The policy gate's share of synth time: (app - app without the gate) / app, medians. */
  policyGateShare: 0.15,
  /** Root-import baseline median over the app median: at least this many times slower. */
  baselineRatio: 5,
  /** 50 regions per cloud, app only, median wall time. */
  scale50Ms: 6000,
  /** Same runs, peak RSS. */
  scale50RssMiB: 1024,
  /** Linearity: growth per region over 20->50 regions within this factor of 5->20, for time and memory. */
  linearityMaxRatio: 2,
  /** `npm test` with an empty jest cache. */
  testsColdMs: 60_000,
  /** `npm test` again, cache filled. */
  testsWarmMs: 30_000,
} as const;

/** The figures the budgets judge; absent when not measured. */
export interface BudgetInputs {
  readonly synthMs?: number;
  readonly synthRssMiB?: number;
  readonly policyGateShare?: number;
  readonly baselineRatio?: number;
  readonly scale50Ms?: number;
  readonly scale50RssMiB?: number;
  readonly linearityTime?: Linearity;
  readonly linearityRss?: Linearity;
  readonly testsColdMs?: number;
  readonly testsWarmMs?: number;
}

export interface BudgetResult {
  readonly name: string;
  readonly limit: string;
  /** What was measured, or `not measured`. */
  readonly measured: string;
  /** Passed; false when failed or not measured. */
  readonly ok: boolean;
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const mib = (value: number): string => `${value.toFixed(0)} MiB`;
export const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

function atMost(name: string, value: number | undefined, limit: number, unit: (n: number) => string): BudgetResult {
  if (value === undefined || Number.isNaN(value))
    return { name, limit: `<= ${unit(limit)}`, measured: 'not measured', ok: false };
  return { name, limit: `<= ${unit(limit)}`, measured: unit(value), ok: value <= limit };
}

function linear(name: string, l: Linearity | undefined, unit: string): BudgetResult {
  const limit = `per-region growth 20->50 within ${BUDGETS.linearityMaxRatio}x of 5->20`;
  if (!l) return { name, limit, measured: 'not measured', ok: false };
  const figure = (n: number) => (unit === 'ms' ? n.toFixed(1) : n.toFixed(2));
  return {
    name,
    limit,
    measured: `${figure(l.early)} -> ${figure(l.late)} ${unit}/region (x${l.ratio.toFixed(2)})`,
    ok: l.ok,
  };
}

export function evaluateBudgets(inputs: BudgetInputs): BudgetResult[] {
  const ratio = inputs.baselineRatio;
  return [
    atMost('synth, shipped config: median time', inputs.synthMs, BUDGETS.synthMs, seconds),
    atMost('synth, shipped config: peak RSS', inputs.synthRssMiB, BUDGETS.synthRssMiB, mib),
    atMost('synth, shipped config: policy gate share', inputs.policyGateShare, BUDGETS.policyGateShare, percent),
    ratio === undefined || Number.isNaN(ratio)
      ? {
          name: 'root-import baseline / app',
          limit: `>= ${BUDGETS.baselineRatio}x`,
          measured: 'not measured',
          ok: false,
        }
      : {
          name: 'root-import baseline / app',
          limit: `>= ${BUDGETS.baselineRatio}x`,
          measured: `${ratio.toFixed(1)}x`,
          ok: ratio >= BUDGETS.baselineRatio,
        },
    atMost('scale, 50 regions per cloud: median time', inputs.scale50Ms, BUDGETS.scale50Ms, seconds),
    atMost('scale, 50 regions per cloud: peak RSS', inputs.scale50RssMiB, BUDGETS.scale50RssMiB, mib),
    linear('scale: linear time growth', inputs.linearityTime, 'ms'),
    linear('scale: linear memory growth', inputs.linearityRss, 'MiB'),
    atMost('npm test, cold', inputs.testsColdMs, BUDGETS.testsColdMs, seconds),
    atMost('npm test, warm', inputs.testsWarmMs, BUDGETS.testsWarmMs, seconds),
  ];
}
