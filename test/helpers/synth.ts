/**
 * Synthesizes whole apps the way `cdktf synth` does (`app.synth()`), so cross-stack references
 * become `terraform_remote_state` and Annotations errors surface. Importing this loads cdktf and
 * every provider class the platform uses; a test that only reads a shared synth's JSON imports
 * test/helpers/shared-synth.ts instead.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import type { PlatformConfig } from '../../config/schema';
import { buildPlatform } from '../../stacks/platform';
import { synthesizeInTemp, synthesizeInto, type Synthesized } from '../../stacks/synthesize';

/** A synth with the stack objects behind it, for tests that inspect constructs. */
export type SynthesizedApp = Synthesized;

export { synthesizeInto };

/** Synthesizes a config as `cdktf synth` would, in a temporary directory. */
export const synthesize = (config: PlatformConfig): SynthesizedApp => synthesizeInTemp(config);

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
