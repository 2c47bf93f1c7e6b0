/**
 * The app command `cdktf synth` runs (cdktf.json "app"): brings `dist/` up to date with the
 * TypeScript sources (see tools/build.js: transpiles only the files that changed, and when none
 * did costs a few `stat`s), then runs the compiled app, `dist/main.js`.
 *
 * Run it from the project root, as cdktf does: the app resolves `config/platform.json` against
 * the working directory.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { DIST, ensureBuilt } = require('./build');

try {
  ensureBuilt();
} catch (e) {
  // As main.ts does on a failed synth: leave nothing deployable behind.
  fs.rmSync(process.env.CDKTF_OUTDIR ?? 'cdktf.out', { recursive: true, force: true });
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}

require(path.join(DIST, 'main.js'));
