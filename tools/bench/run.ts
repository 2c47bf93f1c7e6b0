/**
 * The performance benchmark: `npm run bench` (docs/performance.md).
 *
 *   npm run bench                   full run: prints the tables, writes bench-results/latest.json and
 *                                   tools/bench/LAST_RUN.md; exits 1 if any run failed
 *   npm run bench -- --check        the same, and exits 1 when a budget (tools/bench/budgets.ts) fails,
 *                                   naming each with its measured figure and limit
 *   npm run bench -- --smoke        checks the benchmark itself: one run of each, scale at 1 and 2
 *                                   regions, no npm test; writes bench-results/smoke.json; no budgets
 *   npm run bench -- --profile      the profile alone: where synth time goes, phase by phase
 *                                   (profile.ts); writes bench-results/profile.json
 *   --skip-tests, --skip-cli        leave those timings out (under --check their budgets then fail)
 *
 * Measured, each run a fresh process started from the project root: synth of the shipped config
 * through the cdktf.json app command (app only), paired run for run with the app with the policy
 * gate off (the gate's share) and with a baseline built from the same sources with root provider
 * imports; the esbuild bundle run directly, the former ts-node command, the cdktf CLI; a full
 * build of the bundle; synth of generated configs with 1 to 50 regions per cloud; CPU profiles of
 * the shipped config and of 1 and 20 regions per cloud; `npm test` cold and warm in a fresh clone
 * of HEAD. `npm run bench` runs this file with tsx. Run it under `flock /tmp/jest.lock` where jest
 * suites share the machine: it runs the test suite.
 */
import { spawnSync } from 'child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as prettier from 'prettier';
import { loadPlatformConfig, parsePlatformConfig } from '../../config/load';
import { expectedStackNames } from '../../stacks/platform';
import { POLICY_GATE_ENV } from '../../stacks/platform-stack';
import { CLOUD_FACTS_ENV } from '../../config/cloud-checks';
import { bundleFile } from '../bundle';
import { buildBaseline, type BaselineBuild } from './baseline';
import { BUDGETS, evaluateBudgets, mib, seconds } from './budgets';
import { commandArgv, displayCommand } from './command';
import { checkGnuTime, tail, timed, writtenStacks, type RunResult } from './measure';
import { renderReport } from './report';
import { perRegionCost } from './profile';
import { PROFILE_INTERVAL_US, profileArgv, profileSynth, type ProfileTarget } from './profile-synth';
import type { BenchResults, ProfileResults, RunRecord, ScalePoint, Series } from './results';
import { scaleConfig } from './scale-config';
import { leastSquares, linearity, pairedSummary, summarize, type Point, type Summary } from './stats';

class UsageError extends Error {}

interface Options {
  readonly smoke: boolean;
  readonly check: boolean;
  readonly profile: boolean;
  readonly skipTests: boolean;
  readonly skipCli: boolean;
}

const USAGE = 'usage: npm run bench [-- --check | -- --smoke | -- --profile] [--skip-tests] [--skip-cli]';

function parseOptions(argv: readonly string[]): Options {
  const known = ['--smoke', '--check', '--profile', '--skip-tests', '--skip-cli'];
  const unknown = argv.filter((a) => !known.includes(a));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(' ')}\n${USAGE}`);
  const options = {
    smoke: argv.includes('--smoke'),
    check: argv.includes('--check'),
    profile: argv.includes('--profile'),
    skipTests: argv.includes('--skip-tests'),
    skipCli: argv.includes('--skip-cli'),
  };
  if (options.smoke && options.check) {
    throw new UsageError('--smoke checks no budgets (one run each is too noisy to judge); use --check alone');
  }
  if (options.profile && (options.smoke || options.check)) {
    throw new UsageError('--profile runs the profile alone; it goes with neither --smoke nor --check');
  }
  return options;
}

/** The project root: the nearest folder up from here holding cdktf.json. */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'cdktf.json')) && existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no cdktf.json above ${from}`);
  }
}

