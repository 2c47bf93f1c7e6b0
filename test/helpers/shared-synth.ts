/**
 * The shared synths: the configs jest's global setup synthesizes once for the whole run
 * (test/helpers/global-setup.ts), and readers of the JSON it wrote. Nothing here loads cdktf or
 * the providers (test/helpers/synth.ts does): jest loads modules afresh for each test file, and a
 * file that only reads the shared JSON is spared the second or so that loading them costs.
 */
import { readFileSync } from 'fs';
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

/** The configs jest's global setup synthesizes once, so test files that only read JSON do not each pay for a synth. */
export const SHARED_SYNTHS = {
  shipped: () => loadPlatformConfig(DEFAULT_CONFIG_PATH),
  frozen: () => loadPlatformConfig(FROZEN_CONFIG_PATH),
  'capacity-paths': capacityPathsConfig,
  gb200: gb200Config,
  fork: () => loadPlatformConfig(FORK_CONFIG_PATH),
} as const;

/** The name of a shared synth. */
export type SharedSynthName = keyof typeof SHARED_SYNTHS;

/** Where global setup leaves the shared synths; workers inherit it through the environment. */
export const SHARED_SYNTH_DIR_ENV = 'GPU_PLATFORM_SHARED_SYNTH_DIR';

/** The output directory of a shared synth, as `cdktf synth` wrote it. */
export function sharedSynthDir(name: SharedSynthName): string {
  const dir = process.env[SHARED_SYNTH_DIR_ENV];
  if (!dir)
    throw new Error(
      `${SHARED_SYNTH_DIR_ENV} is unset: run the tests with jest, whose global setup synthesizes the shared configs`,
    );
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
