/**
 * Synthesizes whole apps the way `cdktf synth` does (`app.synth()`), so cross-stack references
 * become `terraform_remote_state` and Annotations errors surface. Each config is synthesized
 * once per test file and shared by every assertion on it.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { DEFAULT_CONFIG_PATH, loadPlatformConfig } from '../../config/load';
import type { PlatformConfig } from '../../config/schema';
import { buildPlatform, type EnvironmentStacks } from '../../stacks/platform';

/** A synthesized stack: its parsed `cdk.tf.json`. */
export type StackJson = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; sensitive?: boolean }>;
  provider?: Record<string, Record<string, unknown>[]>;
  terraform: { backend: Record<string, Record<string, unknown>> } & Record<string, unknown>;
  variable?: Record<string, Record<string, unknown>>;
} & Record<string, unknown>;

export interface SynthesizedApp {
  readonly app: App;
  /** The stack objects per environment, as `buildPlatform` returned them. */
  readonly environments: Readonly<Record<string, EnvironmentStacks>>;
  /** Stack name to parsed JSON. */
  readonly stacks: ReadonlyMap<string, StackJson>;
  /** Stack name to the raw JSON text, for `Testing.toHaveResourceWithProperties`. */
  readonly texts: ReadonlyMap<string, string>;
}

export function synthesize(config: PlatformConfig): SynthesizedApp {
  const outdir = mkdtempSync(path.join(tmpdir(), 'gpu-platform-test-'));
  try {
    const app = new App({ outdir, skipValidation: false });
    const environments = buildPlatform(app, config);
    app.synth();
    const texts = new Map<string, string>();
    for (const name of readdirSync(path.join(outdir, 'stacks')).sort()) {
      texts.set(name, readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
    }
    const stacks = new Map([...texts].map(([name, text]) => [name, JSON.parse(text) as StackJson]));
    return { app, environments, stacks, texts };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

let shipped: SynthesizedApp | undefined;

/** The shipped config (`config/platform.json`), synthesized once per test file. */
export function synthesizeShipped(): SynthesizedApp {
  shipped ??= synthesize(loadPlatformConfig(DEFAULT_CONFIG_PATH));
  return shipped;
}

/** The shipped config as plain data, for tests that derive a variant from it. */
export function shippedConfigInput(): Record<string, unknown> {
  return JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8')) as Record<string, unknown>;
}

/** Every resource of a type in a stack, keyed by logical id. */
export function resourcesOf(stack: StackJson, type: string): Record<string, Record<string, unknown>> {
  return stack.resource?.[type] ?? {};
}

/** Every resource of a type across the given stacks. */
export function allResourcesOf(stacks: Iterable<StackJson>, type: string): Record<string, unknown>[] {
  return [...stacks].flatMap((s) => Object.values(resourcesOf(s, type)));
}
