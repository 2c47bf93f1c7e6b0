import { rmSync } from 'fs';
import { SHARED_SYNTH_DIR_ENV } from './shared-synth';

export default function globalTeardown(): void {
  const dir = process.env[SHARED_SYNTH_DIR_ENV];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
