// @ts-check
/**
 * Runs the app's bundle as `require` would, minus the cost `require` pays on every run
 * (docs/performance.md, "The app command"): V8 parses and compiles the whole file on each start.
 * Its code cache, written beside the bundle after the first successful run, lets the next runs
 * skip most of that. V8 checks a cache against its own version and flags and the source's length,
 * not its content, so each cache is named by the content hash of the bundle it was made from, and
 * a new build removes the old caches (tools/bundle.js).
 */
'use strict';

const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { createRequire } = require('module');

/**
 * Writes through a temporary file and a rename, so a concurrent run never reads half a cache.
 * @param {string} file
 * @param {Uint8Array} contents
 */
function writeAtomic(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

/**
 * Runs the CommonJS file `file` as the main program, with V8's code cache in `cacheFile`. A cache
 * that is missing or that V8 rejects (another Node.js version, other flags) is written when the
 * process exits with status 0, after the run: by then V8 has compiled the functions the run
 * called, so the cache holds them too. A run that fails leaves the cache as it was.
 * @param {string} file      the bundle
 * @param {string} cacheFile where its code cache is kept
 * @returns {boolean} whether V8 took the code cache
 */
function runBundle(file, cacheFile) {
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // CommonJS's wrapper on a line of its own, and the lines counted from the one after it: the
  // bundle's first line, which holds most of its code, keeps its columns for the source map.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {\n${fs.readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(wrapped, { filename: file, lineOffset: -1, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', (code) => {
      if (code !== 0) return;
      try {
        writeAtomic(cacheFile, script.createCachedData());
      } catch {
        // Only a cost: the next run compiles again and retries.
      }
    });
  }
  // The bundle requires only Node.js's own modules; the module object is what its wrapper expects.
  const main = { id: '.', filename: file, exports: {}, loaded: false };
  const run = script.runInThisContext();
  run.call(main.exports, main.exports, createRequire(file), main, file, path.dirname(file));
  return cachedData !== undefined && !script.cachedDataRejected;
}

/**
 * Makes stack traces name the TypeScript sources, through the bundle's source map, from the first
 * trace formatted on: source-map-support is loaded, and the map read, only then. Loading it up
 * front costs every run about 9 ms; `node --enable-source-maps` parses the whole map at start
 * (0.2 s and 70 MiB).
 */
function mapStackTracesOnDemand() {
  // A name, not a literal: the package ships no types, and only `install` is used.
  const SOURCE_MAP_SUPPORT = 'source-map-support';
  /** @type {(error: Error, frames: NodeJS.CallSite[]) => string} */
  const installThenFormat = (error, frames) => {
    /** @type {{ install(): void }} */
    const sourceMapSupport = require(SOURCE_MAP_SUPPORT);
    sourceMapSupport.install();
    // Installed already by someone else, it did not take over: format as V8 does.
    const format = Error.prepareStackTrace === installThenFormat ? undefined : Error.prepareStackTrace;
    if (!format) Reflect.deleteProperty(Error, 'prepareStackTrace');
    return format ? format(error, frames) : [String(error), ...frames.map((frame) => `    at ${frame}`)].join('\n');
  };
  Error.prepareStackTrace = installThenFormat;
}

module.exports = { mapStackTracesOnDemand, runBundle };
