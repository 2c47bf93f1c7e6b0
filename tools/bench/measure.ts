/**
 * Runs commands in fresh processes and measures each: wall time (high-resolution timer around the
 * child) and peak resident set size from GNU time (`/usr/bin/time -f %M`). GNU time reports the
 * child's `ru_maxrss` from wait4 (and `%U %S`, its CPU time), which Linux raises to the largest of the child and every
 * descendant it waited for: for a command that starts other processes (npm, the cdktf CLI) the
 * figure is the largest single process of the tree, not their sum.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

export const GNU_TIME = '/usr/bin/time';

export interface Command {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Default 10 minutes. */
  readonly timeoutMs?: number;
}

export interface RunResult {
  readonly ms: number;
  /** Peak RSS in MiB; NaN when GNU time reported none. */
  readonly rssMiB: number;
  /** CPU time, user plus system, of the process and the descendants it waited for; NaN when unknown. */
  readonly cpuMs: number;
  /** Exit status; null when killed by a signal or timed out. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Fails early, with a reason, when GNU time is missing or does not report `%M`. */
export function checkGnuTime(): void {
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} (GNU time) is needed to measure peak memory`);
  const probe = timed({ argv: [process.execPath, '-e', ''], cwd: process.cwd(), env: process.env });
  if (probe.status !== 0 || !(probe.rssMiB > 0) || Number.isNaN(probe.cpuMs)) {
    throw new Error(`${GNU_TIME} -f '%M %U %S' did not report peak RSS and CPU time: ${probe.stderr.trim()}`);
  }
}

/** Runs one command under GNU time. */
export function timed(command: Command): RunResult {
  const scratch = mkdtempSync(path.join(tmpdir(), 'bench-time-'));
  const report = path.join(scratch, 'time.txt');
  try {
    const start = process.hrtime.bigint();
    const child = spawnSync(GNU_TIME, ['-f', '%M %U %S', '-o', report, '--', ...command.argv], {
      cwd: command.cwd,
      env: command.env,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: command.timeoutMs ?? 10 * 60 * 1000,
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const stderr = `${child.stderr ?? ''}${child.error ? `\n${child.error.message}` : ''}`;
    return { ms, ...usage(report), status: child.status, stdout: child.stdout ?? '', stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * GNU time's `%M %U %S` (KiB, seconds, seconds) as MiB and ms: the last line of its report (it
 * first notes a non-zero exit status).
 */
function usage(report: string): { rssMiB: number; cpuMs: number } {
  if (!existsSync(report)) return { rssMiB: NaN, cpuMs: NaN };
  const lines = readFileSync(report, 'utf8').trim().split('\n');
  const [kib, user, system] = lines[lines.length - 1].split(' ').map(Number);
  return { rssMiB: kib / 1024, cpuMs: (user + system) * 1000 };
}

/** The stacks a synth wrote: folders under `<outdir>/stacks` that hold a `cdk.tf.json`. */
export function writtenStacks(outdir: string): string[] {
  const stacks = path.join(outdir, 'stacks');
  if (!existsSync(stacks)) return [];
  return readdirSync(stacks, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(stacks, e.name, 'cdk.tf.json')))
    .map((e) => e.name)
    .sort();
}

/** The last lines of a failed run's output, for the report. */
export function tail(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
