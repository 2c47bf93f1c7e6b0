/**
 * The performance benchmark: `npm run bench` (docs/performance.md).
 *
 *   npm run bench                   full run: prints the tables, writes bench-results/latest.json and
 *                                   tools/bench/LAST_RUN.md; exits 1 if any run failed
 *   npm run bench -- --check        the same, and exits 1 when a budget (tools/bench/budgets.ts) fails
 *   npm run bench -- --smoke        checks the benchmark itself: one run of each, scale at 1 and 2
 *                                   regions, no npm test; writes bench-results/smoke.json; no budgets
 *   --skip-tests, --skip-cli        leave those timings out (under --check their budgets then fail)
 *
 * Measured, each run a fresh process started from the project root: synth of the shipped config
 * through the cdktf.json app command (app only), the esbuild bundle directly, the former ts-node
 * command, the cdktf CLI, the app with the policy gate off (the gate's share), and a baseline built from the same sources with root provider imports;
 * a full build of the bundle; synth of generated configs with 1 to 50 regions per cloud;
 * `npm test` cold and warm. `npm run bench` runs this file with tsx.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as prettier from 'prettier';
import { loadPlatformConfig, parsePlatformConfig } from '../../config/load';
import { expectedStackNames } from '../../stacks/platform';
import { POLICY_GATE_ENV } from '../../stacks/platform-stack';
import { CLOUD_FACTS_ENV } from '../../config/cloud-checks';
import { bundleFile } from '../bundle';
import { buildBaseline, type BaselineBuild } from './baseline';
import { evaluateBudgets, mib, seconds } from './budgets';
import { commandArgv, displayCommand } from './command';
import { checkGnuTime, tail, timed, writtenStacks, type RunResult } from './measure';
import { renderReport } from './report';
import type { BenchResults, RunRecord, ScalePoint, Series } from './results';
import { scaleConfig } from './scale-config';
import { leastSquares, linearity, summarize, type Point } from './stats';

class UsageError extends Error {}

interface Options {
  readonly smoke: boolean;
  readonly check: boolean;
  readonly skipTests: boolean;
  readonly skipCli: boolean;
}

const USAGE = 'usage: npm run bench [-- --check | -- --smoke] [--skip-tests] [--skip-cli]';

function parseOptions(argv: readonly string[]): Options {
  const known = ['--smoke', '--check', '--skip-tests', '--skip-cli'];
  const unknown = argv.filter((a) => !known.includes(a));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(' ')}\n${USAGE}`);
  const options = {
    smoke: argv.includes('--smoke'),
    check: argv.includes('--check'),
    skipTests: argv.includes('--skip-tests'),
    skipCli: argv.includes('--skip-cli'),
  };
  if (options.smoke && options.check) {
    throw new UsageError('--smoke checks no budgets (one run each is too noisy to judge); use --check alone');
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

/** Runs per measurement. */
const PLAN = {
  full: { synth: 5, reference: 3, cli: 3, baseline: 3, bundle: 3, scale: 3, regions: [1, 5, 20, 50] },
  smoke: { synth: 1, reference: 1, cli: 1, baseline: 1, bundle: 1, scale: 1, regions: [1, 2] },
} as const;

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

interface Prepared {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** The synth output folder of this run, if it synthesizes. */
  readonly outdir?: string;
}

