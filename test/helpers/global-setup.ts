/**
 * Starts synthesizing the shared configs, once for the whole run, in a process of its own
 * (test/helpers/synthesize-shared.ts), and returns at once: the test files start on both cores
 * while it works, and a file that reads a shared synth waits for that one only
 * (`sharedSynthDir`). Workers inherit the directory and the process id through the environment.
 */
import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ensurePackageBundle } from './package-bundle';
import { SHARED_SYNTH_DIR_ENV, SHARED_SYNTH_PID_ENV } from './shared-synth';

/** Global setup and teardown run in one process, which shares their globals: the teardown stops this one. */
export interface SharedSynthGlobals {
  sharedSynthProcess?: ChildProcess;
}

export default function globalSetup(): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'gpu-platform-shared-'));
  const child = spawn(
    process.execPath,
    ['--require', require.resolve('tsx/cjs'), path.join(__dirname, 'synthesize-shared.ts'), dir],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  (globalThis as SharedSynthGlobals).sharedSynthProcess = child;
  process.env[SHARED_SYNTH_DIR_ENV] = dir;
  process.env[SHARED_SYNTH_PID_ENV] = String(child.pid);
  // While the shared synths run: the test files load cdktf and the providers from this bundle.
  ensurePackageBundle();
}
