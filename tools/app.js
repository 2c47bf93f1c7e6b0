/**
 * The app command `cdktf synth` runs (cdktf.json "app"): brings the esbuild bundle of the app up to
 * date (tools/bundle.js: rebuilt only when a file it was made from changed) and runs it.
 *
 * Run it from the project root, as cdktf does: the app resolves `config/platform.json` against
 * the working directory.
 */
'use strict';

const fs = require('fs');
const { ensureBundle } = require('./bundle');

let bundle;
try {
  bundle = ensureBundle();
} catch (e) {
  // As main.ts does on a failed synth: leave nothing deployable behind.
  fs.rmSync(process.env.CDKTF_OUTDIR ?? 'cdktf.out', { recursive: true, force: true });
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}

// Stack traces name the TypeScript sources, through the bundle's source map, read only when a
// trace is printed: `node --enable-source-maps` parses the whole map at load, which costs every
// run 0.2 s and 70 MiB.
require('source-map-support').install();
require(bundle.file);
