/** The benchmark's result, as written to `bench-results/*.json`. Times in ms, memory in MiB. */
import type { BaselineBuild } from './baseline';
import type { BudgetResult } from './budgets';
import type { LinearFit, Linearity, Summary } from './stats';

export interface RunRecord {
  readonly ms: number;
  readonly rssMiB: number;
  /** CPU time, user plus system, with waited-for descendants. */
  readonly cpuMs: number;
  readonly status: number | null;
  /** Stacks written, for synth runs. */
  readonly stacks?: number;
}

/** Repeated runs of one command. */
export interface Series {
  readonly label: string;
  /** The command as a reader would type it (temporary paths shortened to `<tmp>`). */
  readonly command: string;
  readonly runs: readonly RunRecord[];
  /** Over runs that succeeded; absent when none did. */
  readonly time?: Summary;
  readonly rss?: Summary;
  readonly cpu?: Summary;
  /** Stacks the runs wrote (synth series). */
  readonly stacks?: number;
  /** Why runs failed; empty when all succeeded. */
  readonly failures: readonly string[];
}

export interface ScalePoint {
  readonly regionsPerCloud: number;
  readonly series: Series;
}

export interface BenchResults {
  readonly mode: 'full' | 'smoke';
  /** Measurements left out (`--skip-tests`, `--skip-cli`, or npm test in smoke mode). */
  readonly skipped: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly host: {
    readonly node: string;
    readonly os: string;
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryGiB: number;
  };
  readonly git: { readonly commit: string; readonly dirty: boolean };
  readonly bundle: {
    /** A full esbuild bundle of the app in a fresh process (`node tools/bundle.js`). */
    readonly build?: Series;
    /** Files the bundle is made from, project and packages. */
    readonly inputs?: number;
  };
  readonly synth: {
    /** Stacks of the shipped config. */
    readonly expectedStacks: number;
    readonly app?: Series;
    /** The app command with the policy gate off (`GPU_PLATFORM_POLICY_GATE=off`), to measure the gate. */
    readonly appWithoutGate?: Series;
    /** (app - app without the gate) / app, medians: the gate's share of synth time. */
    readonly policyGateShare?: number;
    /** The bundle run directly, without the app command's freshness check. */
    readonly bundle?: Series;
    readonly tsNode?: Series;
    readonly cli?: Series;
    readonly baseline?: Series;
    readonly baselineBuild?: BaselineBuild;
    /** Baseline median over app median. */
    readonly baselineRatio?: number;
    /** Whether the baseline wrote byte-identical stacks to the app's. */
    readonly baselineSameOutput?: boolean;
  };
  readonly scale: {
    readonly envName: string;
    readonly points: readonly ScalePoint[];
    readonly timeFit?: LinearFit;
    readonly rssFit?: LinearFit;
    readonly timeLinearity?: Linearity;
    readonly rssLinearity?: Linearity;
  };
  readonly tests: { readonly cold?: Series; readonly warm?: Series };
  readonly budgets?: readonly BudgetResult[];
  /** Every failed run or check, in order. */
  readonly failures: readonly string[];
}
