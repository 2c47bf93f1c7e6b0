/**
 * Synthesizes the shared configs once before any test file runs; test files read the JSON
 * through `sharedOutput()` instead of each synthesizing again. Workers inherit the directory
 * through the environment.
 */
// First, as in main.ts: the synths below skip cdktf's token-creation stack traces.
import '../../stacks/skip-token-stack-traces';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { SHARED_SYNTHS, SHARED_SYNTH_DIR_ENV } from './shared-synth';
import { synthesizeInto } from './synth';

export default function globalSetup(): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'gpu-platform-shared-'));
  for (const [name, config] of Object.entries(SHARED_SYNTHS)) synthesizeInto(config(), path.join(dir, name));
  process.env[SHARED_SYNTH_DIR_ENV] = dir;
}
