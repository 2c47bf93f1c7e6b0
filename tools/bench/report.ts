/** Renders a benchmark result as Markdown tables (tools/bench/LAST_RUN.md and the terminal). */
import { mib, seconds } from './budgets';
import type { BenchResults, Series } from './results';

const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[]) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
const code = (text: string) => `\`${text}\``;

function timing(series: Series | undefined): string[] {
  if (!series?.time || !series.rss) return [String(series?.runs.length ?? 0), 'failed', '-', '-', '-', '-'];
  const { time, rss, cpu } = series;
  const cpuText = cpu && !Number.isNaN(cpu.median) ? seconds(cpu.median) : '-';
  return [String(time.runs), seconds(time.median), seconds(time.min), seconds(time.max), cpuText, mib(rss.max)];
}

const TIMING_HEAD = ['runs', 'median', 'min', 'max', 'CPU (median)', 'peak RSS'];

export function renderReport(r: BenchResults): string {
  const out: string[] = [];
  const command = r.mode === 'full' ? 'npm run bench' : 'npm run bench -- --smoke';
  const kind =
    r.mode === 'smoke'
      ? 'smoke run: one run of each, not for comparison'
      : r.skipped.length > 0
        ? `partial run: skipped ${r.skipped.join(', ')}`
        : 'full run';
  out.push(`# Benchmark (${kind})`);
  out.push(
    `${code(command)} on ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, ` +
      `commit ${r.git.commit}${r.git.dirty ? ' plus uncommitted changes' : ''}; node ${r.host.node}, ${r.host.os}, ` +
      `${r.host.cpus} CPUs (${r.host.cpuModel}), ${r.host.memoryGiB.toFixed(0)} GiB RAM.`,
  );
  out.push(
    'Each run is a fresh process. Time: wall clock, median of the runs, with min and max. ' +
      'CPU: user plus system time of the process and its children (GNU time `%U + %S`), median; ' +
      'far below the wall time means the run waited (I/O, or other load on the machine). ' +
      'Peak RSS: the largest over the runs, of the largest single process (GNU time `%M`).',
  );

  const s = r.synth;
  out.push(`## Synth: shipped config, every environment (${s.expectedStacks} stacks)`);
  const synthRows: [string, Series | undefined][] = [
    ['app only: cdktf.json `app`', s.app],
    ['app only, policy gate off', s.appWithoutGate],
    ['bundle, no freshness check', s.bundle],
    ['ts-node transpile-only (former `app`)', s.tsNode],
    ['cdktf CLI', s.cli],
    ['baseline: root provider imports', s.baseline],
  ];
  out.push(
    table(
      ['what', 'command', ...TIMING_HEAD],
      synthRows.filter(([, x]) => x).map(([what, x]) => [what, code(x?.command ?? ''), ...timing(x)]),
    ),
  );
  if (s.policyGateShare !== undefined) {
    out.push(
      `Policy gate share of synth time ((app - gate off) / app, medians): **${(s.policyGateShare * 100).toFixed(1)}%**. ` +
        'The gate renders each stack once and the synthesizer writes that rendering, so its cost is the rules and the suppression bookkeeping.',
    );
  }
  if (s.baselineRatio !== undefined && s.baselineBuild) {
    out.push(
      `Baseline / app (median / median): **${s.baselineRatio.toFixed(1)}x**. The baseline is the same sources with ` +
        `${s.baselineBuild.rewritten} deep provider imports rewritten to root imports, bundled with the packages left external; ` +
        `its stacks are ${s.baselineSameOutput ? 'byte-identical to' : 'DIFFERENT from'} the app's.`,
    );
  }

  const b = r.bundle;
  if (b.build) {
    out.push('## Bundle: `tools/bundle.js` (esbuild, no type-check)');
    out.push(
      table(
        ['what', 'command', ...TIMING_HEAD],
        [[`full bundle, ${b.inputs ?? '?'} input files`, code(b.build.command), ...timing(b.build)]],
      ),
    );
    out.push(
      'The app command rebuilds only when a file the bundle was made from changed; otherwise it adds a ' +
        'freshness check (the difference between the first two synth rows).',
    );
  }

  const sc = r.scale;
  if (sc.points.length > 0) {
    out.push(`## Scale: environment \`${sc.envName}\` with N AWS and N Azure regions (app only)`);
    out.push(
      table(
        ['regions per cloud', 'stacks', ...TIMING_HEAD],
        sc.points.map((p) => [p.regionsPerCloud, p.series.stacks ?? '-', ...timing(p.series)]),
      ),
    );
    const lines: string[] = [];
    if (sc.timeFit && sc.rssFit) {
      const r2 = (n: number) => (Number.isNaN(n) ? '-' : n.toFixed(3));
      lines.push(
        `Growth per added region per cloud (least squares over the medians): **${sc.timeFit.slope.toFixed(1)} ms** ` +
          `(R² ${r2(sc.timeFit.r2)}) and **${sc.rssFit.slope.toFixed(2)} MiB** (R² ${r2(sc.rssFit.r2)}).`,
      );
    }
    if (sc.timeLinearity && sc.rssLinearity) {
      const t = sc.timeLinearity;
      const m = sc.rssLinearity;
      lines.push(
        `Per region, 5->20 then 20->50 regions: time ${t.early.toFixed(1)} then ${t.late.toFixed(1)} ms ` +
          `(x${t.ratio.toFixed(2)}), memory ${m.early.toFixed(2)} then ${m.late.toFixed(2)} MiB (x${m.ratio.toFixed(2)}).`,
      );
    }
    if (lines.length > 0) out.push(lines.join(' '));
  }

  const t = r.tests;
  if (t.cold || t.warm) {
    out.push('## Tests: `npm test` (jest)');
    const rows: [string, Series | undefined][] = [
      ['cold: empty jest cache', t.cold],
      ['warm: same cache, second run', t.warm],
    ];
    out.push(
      table(
        ['what', 'command', ...TIMING_HEAD],
        rows.filter(([, x]) => x).map(([what, x]) => [what, code(x?.command ?? ''), ...timing(x)]),
      ),
    );
  }

  if (r.budgets) {
    out.push('## Budgets (`npm run bench -- --check` fails on any FAIL)');
    out.push(
      table(
        ['budget', 'limit', 'measured', 'result'],
        r.budgets.map((b) => [b.name, b.limit, b.measured, b.ok ? 'pass' : '**FAIL**']),
      ),
    );
  }

  if (r.failures.length > 0) {
    out.push('## Failed runs');
    out.push(r.failures.map((f) => `- ${f.split('\n')[0]}`).join('\n'));
  }
  return `${out.join('\n\n')}\n`;
}
