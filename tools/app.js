/**
 * The app command `cdktf synth` runs (cdktf.json "app"): brings the esbuild bundle of the app up to
 * date (tools/bundle.js: rebuilt only when a file it was made from changed) and runs it through
 * V8's code cache (tools/run-bundle.js).
 *
 * Run it from the project root, as cdktf does: the app resolves `config/platform.json` against
 * the working directory.
 */
'use strict';

const fs = require('fs');
const { ensureBundle } = require('./bundle');
const { mapStackTracesOnDemand, runBundle } = require('./run-bundle');

let bundle;
try {
  bundle = ensureBundle();
} catch (e) {
  // As main.ts does on a failed synth: leave nothing deployable behind.
  fs.rmSync(process.env.CDKTF_OUTDIR ?? 'cdktf.out', { recursive: true, force: true });
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}

mapStackTracesOnDemand();
runBundle(bundle.file, bundle.codeCache);
