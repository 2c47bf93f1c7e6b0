/** The benchmark's result, as written to `bench-results/*.json`. Times in ms, memory in MiB. */
import type { BaselineBuild } from './baseline';
import type { BudgetResult } from './budgets';
import type { Phase, ProfileSummary } from './profile';
import type { LinearFit, Linearity, Summary } from './stats';

export interface RunRecord {
  readonly ms: number;
  readonly rssMiB: number;
  /** CPU time, user plus system, with waited-for descendants. */
  readonly cpuMs: number;
  readonly status: number | null;
  /** Exited 0 and passed its check (every expected stack written, for synth runs). */
  readonly ok: boolean;
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

/** Profiles of one config's synth. */
export interface ProfiledConfig {
  readonly label: string;
  /** For a scale config. */
  readonly regionsPerCloud?: number;
  readonly stacks: number;
  readonly summary: ProfileSummary;
}

export interface ProfileResults {
  /** The command, as a reader would type it. */
  readonly command: string;
  /** Sampling interval, µs. */
  readonly intervalUs: number;
  readonly configs: readonly ProfiledConfig[];
  /** ms per added region per cloud and phase, between two profiled scale configs. */
  readonly perRegion?: { readonly from: number; readonly to: number; readonly phases: Readonly<Record<Phase, number>> };
}

export interface BenchResults {
  readonly mode: 'full' | 'smoke' | 'profile';
  /** Measurements left out (`--skip-tests`, `--skip-cli`, or what smoke and profile modes leave out). */
  readonly skipped: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly host: {
    readonly node: string;
    readonly os: string;
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryGiB: number;
    /** /proc/loadavg's 1, 5 and 15 minute load averages when the run started and ended. */
    readonly load: { readonly start?: readonly number[]; readonly end?: readonly number[] };
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
    /** The app command with the policy gate off (`GPU_PLATFORM_POLICY_GATE=off`), run i paired with the app's run i. */
    readonly appWithoutGate?: Series;
    /** The gate's share of synth time: (app - app without the gate) / app, per pair. */
    readonly policyGateShare?: Summary;
    /** The bundle run directly by `require`: without the app command's freshness check and code cache. */
    readonly bundle?: Series;
    readonly tsNode?: Series;
    readonly cli?: Series;
    /** Run i paired with the app's run i. */
    readonly baseline?: Series;
    readonly baselineBuild?: BaselineBuild;
    /** Baseline over app, per pair. */
    readonly baselineRatio?: Summary;
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
  /** `npm test` in a fresh clone of `commit` (HEAD: uncommitted changes are not in it). */
  readonly tests: { readonly commit?: string; readonly cold?: Series; readonly warm?: Series };
  readonly profile?: ProfileResults;
  readonly budgets?: readonly BudgetResult[];
  /** Every failed run or check, in order. */
  readonly failures: readonly string[];
}
