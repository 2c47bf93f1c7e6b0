/** Renders a benchmark result as Markdown tables (tools/bench/LAST_RUN.md and the terminal). */
import { mib, percent, seconds, times, withSpread } from './budgets';
import { PHASES, PHASE_LABELS } from './profile';
import type { BenchResults, ProfileResults, Series } from './results';

/** A table row; a `|` in a cell (a profiled RegExp's source) is escaped, or it would split the cell. */
const row = (cells: readonly (string | number)[]) =>
  `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
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

/** A 1-minute load average at most this per CPU counts as a quiet machine. */
export const QUIET_LOAD_PER_CPU = 0.25;

/**
 * Whether the machine was quiet when the run started, from the 1-minute load average: the load at
 * the end counts the benchmark's own runs, so it tells little about other work.
 */
export function quietness(load: BenchResults['host']['load'], cpus: number): string {
  const figures = (l: readonly number[] | undefined) => (l ? l.map((n) => n.toFixed(2)).join(' ') : 'unknown');
  const verdict =
    load.start === undefined
      ? 'unknown'
      : load.start[0] <= QUIET_LOAD_PER_CPU * cpus
        ? 'quiet'
        : '**busy: other work was running, judge the figures with care**';
  return (
    `Load average (1, 5, 15 min, /proc/loadavg): ${figures(load.start)} at the start, ${figures(load.end)} at the end ` +
    `(which counts the benchmark's own runs). Machine at the start: ${verdict} ` +
    `(quiet: 1-minute load at most ${QUIET_LOAD_PER_CPU} per CPU).`
  );
}

const RUN_KINDS: Readonly<Record<BenchResults['mode'], string>> = {
  full: 'full run',
  smoke: 'smoke run: one run of each, not for comparison',
  profile: 'profile only',
};
const COMMANDS: Readonly<Record<BenchResults['mode'], string>> = {
  full: 'npm run bench',
  smoke: 'npm run bench -- --smoke',
  profile: 'npm run bench -- --profile',
};

export function renderReport(r: BenchResults): string {
  const out: string[] = [];
  const command = COMMANDS[r.mode];
  const kind =
    r.mode === 'full' && r.skipped.length > 0 ? `partial run: skipped ${r.skipped.join(', ')}` : RUN_KINDS[r.mode];
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
  out.push(quietness(r.host.load, r.host.cpus));

  const s = r.synth;
  const synthRows: [string, Series | undefined][] = [
    ['app only: cdktf.json `app`', s.app],
    ['app only, policy gate off', s.appWithoutGate],
    ['bundle run by `require`: no freshness check, no code cache', s.bundle],
    ['ts-node transpile-only (former `app`)', s.tsNode],
    ['cdktf CLI', s.cli],
    ['baseline: root provider imports', s.baseline],
  ];
  const measuredRows = synthRows.filter(([, x]) => x);
  if (measuredRows.length > 0) {
    out.push(`## Synth: shipped config, every environment (${s.expectedStacks} stacks)`);
    out.push(
      table(
        ['what', 'command', ...TIMING_HEAD],
        measuredRows.map(([what, x]) => [what, code(x?.command ?? ''), ...timing(x)]),
      ),
    );
    out.push(
      'The app, the app with the policy gate off and the baseline ran in rounds, one run of each per round; ' +
        'their ratios are taken pair by pair (run i against run i), and the median of those is reported.',
    );
  }
  if (s.policyGateShare !== undefined) {
    out.push(
      `Policy gate share of synth time ((app - gate off) / app, paired): **${withSpread(s.policyGateShare, percent, 'pairs')}**. ` +
        'The gate renders each stack once and the synthesizer writes that rendering, so its cost is the rules and the suppression bookkeeping.',
    );
  }
  if (s.baselineRatio !== undefined && s.baselineBuild) {
    out.push(
      `Baseline / app (paired): **${withSpread(s.baselineRatio, times, 'pairs')}**. The baseline is the same sources with ` +
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
      'The app command rebuilds only when a file the bundle was made from changed; otherwise it checks ' +
        "freshness (a few ms), then runs the bundle through V8's code cache, which the bundle row, run by " +
        '`require`, goes without (tools/run-bundle.js).',
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
    out.push(
      `In a fresh clone of commit ${t.commit ?? '?'} with node_modules linked in` +
        (r.git.dirty ? ': the uncommitted changes of the working tree are NOT in it.' : '.'),
    );
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

  if (r.profile) out.push(...renderProfile(r.profile));

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

const ms = (n: number) => n.toFixed(0);
const share = (part: number, whole: number) => (whole > 0 ? percent(part / whole) : '-');

/** The profile section: ms and share per phase for each config, the cost per added region, the top functions. */
export function renderProfile(p: ProfileResults): string[] {
  const out: string[] = ['## Profile: where synth time goes'];
  if (p.configs.length === 0) return [...out, 'No profile: every profiled run failed.'];
  const runs = Math.max(...p.configs.map((c) => c.summary.runs));
  out.push(
    `${code(p.command)}, sampling every ${p.intervalUs} µs, ${runs} runs per config, in rounds; ` +
      'ms are medians per phase over the runs (so they need not add up to the total). The profiler slows the run: ' +
      'compare shares, not absolute times, with the timed runs. A sample goes to the phase of the outermost frame ' +
      'on its stack that marks one (tools/bench/profile.ts, by original source file and function name, mapped ' +
      'through the bundle’s source map); App.synth hands its steps over, the validations the policy gate, the gate ' +
      'the rendering it asks for. Samples before the config loading are startup.',
  );
  const head = ['phase', ...p.configs.flatMap((c) => [`${c.label} (${c.stacks} stacks), ms`, '%'])];
  if (p.perRegion) head.push(`per added region per cloud (${p.perRegion.from}->${p.perRegion.to}), ms`);
  const rows = PHASES.map((phase) => [
    PHASE_LABELS[phase],
    ...p.configs.flatMap((c) => {
      const total = PHASES.reduce((sum, q) => sum + c.summary.phases[q], 0);
      return [ms(c.summary.phases[phase]), share(c.summary.phases[phase], total)];
    }),
    ...(p.perRegion ? [p.perRegion.phases[phase].toFixed(1)] : []),
  ]);
  rows.push([
    '**total sampled** (median)',
    ...p.configs.flatMap((c) => [`**${ms(c.summary.totalMs)}**`, '']),
    ...(p.perRegion ? [PHASES.reduce((sum, q) => sum + (p.perRegion?.phases[q] ?? 0), 0).toFixed(1)] : []),
  ]);
  out.push(table(head, rows));
  for (const c of p.configs.filter((_c, i) => i === 0 || i === p.configs.length - 1)) {
    out.push(`Top self time, ${c.label} (mean per run, across all phases):`);
    out.push(
      table(
        ['function', 'original source', 'self, ms', '% of total'],
        c.summary.top.map((f) => [
          code(f.name),
          f.source ? code(f.line > 0 ? `${f.source}:${f.line}` : f.source) : '(V8 or native)',
          f.selfMs.toFixed(1),
          share(f.selfMs, c.summary.totalMs),
        ]),
      ),
    );
  }
  return out;
}
