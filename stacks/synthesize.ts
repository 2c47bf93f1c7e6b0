/**
 * Synthesizing a config the way `cdktf synth` does, outside the CLI: for the tools that report on
 * what would be deployed (parity, the ledger, the diagram, the archive lock) and for the tests.
 * The stacks are read back as written, so every reader sees what Terraform would plan.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import type { PlatformConfig } from '../config/schema';
import type { StackJson } from '../constructs/shared/stack-json';
import { buildPlatform, type EnvironmentStacks } from './platform';
import { readSynthesizedStacks, readSynthesizedTexts } from './synthesized-stacks';

/** A synth: the app, the stack objects per environment, and every stack as written. */
export interface Synthesized {
  /** The app, for checks that walk the construct tree. */
  readonly app: App;
  /** The stack objects per environment, as `buildPlatform` returned them. */
  readonly environments: Readonly<Record<string, EnvironmentStacks>>;
  /** Stack name to parsed JSON. */
  readonly stacks: Map<string, StackJson>;
  /** Stack name to the raw JSON text. */
  readonly texts: Map<string, string>;
}

/** Synthesizes `config` into `outdir`, which it leaves in place. `today` judges the dated checks. */
export function synthesizeInto(config: PlatformConfig, outdir: string, today?: string): Synthesized {
  const app = new App({ outdir });
  const environments = buildPlatform(app, config, today);
  app.synth();
  const texts = readSynthesizedTexts(outdir);
  return { app, environments, stacks: readSynthesizedStacks(texts), texts };
}

/** Synthesizes `config` into a temporary directory, removed afterwards. */
export function synthesizeInTemp(config: PlatformConfig, today?: string): Synthesized {
  const outdir = mkdtempSync(path.join(tmpdir(), 'gpu-platform-synth-'));
  try {
    return synthesizeInto(config, outdir, today);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
