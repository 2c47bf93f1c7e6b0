import { PHASES, type Phase, type ProfileSummary } from '../../../tools/bench/profile';
import type { BenchResults, ProfileResults, Series } from '../../../tools/bench/results';
import { quietness, renderReport } from '../../../tools/bench/report';

function series(label: string, command: string, ms: number, rssMiB: number): Series {
  const summary = (v: number) => ({ runs: 3, median: v, min: v * 0.9, max: v * 1.1 });
  return {
    label,
    command,
    runs: [],
    time: summary(ms),
    rss: summary(rssMiB),
    cpu: summary(ms),
    failures: [],
  };
}

const results: BenchResults = {
  mode: 'full',
  skipped: [],
  startedAt: '2026-01-02T03:04:05.000Z',
  finishedAt: '2026-01-02T03:09:05.000Z',
  host: {
    node: 'v20.0.0',
    os: 'Linux x64',
    cpus: 2,
    cpuModel: 'cpu',
    memoryGiB: 8,
    load: { start: [0.1, 0.3, 0.5], end: [1.2, 0.6, 0.5] },
  },
  git: { commit: 'abc1234', dirty: false },
  bundle: {},
  synth: {
    expectedStacks: 7,
    app: series('app only', 'node tools/app.js', 500, 120),
    baseline: series('baseline', 'node <tmp>/baseline/main.js', 5000, 900),
    baselineBuild: { files: 60, rewritten: 66, ms: 2000 },
    baselineRatio: { runs: 7, median: 10, min: 8.5, max: 11 },
    baselineSameOutput: true,
  },
  scale: { envName: 'prod', points: [] },
  tests: {},
  budgets: [
    { name: 'synth time', limit: '<= 1.00 s', measured: '0.50 s', ok: true },
    { name: 'npm test, cold', limit: '<= 60.00 s', measured: '61.00 s', ok: false },
  ],
  failures: [],
};

describe('renderReport', () => {
  const report = renderReport(results);

  test('has a row per measured command with median, min, max, CPU and peak RSS', () => {
    expect(report).toContain(
      '| app only: cdktf.json `app` | `node tools/app.js` | 3 | 0.50 s | 0.45 s | 0.55 s | 0.50 s | 132 MiB |',
    );
    expect(report).not.toContain('cdktf CLI');
  });

  test('shows the paired baseline ratio with its spread and the budgets, failures marked', () => {
    expect(report).toContain('Baseline / app (paired): **10.0x (8.5-11.0x over 7 pairs)**');
    expect(report).toContain('byte-identical');
    expect(report).toContain('| npm test, cold | <= 60.00 s | 61.00 s | **FAIL** |');
  });

  test('has a bundle section only when the bundle build was measured', () => {
    expect(report).not.toContain('## Bundle');
    const withBundle = renderReport({
      ...results,
      bundle: { build: series('bundle', 'node tools/bundle.js --outdir <tmp>/bundle', 700, 130), inputs: 611 },
    });
    expect(withBundle).toContain(
      '| full bundle, 611 input files | `node tools/bundle.js --outdir <tmp>/bundle` | 3 | 0.70 s | 0.63 s | 0.77 s | 0.70 s | 143 MiB |',
    );
  });

  test('says when a run is partial or a smoke run', () => {
    expect(report).toMatch(/^# Benchmark \(full run\)/);
    expect(renderReport({ ...results, skipped: ['npm test'] })).toMatch(
      /^# Benchmark \(partial run: skipped npm test\)/,
    );
    expect(renderReport({ ...results, mode: 'smoke' })).toMatch(/^# Benchmark \(smoke run/);
  });
});

describe('quietness', () => {
  test('judges the machine by the 1-minute load at the start, and shows start and end', () => {
    expect(quietness({ start: [0.4, 1, 1], end: [2, 1, 1] }, 2)).toContain(
      '0.40 1.00 1.00 at the start, 2.00 1.00 1.00 at the end',
    );
    expect(quietness({ start: [0.4, 1, 1], end: [2, 1, 1] }, 2)).toContain('Machine at the start: quiet');
    expect(quietness({ start: [0.6, 1, 1] }, 2)).toContain('busy');
    expect(quietness({}, 2)).toContain('unknown at the start');
  });

  test('the report carries it', () => {
    expect(renderReport(results)).toContain('Machine at the start: quiet');
  });
});

describe('the profile section', () => {
  const phases = (scale: number) =>
    Object.fromEntries(PHASES.map((p, i) => [p, (i + 1) * 10 * scale])) as Record<Phase, number>;
  const summary = (scale: number): ProfileSummary => ({
    runs: 3,
    totalMs: 910 * scale,
    phases: phases(scale),
    top: [{ name: 'resolve', source: 'node_modules/cdktf/lib/tokens/private/resolve.ts', line: 60, selfMs: 182 }],
  });
  const profile: ProfileResults = {
    command: 'node --cpu-prof dist/app/main.js',
    intervalUs: 500,
    configs: [
      { label: 'shipped config', stacks: 9, summary: summary(1) },
      { label: '1 regions per cloud', regionsPerCloud: 1, stacks: 4, summary: summary(1) },
      { label: '20 regions per cloud', regionsPerCloud: 20, stacks: 42, summary: summary(2) },
    ],
    perRegion: { from: 1, to: 20, phases: phases(0.5) },
  };
  const report = renderReport({ ...results, mode: 'profile', synth: { expectedStacks: 9 }, profile });

  test('a row per phase with ms and share for each config, and the cost per added region', () => {
    // Phase 1 of 13: 10 ms of 910 (1.1%), 20 ms at 20 regions, 5 ms per added region.
    expect(report).toContain(
      '| startup and module loading (node, the bundle, module init) | 10 | 1.1% | 10 | 1.1% | 20 | 1.1% | 5.0 |',
    );
    expect(report).toContain('| **total sampled** (median) | **910** |  | **910** |  | **1820** |  | 455.0 |');
  });

  test('the top functions of the shipped config and of the largest scale config, by original source', () => {
    expect(report).toContain('Top self time, shipped config');
    expect(report).toContain('Top self time, 20 regions per cloud');
    expect(report).not.toContain('Top self time, 1 regions per cloud');
    expect(report).toContain('| `resolve` | `node_modules/cdktf/lib/tokens/private/resolve.ts:60` | 182.0 | 20.0% |');
  });

  test('a profile-only report has no synth table, and a | in a function name does not split its cell', () => {
    expect(report).toMatch(/^# Benchmark \(profile only\)/);
    expect(report).not.toContain('## Synth');
    const regexp = renderReport({
      ...results,
      profile: {
        ...profile,
        configs: [
          {
            ...profile.configs[0],
            summary: { ...summary(1), top: [{ name: 'RegExp: a|b', source: '', line: 0, selfMs: 1 }] },
          },
        ],
      },
    });
    expect(regexp).toContain('| `RegExp: a\\|b` | (V8 or native) |');
  });
});
