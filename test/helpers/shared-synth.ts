/**
 * The shared synths: the configs synthesized once for the whole run, in a process jest's global
 * setup starts (test/helpers/global-setup.ts), and readers of the JSON it wrote. Nothing here loads cdktf or
 * the providers (test/helpers/synth.ts does): jest loads modules afresh for each test file, and a
 * file that only reads the shared JSON is spared the second or so that loading them costs.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { DEFAULT_CONFIG_PATH, loadPlatformConfig } from '../../config/load';
import type { StackJson } from '../../constructs/shared/stack-json';
import { readSynthesizedStacks, readSynthesizedTexts } from '../../stacks/synthesized-stacks';
import { FORK_CONFIG_PATH, FROZEN_CONFIG_PATH } from './config-fixture';
import { capacityPathsConfig } from './gpu-fixture';
import { gb200Config } from './gb200-fixture';

export type { StackJson };

/** What a synth wrote: every stack's JSON. */
export interface SynthesizedOutput {
  /** Stack name to parsed JSON. */
  readonly stacks: ReadonlyMap<string, StackJson>;
  /** Stack name to the raw JSON text, for `Testing.toHaveResourceWithProperties`. */
  readonly texts: ReadonlyMap<string, string>;
}

/**
 * The configs synthesized once for the whole run, so test files that only read JSON do not each
 * pay for a synth. In the order they are synthesized: the most read first.
 */
export const SHARED_SYNTHS = {
  frozen: () => loadPlatformConfig(FROZEN_CONFIG_PATH),
  shipped: () => loadPlatformConfig(DEFAULT_CONFIG_PATH),
  'capacity-paths': capacityPathsConfig,
  fork: () => loadPlatformConfig(FORK_CONFIG_PATH),
  gb200: gb200Config,
} as const;

/** The name of a shared synth. */
export type SharedSynthName = keyof typeof SHARED_SYNTHS;

/** Where global setup has the shared synths written; workers inherit it through the environment. */
export const SHARED_SYNTH_DIR_ENV = 'GPU_PLATFORM_SHARED_SYNTH_DIR';

/** The process that writes them (test/helpers/synthesize-shared.ts). */
export const SHARED_SYNTH_PID_ENV = 'GPU_PLATFORM_SHARED_SYNTH_PID';

/** The files that say a shared synth in `dir` is complete, or failed (holding the error). */
export function sharedSynthMarks(dir: string, name: string): { done: string; failed: string } {
  return { done: path.join(dir, `${name}.done`), failed: path.join(dir, `${name}.failed`) };
}

/** Longer than any synth takes on a loaded machine: past it, something is stuck. */
const WAIT_LIMIT_MS = 120_000;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The output directory of a shared synth, as `cdktf synth` wrote it; waits until it is complete. */
export function sharedSynthDir(name: SharedSynthName): string {
  const dir = process.env[SHARED_SYNTH_DIR_ENV];
  if (!dir)
    throw new Error(
      `${SHARED_SYNTH_DIR_ENV} is unset: run the tests with jest, whose global setup synthesizes the shared configs`,
    );
  const { done, failed } = sharedSynthMarks(dir, name);
  const pid = Number(process.env[SHARED_SYNTH_PID_ENV]);
  const since = Date.now();
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (!existsSync(done)) {
    if (existsSync(failed)) throw new Error(`shared synth ${name} failed: ${readFileSync(failed, 'utf8')}`);
    // Checked before the mark again: it may have marked it done just before it ended.
    const gone = !isRunning(pid);
    if (existsSync(done)) break;
    if (gone) throw new Error(`the process synthesizing the shared configs ended before ${name} was done`);
    if (Date.now() - since > WAIT_LIMIT_MS) throw new Error(`shared synth ${name} not done after ${WAIT_LIMIT_MS} ms`);
    Atomics.wait(pause, 0, 0, 20);
  }
  return path.join(dir, name);
}

const outputs = new Map<string, SynthesizedOutput>();

/** A shared synth's JSON, read once per test file. */
export function sharedOutput(name: SharedSynthName): SynthesizedOutput {
  const cached = outputs.get(name);
  if (cached) return cached;
  const texts = readSynthesizedTexts(sharedSynthDir(name));
  const output = { stacks: readSynthesizedStacks(texts), texts };
  outputs.set(name, output);
  return output;
}

/** A shared synth's `manifest.json` (stacks and their dependencies), as `cdktf synth` wrote it. */
export function sharedManifest(name: SharedSynthName): {
  stacks: Record<string, { dependencies?: string[] }>;
} {
  return JSON.parse(readFileSync(path.join(sharedSynthDir(name), 'manifest.json'), 'utf8'));
}

/** The shipped config's synthesized JSON. */
export function shippedOutput(): SynthesizedOutput {
  return sharedOutput('shipped');
}

/** Every resource of a type in a stack, keyed by logical id. */
export function resourcesOf(stack: StackJson, type: string): Record<string, Record<string, unknown>> {
  return stack.resource?.[type] ?? {};
}