const ROOT = findRoot(__dirname);
const SHIPPED_CONFIG = path.join(ROOT, 'config', 'platform.json');

/**
 * Runs per measurement. `rounds`: app, app with the gate off and the baseline, alternating, one of
 * each per round; `profile`: profiled runs per config; `profiled`: the scale configs profiled
 * besides the shipped one (their difference gives the cost per added region).
 */
const PLAN = {
  full: {
    rounds: 7,
    bundled: 5,
    reference: 3,
    cli: 3,
    bundle: 3,
    scale: 3,
    regions: [1, 5, 20, 50],
    profile: 3,
    profiled: [1, 20],
  },
  smoke: {
    rounds: 1,
    bundled: 1,
    reference: 1,
    cli: 1,
    bundle: 1,
    scale: 1,
    regions: [1, 2],
    profile: 0,
    profiled: [],
  },
} as const;

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** The 1, 5 and 15 minute load averages, where the system reports them. */
function loadAverage(): number[] | undefined {
  try {
    return readFileSync('/proc/loadavg', 'utf8').trim().split(/\s+/).slice(0, 3).map(Number);
  } catch {
    return undefined;
  }
}

interface Prepared {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Default: the project root. */
  readonly cwd?: string;
  /** The synth output folder of this run, if it synthesizes. */
  readonly outdir?: string;
}

interface Verdict {
  readonly stacks?: number;
  readonly problem?: string;
}

/** One measured command: how to prepare each run, and how to judge a run that exited 0. */
interface Spec {
  readonly label: string;
  readonly prepare: () => Prepared;
  readonly verify?: (run: RunResult, prepared: Prepared) => Verdict;
}

type MeasuredSeries = Series & { lastOutdir?: string };

class Bench {
  readonly failures: string[] = [];
  private counter = 0;

  constructor(readonly tmp: string) {}