interface Verdict {
  readonly stacks?: number;
  readonly problem?: string;
}

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
   * Runs a command `runs` times, each prepared afresh. `verify` judges a run that exited 0: it
   * returns the stacks written, or a problem. Failed runs are recorded and left out of the
   * summaries. The last run's output folder is kept (returned as `lastOutdir`), earlier ones removed.
   */
  series(
    label: string,
    runs: number,
    prepare: () => Prepared,
    verify: (run: RunResult, prepared: Prepared) => Verdict = () => ({}),
  ): Series & { lastOutdir?: string } {
    const records: RunRecord[] = [];
    const failures: string[] = [];
    const good: RunRecord[] = [];
    let command = '';
    let lastOutdir: string | undefined;
    for (let i = 0; i < runs; i++) {
      const prepared = prepare();
      command ||= displayCommand(prepared.argv, ROOT, this.tmp).replace(/(<tmp>\/[a-z]+)-\d+/g, '$1');
      const run = timed({ argv: prepared.argv, cwd: ROOT, env: prepared.env });
      const verdict = run.status === 0 ? verify(run, prepared) : {};
      const problem =
        run.status !== 0
          ? `exit status ${run.status ?? 'none (killed or timed out)'}:\n${tail(`${run.stdout}\n${run.stderr}`)}`
          : verdict.problem;
      const record = { ms: run.ms, rssMiB: run.rssMiB, cpuMs: run.cpuMs, status: run.status, stacks: verdict.stacks };
      records.push(record);
      if (problem) failures.push(`${label}, run ${i + 1}: ${problem}`);
      else good.push(record);
      progress(
        `  ${label} ${i + 1}/${runs}: ${seconds(run.ms)}, ${mib(run.rssMiB)}${problem ? ` FAILED: ${problem}` : ''}`,
      );
      if (lastOutdir) rmSync(path.dirname(lastOutdir), { recursive: true, force: true });
      lastOutdir = prepared.outdir;
    }
    this.failures.push(...failures);
    return {
      label,
      command,
      runs: records,
      time: good.length > 0 ? summarize(good.map((r) => r.ms)) : undefined,
      rss: good.length > 0 ? summarize(good.map((r) => r.rssMiB)) : undefined,
      cpu: good.length > 0 ? summarize(good.map((r) => r.cpuMs)) : undefined,
      stacks: good.find((r) => r.stacks !== undefined)?.stacks,
      failures,
      lastOutdir,
    };
  }

  /**
   * A synth series: each run writes into a fresh `<tmp>/out-N/cdktf.out` (through CDKTF_OUTDIR,
   * or `argvFor` for the CLI) and must write every expected stack.
   */
  synth(
    label: string,
    runs: number,
    argvFor: (outdir: string) => readonly string[],
    expected: readonly string[],
    env: Record<string, string> = {},
  ): Series & { lastOutdir?: string } {
    return this.series(
      label,
      runs,
      () => {
        const outdir = path.join(this.scratch('out'), 'cdktf.out');
        return { argv: argvFor(outdir), env: this.env({ ...env, CDKTF_OUTDIR: outdir }), outdir };
      },
      (_run, prepared) => checkStacks(prepared.outdir ?? '', expected),
    );
  }

  fail(problem: string): void {
    progress(`  FAILED: ${problem}`);
    this.failures.push(problem);
  }
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

