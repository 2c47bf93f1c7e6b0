import type { BenchResults, Series } from '../../../tools/bench/results';
import { renderReport } from '../../../tools/bench/report';

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
  host: { node: 'v20.0.0', os: 'Linux x64', cpus: 2, cpuModel: 'cpu', memoryGiB: 8 },
  git: { commit: 'abc1234', dirty: false },
  bundle: {},
  synth: {
    expectedStacks: 7,
    app: series('app only', 'node tools/app.js', 500, 120),
    baseline: series('baseline', 'node <tmp>/baseline/main.js', 5000, 900),
    baselineBuild: { files: 60, rewritten: 66, ms: 2000 },
    baselineRatio: 10,
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

  test('shows the baseline ratio and the budgets, failures marked', () => {
    expect(report).toContain('Baseline / app (median / median): **10.0x**');
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
