import { once } from 'events';
import { rmSync } from 'fs';
import type { SharedSynthGlobals } from './global-setup';
import { SHARED_SYNTH_DIR_ENV } from './shared-synth';

export default async function globalTeardown(): Promise<void> {
  // Still running when the run ends first: a filtered run may never read some shared synth.
  const child = (globalThis as SharedSynthGlobals).sharedSynthProcess;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill();
    await exited;
  }
  const dir = process.env[SHARED_SYNTH_DIR_ENV];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