function git(args: string[]): string {
  const out = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
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

async function main(options: Options): Promise<number> {
  const plan = options.smoke ? PLAN.smoke : PLAN.full;
  const startedAt = new Date().toISOString();
  process.chdir(ROOT);
  checkGnuTime();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gpu-platform-bench-'));
  const bench = new Bench(tmp);
  const node = process.execPath;
  try {
    const shipped = loadPlatformConfig(SHIPPED_CONFIG);
    const expected = expectedStackNames(shipped);
    const app = nodeArgv(appCommand());

    progress(`bundle (tools/bundle.js, esbuild), ${plan.bundle} runs`);
    let bundleInputs: number | undefined;
    const bundleBuild = bench.series(
      'bundle',
      plan.bundle,
      () => ({ argv: [node, 'tools/bundle.js', '--outdir', bench.scratch('bundle')], env: bench.env() }),
      (run) => {
        bundleInputs = Number(/(\d+) inputs/.exec(run.stdout)?.[1] ?? 0);
        return bundleInputs > 0 ? {} : { problem: `bundled nothing: ${run.stdout.trim()}` };
      },
    );

    // One unmeasured run first: it brings the bundle up to date and the files into the page cache.
    const warmup = timed({
      argv: app,
      cwd: ROOT,
      env: bench.env({ CDKTF_OUTDIR: path.join(bench.scratch('warmup'), 'o') }),
    });
    if (warmup.status !== 0) progress(`  warm-up run failed:\n${tail(warmup.stderr)}`);

    progress(`synth, shipped config (${expected.length} stacks)`);
    const appSeries = bench.synth('app only', plan.synth, () => app, expected);
    const appWithoutGate = bench.synth('app only, gate off', plan.synth, () => app, expected, {
      [POLICY_GATE_ENV]: 'off',
    });
    const policyGateShare =
      appSeries.time && appWithoutGate.time
        ? (appSeries.time.median - appWithoutGate.time.median) / appSeries.time.median
        : undefined;
    const bundled = bench.synth('bundle', plan.synth, () => [node, bundleFile()], expected);
    const tsNode = bench.synth(
      'ts-node',
      plan.reference,
      () => [node, '--require', 'ts-node/register/transpile-only', 'main.ts'],
      expected,
    );

    progress('baseline: root provider imports');
    let baselineBuild: BaselineBuild | undefined;
    let baseline: (Series & { lastOutdir?: string }) | undefined;
    let baselineSameOutput: boolean | undefined;
    try {
      const baselineDir = bench.scratch('baseline');
      baselineBuild = await buildBaseline(ROOT, baselineDir);
      progress(
        `  built: ${baselineBuild.rewritten} imports rewritten in ${baselineBuild.files} files, ${seconds(baselineBuild.ms)}`,
      );
      baseline = bench.synth('baseline', plan.baseline, () => [node, path.join(baselineDir, 'main.js')], expected);
      if (baseline.lastOutdir && appSeries.lastOutdir && baseline.time) {
        const difference = sameStacks(appSeries.lastOutdir, baseline.lastOutdir);
        baselineSameOutput = difference === undefined;
        if (difference) bench.fail(`baseline is not the same app: its stacks differ from the app's (${difference})`);
      }
    } catch (e) {
      bench.fail(`baseline build: ${(e as Error).message}`);
    }
    const baselineRatio = baseline?.time && appSeries.time ? baseline.time.median / appSeries.time.median : undefined;

    let cli: Series | undefined;
    if (!options.skipCli) {
      progress('cdktf CLI: npm run synth');
      cli = bench.synth('cdktf CLI', plan.cli, (outdir) => ['npm', 'run', 'synth', '--', '--output', outdir], expected);
    }

    const template = JSON.parse(readFileSync(SHIPPED_CONFIG, 'utf8')) as Record<string, unknown>;
    const points: ScalePoint[] = [];
    let envName = '';
    for (const regions of plan.regions) {
      const generated = scaleConfig(template, regions);
      envName = generated.envName;
      const file = path.join(bench.scratch('scale'), `platform-${regions}.json`);
      writeFileSync(file, JSON.stringify(generated.config, null, 2));
      let names: string[];
      // Made-up regions, which no cloud has: the scale configs are checked without the cloud facts,
      // here as in the synths below; only for this parse, so later children (npm test) get the default.
      const cloudFacts = process.env[CLOUD_FACTS_ENV];
      process.env[CLOUD_FACTS_ENV] = 'off';
      try {
        names = expectedStackNames(parsePlatformConfig(generated.config, file));
      } catch (e) {
        bench.fail(`scale: the generated config for ${regions} regions per cloud is invalid:\n${(e as Error).message}`);
        continue;
      } finally {
        if (cloudFacts === undefined) delete process.env[CLOUD_FACTS_ENV];
        else process.env[CLOUD_FACTS_ENV] = cloudFacts;
      }
      progress(`scale: ${regions} regions per cloud (${names.length} stacks)`);
      const series = bench.synth(`scale ${regions}`, plan.scale, () => app, names, {
        PLATFORM_CONFIG: file,
        [CLOUD_FACTS_ENV]: 'off',
      });
      points.push({ regionsPerCloud: regions, series });
    }
    const measured = points.filter((p) => p.series.time && p.series.rss);
    const timePoints: Point[] = measured.map((p) => ({ x: p.regionsPerCloud, y: p.series.time?.median ?? NaN }));
    const rssPoints: Point[] = measured.map((p) => ({ x: p.regionsPerCloud, y: p.series.rss?.median ?? NaN }));
    const fits = measured.length >= 2;
    const segments = { early: [5, 20], late: [20, 50] } as const;

    let cold: Series | undefined;
    let warm: Series | undefined;
    if (!options.smoke && !options.skipTests) {
      const cache = path.join(tmp, 'jest-cache');
      const argv = ['npm', 'test', '--', `--cacheDirectory=${cache}`];
      progress('npm test, cold (empty jest cache)');
      cold = bench.series('npm test cold', 1, () => ({ argv, env: bench.env() }));
      progress('npm test, warm');
      warm = bench.series('npm test warm', 1, () => ({ argv, env: bench.env() }));
    }

    const scale50 = points.find((p) => p.regionsPerCloud === 50)?.series;
    const timeLinearity = linearity(timePoints, segments);
    const rssLinearity = linearity(rssPoints, segments);
    const results: BenchResults = {
      mode: options.smoke ? 'smoke' : 'full',
      skipped: [...(options.skipCli ? ['cdktf CLI'] : []), ...(options.smoke || options.skipTests ? ['npm test'] : [])],
      startedAt,
      finishedAt: new Date().toISOString(),
      host: {
        node: process.version,
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
        memoryGiB: os.totalmem() / 1024 ** 3,
      },
      git: { commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown', dirty: git(['status', '--porcelain']) !== '' },
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
      tests: { cold: cold && strip(cold), warm: warm && strip(warm) },
      budgets: options.smoke
        ? undefined
        : evaluateBudgets({
            synthMs: appSeries.time?.median,
            synthRssMiB: appSeries.rss?.max,
            policyGateShare,
            baselineRatio,
            scale50Ms: scale50?.time?.median,
            scale50RssMiB: scale50?.rss?.max,
            linearityTime: timeLinearity,
            linearityRss: rssLinearity,
            testsColdMs: cold?.time?.median,
            testsWarmMs: warm?.time?.median,
          }),
      failures: bench.failures,
    };

    const report = await formatMarkdown(renderReport(results));
    const resultsDir = path.join(ROOT, 'bench-results');
    mkdirSync(resultsDir, { recursive: true });
    const jsonFile = path.join(resultsDir, options.smoke ? 'smoke.json' : 'latest.json');
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
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
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
