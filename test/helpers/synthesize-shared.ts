/**
 * Run by jest's global setup as a process of its own (`node --require tsx/cjs`): synthesizes each
 * shared config into `<dir>/<name>` while the test files already run, then marks it done
 * (`<name>.done`) or failed (`<name>.failed`, with the error), for `sharedSynthDir` to wait on.
 */
// First, as in main.ts: the synths below skip cdktf's token-creation stack traces.
import '../../stacks/skip-token-stack-traces';
import { writeFileSync } from 'fs';
import * as path from 'path';
import { SHARED_SYNTHS, sharedSynthMarks } from './shared-synth';
import { synthesizeInto } from './synth';

const dir = process.argv[2];
for (const [name, config] of Object.entries(SHARED_SYNTHS)) {
  const marks = sharedSynthMarks(dir, name);
  try {
    synthesizeInto(config(), path.join(dir, name));
    writeFileSync(marks.done, '');
  } catch (e) {
    writeFileSync(marks.failed, e instanceof Error ? (e.stack ?? e.message) : String(e));
  }
}