  /** A fresh folder under the run's temporary folder. */
  scratch(name: string): string {
    const dir = path.join(this.tmp, `${name}-${++this.counter}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** The child environment: the shipped config, every environment, the cloud facts on, unless `overrides` say otherwise. */
  env(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1' };
    for (const name of ['PLATFORM_CONFIG', 'PLATFORM_ENVS', 'CDKTF_OUTDIR', CLOUD_FACTS_ENV]) delete env[name];
    return { ...env, ...overrides };
  }

  /**
   * Runs the specs in `rounds`, alternating (A, B, A, B, ...): run i of every series is in round
   * i, so runs of one round pair up. Each run is prepared afresh. Failed runs are recorded and
   * left out of the summaries. Each series keeps its last run's output folder (`lastOutdir`).
   */
  interleaved(rounds: number, specs: readonly Spec[]): MeasuredSeries[] {
    const state = specs.map(() => ({
      records: [] as RunRecord[],
      failures: [] as string[],
      command: '',
      lastOutdir: undefined as string | undefined,
    }));
    for (let i = 0; i < rounds; i++) {
      specs.forEach((spec, s) => {
        const st = state[s];
        const prepared = spec.prepare();
        st.command ||= displayCommand(prepared.argv, ROOT, this.tmp).replace(/(<tmp>\/[a-z]+)-\d+/g, '$1');
        const run = timed({ argv: prepared.argv, cwd: prepared.cwd ?? ROOT, env: prepared.env });
        const verdict = run.status === 0 ? (spec.verify?.(run, prepared) ?? {}) : {};
        const problem =
          run.status !== 0
            ? `exit status ${run.status ?? 'none (killed or timed out)'}:\n${tail(`${run.stdout}\n${run.stderr}`)}`
            : verdict.problem;
        st.records.push({
          ms: run.ms,
          rssMiB: run.rssMiB,
          cpuMs: run.cpuMs,
          status: run.status,
          ok: !problem,
          stacks: verdict.stacks,
        });
        if (problem) st.failures.push(`${spec.label}, run ${i + 1}: ${problem}`);
        progress(
          `  ${spec.label} ${i + 1}/${rounds}: ${seconds(run.ms)}, ${mib(run.rssMiB)}${problem ? ` FAILED: ${problem}` : ''}`,
        );
        if (st.lastOutdir) rmSync(path.dirname(st.lastOutdir), { recursive: true, force: true });
        st.lastOutdir = prepared.outdir;
      });
    }
    return specs.map((spec, s) => {
      const { records, failures, command, lastOutdir } = state[s];
      this.failures.push(...failures);
      const good = records.filter((r) => r.ok);
      return {
        label: spec.label,
        command,
        runs: records,
        time: good.length > 0 ? summarize(good.map((r) => r.ms)) : undefined,
        rss: good.length > 0 ? summarize(good.map((r) => r.rssMiB)) : undefined,
        cpu: good.length > 0 ? summarize(good.map((r) => r.cpuMs)) : undefined,
        stacks: good.find((r) => r.stacks !== undefined)?.stacks,
        failures,
        lastOutdir,
      };
    });
  }

  series(runs: number, spec: Spec): MeasuredSeries {
    return this.interleaved(runs, [spec])[0];
  }

  /**
   * A synth spec: each run writes into a fresh `<tmp>/out-N/cdktf.out` (through CDKTF_OUTDIR,
   * or `argvFor` for the CLI) and must write every expected stack.
   */
  synth(
    label: string,
    argvFor: (outdir: string) => readonly string[],
    expected: readonly string[],
    env: Record<string, string> = {},
  ): Spec {
    return {
      label,
      prepare: () => {
        const outdir = path.join(this.scratch('out'), 'cdktf.out');
        return { argv: argvFor(outdir), env: this.env({ ...env, CDKTF_OUTDIR: outdir }), outdir };
      },
      verify: (_run, prepared) => checkStacks(prepared.outdir ?? '', expected),
    };
  }

  fail(problem: string): void {
    progress(`  FAILED: ${problem}`);
    this.failures.push(problem);
  }
}

/** Per-pair figures of two series run in the same rounds, over the rounds where both runs succeeded. */
function paired(a: Series, b: Series | undefined, f: (a: number, b: number) => number): Summary | undefined {
  if (!b) return undefined;
  const pairs = a.runs.flatMap((run, i) => {
    const other = b.runs[i];
    return run.ok && other?.ok ? [[run.ms, other.ms] as const] : [];
  });
  return pairedSummary(pairs, f);
}

function checkStacks(outdir: string, expected: readonly string[]): Verdict {
  const written = writtenStacks(outdir);
  if (written.length === 0) return { problem: 'wrote no stacks' };
  const missing = expected.filter((name) => !written.includes(name));
  if (missing.length > 0) return { stacks: written.length, problem: `did not write stacks ${missing.join(', ')}` };
  return { stacks: written.length };
}

/** Whether two synth outputs hold the same stacks, file for file and byte for byte. */
function sameStacks(a: string, b: string): string | undefined {
  const files = (dir: string, rel = ''): string[] =>
    readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(dir, path.join(rel, e.name)) : [path.join(rel, e.name)],
    );
  const left = files(path.join(a, 'stacks')).sort();
  const right = files(path.join(b, 'stacks')).sort();
  if (left.join('\n') !== right.join('\n')) return 'different files';
  const differing = left.find(
    (f) => !readFileSync(path.join(a, 'stacks', f)).equals(readFileSync(path.join(b, 'stacks', f))),
  );
  return differing ? `${differing} differs` : undefined;
}

function git(args: string[], cwd = ROOT): string {
  const out = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim() : '';
}

function appCommand(): string {
  const app = (JSON.parse(readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')) as { app?: unknown }).app;
  if (typeof app !== 'string' || app.trim() === '') throw new Error('cdktf.json has no "app" command');
  return app;
}

/** `node` in an app command line runs as this process's node, so every series uses the same one. */
function nodeArgv(commandLine: string): string[] {
  const argv = commandArgv(commandLine);
  return argv[0] === 'node' ? [process.execPath, ...argv.slice(1)] : argv;
}

/** A scale config written to a file, with the stacks it must synthesize. */
interface ScaleFile {
  readonly regions: number;
  readonly file: string;
  readonly envName: string;
  readonly names: string[];
}

function writeScaleConfig(bench: Bench, regions: number): ScaleFile | undefined {
  const template = JSON.parse(readFileSync(SHIPPED_CONFIG, 'utf8')) as Record<string, unknown>;
  const generated = scaleConfig(template, regions);
  const file = path.join(bench.scratch('scale'), `platform-${regions}.json`);
  writeFileSync(file, JSON.stringify(generated.config, null, 2));
  // Made-up regions, which no cloud has: the scale configs are checked without the cloud facts,
  // here as in their synths; only for this parse, so later children (npm test) get the default.
  const cloudFacts = process.env[CLOUD_FACTS_ENV];
  process.env[CLOUD_FACTS_ENV] = 'off';
  try {
    const names = expectedStackNames(parsePlatformConfig(generated.config, file));
    return { regions, file, envName: generated.envName, names };
  } catch (e) {
    bench.fail(`scale: the generated config for ${regions} regions per cloud is invalid:\n${(e as Error).message}`);
    return undefined;
  } finally {
    if (cloudFacts === undefined) delete process.env[CLOUD_FACTS_ENV];
    else process.env[CLOUD_FACTS_ENV] = cloudFacts;
  }
}

/** The environment of a synth of a scale config. */
const scaleEnv = (scale: ScaleFile) => ({ PLATFORM_CONFIG: scale.file, [CLOUD_FACTS_ENV]: 'off' });

/** One unmeasured run of the app command: it brings the bundle up to date and the files into the page cache. */
function warmUp(bench: Bench, app: readonly string[]): void {
  const warmup = timed({
    argv: app,
    cwd: ROOT,
    env: bench.env({ CDKTF_OUTDIR: path.join(bench.scratch('warmup'), 'o') }),
  });
  if (warmup.status !== 0) progress(`  warm-up run failed:\n${tail(warmup.stderr)}`);
}

/** Profiles the shipped config and the `regions` scale configs, `runs` rounds. */
function profileConfigs(
  bench: Bench,
  expected: readonly string[],
  regions: readonly number[],
  runs: number,
): ProfileResults {
  const scales = regions.flatMap((n) => writeScaleConfig(bench, n) ?? []);
  const targets: ProfileTarget[] = [
    { label: 'shipped config', env: bench.env(), check: (outdir) => checkStacks(outdir, expected) },
    ...scales.map((scale) => ({
      label: `${scale.regions} regions per cloud`,
      regionsPerCloud: scale.regions,
      env: bench.env(scaleEnv(scale)),
      check: (outdir: string) => checkStacks(outdir, scale.names),
    })),
  ];
  progress(`profile: ${targets.map((t) => t.label).join(', ')}; ${runs} runs each`);
  const bundle = bundleFile();
  const run = profileSynth(ROOT, bundle, targets, runs, (name) => bench.scratch(name), progress);
  run.failures.forEach((f) => bench.fail(f));
  const scaled = run.configs.filter((c) => c.regionsPerCloud !== undefined);
  const [small, large] = [scaled[0], scaled[scaled.length - 1]];
  return {
    command: `CDKTF_OUTDIR=<tmp>/out ${displayCommand(profileArgv(ROOT, '<tmp>/cpuprofile'), ROOT, bench.tmp)}`,
    intervalUs: PROFILE_INTERVAL_US,
    configs: run.configs,
    perRegion:
      small && large && small !== large
        ? {
            from: small.regionsPerCloud ?? 0,
            to: large.regionsPerCloud ?? 0,
            phases: perRegionCost(small.summary, small.regionsPerCloud ?? 0, large.summary, large.regionsPerCloud ?? 0),
          }
        : undefined,
  };
}

/**
 * `npm test` cold and warm in a fresh clone of HEAD (what a newcomer gets; uncommitted changes are
 * not in it), node_modules linked from the project, an empty jest cache for the cold run and the
 * same cache for the warm one.
 */
function testRuns(bench: Bench): { commit?: string; cold?: MeasuredSeries; warm?: MeasuredSeries } {
  const commit = git(['rev-parse', 'HEAD']);
  const clone = path.join(bench.scratch('clone'), 'repo');
  const cloned = spawnSync('git', ['clone', '--quiet', '--no-checkout', ROOT, clone], { encoding: 'utf8' });
  const checkout = cloned.status === 0 ? git(['checkout', '--quiet', '--detach', commit], clone) : undefined;
  if (cloned.status !== 0 || checkout === undefined || git(['rev-parse', 'HEAD'], clone) !== commit) {
    bench.fail(`npm test: could not clone ${commit || 'HEAD'}: ${cloned.stderr ?? ''}`);
    return {};
  }
  symlinkSync(realpathSync(path.join(ROOT, 'node_modules')), path.join(clone, 'node_modules'), 'dir');
  const cache = path.join(bench.tmp, 'jest-cache');
  const spec = (label: string): Spec => ({
    label,
    prepare: () => ({ argv: ['npm', 'test', '--', `--cacheDirectory=${cache}`], env: bench.env(), cwd: clone }),
  });
  progress(`npm test in a fresh clone of ${commit.slice(0, 7)}, cold (empty jest cache)`);
  const cold = bench.series(1, spec('npm test cold'));
  progress('npm test, warm');
  const warm = bench.series(1, spec('npm test warm'));
  return { commit: commit.slice(0, 7), cold, warm };
}

function host(load: { start?: number[]; end?: number[] }): BenchResults['host'] {
  return {
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: os.totalmem() / 1024 ** 3,
    load,
  };
}

async function main(options: Options): Promise<number> {
  const startedAt = new Date().toISOString();
  const loadAtStart = loadAverage();
  process.chdir(ROOT);
  checkGnuTime();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gpu-platform-bench-'));
  const bench = new Bench(tmp);
  const node = process.execPath;
  try {
    const shipped = loadPlatformConfig(SHIPPED_CONFIG);
    const expected = expectedStackNames(shipped);
    const app = nodeArgv(appCommand());
    const gitInfo = {
      commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown',
      dirty: git(['status', '--porcelain']) !== '',
    };

    if (options.profile) {
      warmUp(bench, app);
      const profile = profileConfigs(bench, expected, PLAN.full.profiled, PLAN.full.profile);
      const results = profileOnly(startedAt, loadAtStart, gitInfo, expected.length, profile, bench.failures);
      return await finish(results, options, bench);
    }

    const plan = options.smoke ? PLAN.smoke : PLAN.full;
    progress(`bundle (tools/bundle.js, esbuild), ${plan.bundle} runs`);
    let bundleInputs: number | undefined;
    const bundleBuild = bench.series(plan.bundle, {
      label: 'bundle',
      prepare: () => ({ argv: [node, 'tools/bundle.js', '--outdir', bench.scratch('bundle')], env: bench.env() }),
      verify: (run) => {
        bundleInputs = Number(/(\d+) inputs/.exec(run.stdout)?.[1] ?? 0);
        return bundleInputs > 0 ? {} : { problem: `bundled nothing: ${run.stdout.trim()}` };
      },
    });

    warmUp(bench, app);

    progress('baseline: root provider imports');
    let baselineBuild: BaselineBuild | undefined;
    let baselineDir: string | undefined;
    try {
      baselineDir = bench.scratch('baseline');
      baselineBuild = await buildBaseline(ROOT, baselineDir);
      progress(
        `  built: ${baselineBuild.rewritten} imports rewritten in ${baselineBuild.files} files, ${seconds(baselineBuild.ms)}`,
      );
    } catch (e) {
      baselineDir = undefined;
      bench.fail(`baseline build: ${(e as Error).message}`);
    }

    progress(
      `synth, shipped config (${expected.length} stacks): app, gate off${baselineDir ? ', baseline' : ''}; ${plan.rounds} rounds`,
    );
    const [appSeries, appWithoutGate, baseline] = bench.interleaved(plan.rounds, [
      bench.synth('app only', () => app, expected),
      bench.synth('app only, gate off', () => app, expected, { [POLICY_GATE_ENV]: 'off' }),
      ...(baselineDir ? [bench.synth('baseline', () => [node, path.join(baselineDir, 'main.js')], expected)] : []),
    ]);
    const policyGateShare = paired(appSeries, appWithoutGate, (a, g) => (a - g) / a);
    const baselineRatio = paired(appSeries, baseline, (a, b) => b / a);
    let baselineSameOutput: boolean | undefined;
    if (baseline?.lastOutdir && appSeries.lastOutdir && baseline.time) {
      const difference = sameStacks(appSeries.lastOutdir, baseline.lastOutdir);
      baselineSameOutput = difference === undefined;
      if (difference) bench.fail(`baseline is not the same app: its stacks differ from the app's (${difference})`);
    }

    const bundled = bench.series(
      plan.bundled,
      bench.synth('bundle', () => [node, bundleFile()], expected),
    );
    const tsNode = bench.series(
      plan.reference,
      bench.synth('ts-node', () => [node, '--require', 'ts-node/register/transpile-only', 'main.ts'], expected),
    );

    let cli: Series | undefined;
    if (!options.skipCli) {
      progress('cdktf CLI: npm run synth');
      cli = bench.series(
        plan.cli,
        bench.synth('cdktf CLI', (outdir) => ['npm', 'run', 'synth', '--', '--output', outdir], expected),
      );
    }

    const points: ScalePoint[] = [];
    let envName = '';
    for (const regions of plan.regions) {
      const scale = writeScaleConfig(bench, regions);
      if (!scale) continue;
      envName = scale.envName;
      progress(`scale: ${regions} regions per cloud (${scale.names.length} stacks)`);
      const series = bench.series(
        plan.scale,
        bench.synth(`scale ${regions}`, () => app, scale.names, scaleEnv(scale)),
      );
      points.push({ regionsPerCloud: regions, series });
    }
    const measured = points.filter((p) => p.series.time && p.series.rss);
    const timePoints: Point[] = measured.map((p) => ({ x: p.regionsPerCloud, y: p.series.time?.median ?? NaN }));
    const rssPoints: Point[] = measured.map((p) => ({ x: p.regionsPerCloud, y: p.series.rss?.median ?? NaN }));
    const fits = measured.length >= 2;
    const segments = { early: [5, 20], late: [20, 50] } as const;

    const profile = options.smoke ? undefined : profileConfigs(bench, expected, PLAN.full.profiled, PLAN.full.profile);

    const tests = options.smoke || options.skipTests ? {} : testRuns(bench);

    const scale50 = points.find((p) => p.regionsPerCloud === 50)?.series;
    const timeLinearity = linearity(timePoints, segments, BUDGETS.linearityMaxRatio);
    const rssLinearity = linearity(rssPoints, segments, BUDGETS.linearityMaxRatio);
    const results: BenchResults = {
      mode: options.smoke ? 'smoke' : 'full',
      skipped: [
        ...(options.skipCli ? ['cdktf CLI'] : []),
        ...(options.smoke || options.skipTests ? ['npm test'] : []),
        ...(options.smoke ? ['profile'] : []),
      ],
      startedAt,
      finishedAt: new Date().toISOString(),
      host: host({ start: loadAtStart, end: loadAverage() }),
      git: gitInfo,
      bundle: { build: strip(bundleBuild), inputs: bundleInputs },
      synth: {
        expectedStacks: expected.length,
        app: strip(appSeries),
        appWithoutGate: strip(appWithoutGate),
        policyGateShare,
        bundle: strip(bundled),
        tsNode: strip(tsNode),
        cli: cli && strip(cli),
        baseline: baseline && strip(baseline),
        baselineBuild,
        baselineRatio,
        baselineSameOutput,
      },
      scale: {
        envName,
        points: points.map((p) => ({ ...p, series: strip(p.series) })),
        timeFit: fits ? leastSquares(timePoints) : undefined,
        rssFit: fits ? leastSquares(rssPoints) : undefined,
        timeLinearity,
        rssLinearity,
      },
      tests: { commit: tests.commit, cold: tests.cold && strip(tests.cold), warm: tests.warm && strip(tests.warm) },
      profile,
      budgets: options.smoke
        ? undefined
        : evaluateBudgets({
            synthMs: appSeries.time,
            synthRssMiB: appSeries.rss?.max,
            policyGateShare,
            baselineRatio,
            scale50Ms: scale50?.time,
            linearityTime: timeLinearity,
            linearityRss: rssLinearity,
            testsColdMs: tests.cold?.time?.median,
          }),
      failures: bench.failures,
    };
    return await finish(results, options, bench);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The result of `--profile`: the profile alone. */
function profileOnly(
  startedAt: string,
  loadAtStart: number[] | undefined,
  gitInfo: BenchResults['git'],
  expectedStacks: number,
  profile: ProfileResults,
  failures: readonly string[],
): BenchResults {
  return {
    mode: 'profile',
    skipped: ['everything but the profile'],
    startedAt,
    finishedAt: new Date().toISOString(),
    host: host({ start: loadAtStart, end: loadAverage() }),
    git: gitInfo,
    bundle: {},
    synth: { expectedStacks },
    scale: { envName: '', points: [] },
    tests: {},
    profile,
    failures,
  };
}

/** Prints and writes the results; the exit status. */
async function finish(results: BenchResults, options: Options, bench: Bench): Promise<number> {
  const report = await formatMarkdown(renderReport(results));
  const resultsDir = path.join(ROOT, 'bench-results');
  mkdirSync(resultsDir, { recursive: true });
  const jsonFile = path.join(resultsDir, results.mode === 'full' ? 'latest.json' : `${results.mode}.json`);
  writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${report}\n`);
  progress(`results: ${path.relative(ROOT, jsonFile)}`);
  const complete = results.mode === 'full' && results.skipped.length === 0 && bench.failures.length === 0;
  if (complete) {
    writeFileSync(path.join(ROOT, 'tools', 'bench', 'LAST_RUN.md'), report);
    progress('table: tools/bench/LAST_RUN.md');
  }

  let status = 0;
  if (bench.failures.length > 0) {
    progress(`\nFAILED: ${bench.failures.length} measured runs or checks failed:`);
    bench.failures.forEach((f) => progress(`  - ${f}`));
    status = 1;
  }
  if (options.check) {
    const failed = (results.budgets ?? []).filter((b) => !b.ok);
    if (failed.length > 0) {
      progress(`\nFAILED: ${failed.length} budgets:`);
      failed.forEach((b) => progress(`  - ${b.name}: measured ${b.measured}, limit ${b.limit}`));
      status = 1;
    } else {
      progress('\nall budgets pass');
    }
  }
  return status;
}

/** A series without its working fields, for the JSON result. */
function strip(series: Series & { lastOutdir?: string }): Series {
  const { label, command, runs, time, rss, cpu, stacks, failures } = series;
  return { label, command, runs, time, rss, cpu, stacks, failures };
}

async function formatMarkdown(markdown: string): Promise<string> {
  const file = path.join(ROOT, 'tools', 'bench', 'LAST_RUN.md');
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(markdown, { ...config, parser: 'markdown' });
}

if (require.main === module) {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  main(options).then(
    (status) => process.exit(status),
    (e: unknown) => {
      process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}

export { parseOptions };
