/**
 * Synthesizes whole apps the way `cdktf synth` does (`app.synth()`), so cross-stack references
 * become `terraform_remote_state` and Annotations errors surface. Each config is synthesized
 * once per test file and shared by every assertion on it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { DEFAULT_CONFIG_PATH, loadPlatformConfig } from '../../config/load';
import type { PlatformConfig } from '../../config/schema';
import { FORK_CONFIG_PATH, FROZEN_CONFIG_PATH } from './config-fixture';
import { capacityPathsConfig } from './gpu-fixture';
import { gb200Config } from './gb200-fixture';
import type { StackJson } from '../../constructs/shared/stack-json';
import { buildPlatform } from '../../stacks/platform';
import { synthesizeInTemp, synthesizeInto, type Synthesized } from '../../stacks/synthesize';
import { readSynthesizedStacks, readSynthesizedTexts } from '../../stacks/synthesized-stacks';

export type { StackJson };

/** What a synth wrote: every stack's JSON. */
export interface SynthesizedOutput {
  /** Stack name to parsed JSON. */
  readonly stacks: ReadonlyMap<string, StackJson>;
  /** Stack name to the raw JSON text, for `Testing.toHaveResourceWithProperties`. */
  readonly texts: ReadonlyMap<string, string>;
}

/** A synth with the stack objects behind it, for tests that inspect constructs. */
export type SynthesizedApp = Synthesized;

function readOutput(outdir: string): SynthesizedOutput {
  const texts = readSynthesizedTexts(outdir);
  return { stacks: readSynthesizedStacks(texts), texts };
}

export { synthesizeInto };

/** Synthesizes a config as `cdktf synth` would, in a temporary directory. */
export const synthesize = (config: PlatformConfig): SynthesizedApp => synthesizeInTemp(config);

/**
 * The configs jest's global setup synthesizes once for the whole run (test/helpers/global-setup.ts),
 * so test files that only read JSON do not each pay for a synth.
 */
export const SHARED_SYNTHS = {
  shipped: () => loadPlatformConfig(DEFAULT_CONFIG_PATH),
  frozen: () => loadPlatformConfig(FROZEN_CONFIG_PATH),
  'capacity-paths': capacityPathsConfig,
  gb200: gb200Config,
  fork: () => loadPlatformConfig(FORK_CONFIG_PATH),
} as const;

/** Where global setup left the shared synths; unset when a test file runs outside jest's global setup. */
export const SHARED_SYNTH_DIR_ENV = 'GPU_PLATFORM_SHARED_SYNTH_DIR';

const outputs = new Map<string, SynthesizedOutput>();

/** A shared synth's JSON: from global setup's output when there is one, else synthesized here. */
export function sharedOutput(name: keyof typeof SHARED_SYNTHS): SynthesizedOutput {
  const cached = outputs.get(name);
  if (cached) return cached;
  const dir = process.env[SHARED_SYNTH_DIR_ENV];
  const output = dir ? readOutput(path.join(dir, name)) : synthesize(SHARED_SYNTHS[name]());
  outputs.set(name, output);
  return output;
}

/** A shared synth's `manifest.json` (stacks and their dependencies), as `cdktf synth` wrote it. */
export function sharedManifest(name: keyof typeof SHARED_SYNTHS): {
  stacks: Record<string, { dependencies?: string[] }>;
} {
  const dir = process.env[SHARED_SYNTH_DIR_ENV];
  if (dir) return JSON.parse(readFileSync(path.join(dir, name, 'manifest.json'), 'utf8'));
  const outdir = mkdtempSync(path.join(tmpdir(), 'gpu-platform-manifest-'));
  try {
    synthesizeInto(SHARED_SYNTHS[name](), outdir);
    return JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** A config's construct tree, built but not synthesized: enough to inspect constructs, and far cheaper. */
export function build(config: PlatformConfig): Pick<SynthesizedApp, 'app' | 'environments'> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'gpu-platform-build-'));
  try {
    const app = new App({ outdir });
    return { app, environments: buildPlatform(app, config) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The shipped config's synthesized JSON. */
export function shippedOutput(): SynthesizedOutput {
  return sharedOutput('shipped');
}

/** Every resource of a type in a stack, keyed by logical id. */
export function resourcesOf(stack: StackJson, type: string): Record<string, Record<string, unknown>> {
  return stack.resource?.[type] ?? {};
}
