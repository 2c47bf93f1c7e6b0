// @ts-check
/**
 * Bundles the app with esbuild: `main.ts` and everything it imports, the cdktf library and the
 * provider classes included, into one CommonJS file, `dist/app/main.js`, with a linked source map.
 * One file loads faster and in less memory than the tree of modules it replaces (docs/performance.md).
 *
 * A full bundle takes about 0.7 s, longer than the synth it serves, so the app command
 * (tools/app.js) rebuilds only when the bundle is stale. esbuild's metafile names every file the
 * bundle was made from; the build records each one's size, mtime and ctime, and those of the files
 * that steer the build without being bundled ({@link BUILD_INPUTS}). The bundle is fresh when every
 * recorded file is unchanged. ctime is there because every write or replacement of a file sets it
 * and nothing can set it back: npm installs package files with a fixed old mtime, but a new ctime.
 * A new file can only enter the bundle through an edit to a file already in it.
 *
 *   node tools/bundle.js                build now, stale or not (npm run bundle)
 *   node tools/bundle.js --outdir DIR   build into DIR instead of dist/app
 */
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_OUTDIR = path.join(ROOT, 'dist', 'app');
const MANIFEST = 'inputs.json';
/** Files, root-relative, that change the bundle without being part of it. */
const BUILD_INPUTS = [
  'tools/bundle.js',
  'tsconfig.json',
  'package.json',
  'node_modules/.package-lock.json',
  'node_modules/esbuild/package.json',
];
/**
 * A file changed this close before the build started may have changed while esbuild read it
 * (file timestamps are coarser than the clock): it is recorded as changed, so the next run rebuilds.
 */
const TIMESTAMP_SLACK_MS = 100;

/**
 * @typedef {object} BundleOptions
 * @property {string} [root]    the project root (default: this repository)
 * @property {string} [outdir]  where the bundle goes (default: `dist/app`)
 * @property {string} [entry]   the entry point, relative to `root` (default: `main.ts`)
 */

/** How the V8 code caches of the bundle (tools/run-bundle.js) end. */
const CODE_CACHE_SUFFIX = '.v8-cache';

/**
 * The bundle's path under `outdir`.
 * @param {string} [outdir]
 */
function bundleFile(outdir = DEFAULT_OUTDIR) {
  return path.join(outdir, 'main.js');
}

/**
 * A file's size, mtime and ctime, or `missing`.
 * @param {string} file
 */
function signature(file) {
  try {
    const stat = fs.statSync(file);
    return `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
  } catch {
    return 'missing';
  }
}

/**
 * Writes through a temporary file and a rename, so a concurrent reader never sees half a file.
 * @param {string} file
 * @param {string | Uint8Array} contents
 */
function writeAtomic(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

/**
 * Builds the bundle, stale or not, and records what it was made from.
 * Throws esbuild's error, naming file, line and column of every problem, when the sources do not parse.
 * @param {BundleOptions} [options]
 * @returns {{ file: string, hash: string, inputs: number, ms: number }}
 */
function buildBundle({ root = ROOT, outdir = DEFAULT_OUTDIR, entry = 'main.ts' } = {}) {
  const started = Date.now();
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: bundleFile(outdir),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Without comments and indentation the file is a third smaller, so it reads faster; names
    // stay, and the map still points at every source line.
    minifyWhitespace: true,
    // The map names the TypeScript sources; their text stays in the files (a map 4x smaller).
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  /** @type {Record<string, string>} */
  const files = {};
  for (const input of [...Object.keys(result.metafile.inputs), ...BUILD_INPUTS]) {
    const file = path.join(root, input);
    const changing = fs.existsSync(file) && fs.statSync(file).ctimeMs >= started - TIMESTAMP_SLACK_MS;
    files[input] = changing ? 'changed during the build' : signature(file);
  }
  // The map first and the manifest last: a reader that finds the manifest finds a whole bundle.
  const outputs = [...result.outputFiles].sort(
    (a, b) => Number(b.path.endsWith('.map')) - Number(a.path.endsWith('.map')),
  );
  const hash = outputs.find((o) => o.path === bundleFile(outdir))?.hash ?? '';
  for (const output of outputs) writeAtomic(output.path, output.contents);
  // Code caches of earlier bundles can never be used again.
  for (const name of fs.readdirSync(outdir)) if (name.endsWith(CODE_CACHE_SUFFIX)) fs.rmSync(path.join(outdir, name));
  writeAtomic(path.join(outdir, MANIFEST), `${JSON.stringify({ hash, files }, null, 1)}\n`);
  return {
    file: bundleFile(outdir),
    hash,
    inputs: Object.keys(result.metafile.inputs).length,
    ms: Date.now() - started,
  };
}

/**
 * The content hash of the bundle in `outdir` when it was built from the files as they are now,
 * else undefined. Reads one small file and `stat`s each input; never loads esbuild.
 * @param {BundleOptions} [options]
 * @returns {string | undefined}
 */
function freshHash({ root = ROOT, outdir = DEFAULT_OUTDIR } = {}) {
  /** @type {{ hash?: string, files?: Record<string, string> } | undefined} */
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(outdir, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
  const files = Object.entries(manifest?.files ?? {});
  const fresh =
    typeof manifest?.hash === 'string' &&
    manifest.hash !== '' &&
    files.length > 0 &&
    fs.existsSync(bundleFile(outdir)) &&
    files.every(([input, recorded]) => signature(path.join(root, input)) === recorded);
  return fresh ? manifest?.hash : undefined;
}

/**
 * Whether the bundle in `outdir` was built from the files as they are now.
 * @param {BundleOptions} [options]
 */
function isFresh(options = {}) {
  return freshHash(options) !== undefined;
}

/**
 * Brings the bundle up to date: builds it when it is not fresh.
 * @param {BundleOptions} [options]
 * @returns {{ file: string, built: boolean, codeCache: string }} the bundle, whether it was built
 *   now, and where its V8 code cache belongs
 */
function ensureBundle(options = {}) {
  const fresh = freshHash(options);
  const built = fresh === undefined ? buildBundle(options) : undefined;
  const file = bundleFile(options.outdir);
  return { file, built: built !== undefined, codeCache: codeCacheFile(file, fresh ?? built?.hash ?? '') };
}

/**
 * Where the V8 code cache of the bundle `file` with content hash `hash` belongs: beside it, named
 * by the hash. esbuild's hashes are base64, so a `/` in one becomes `_` (and `+` becomes `-`):
 * else the name would point into a folder that does not exist, and no cache would ever be kept.
 * @param {string} file
 * @param {string} hash
 */
function codeCacheFile(file, hash) {
  const name = hash.replace(/\//g, '_').replace(/\+/g, '-');
  return `${file}.${name}${CODE_CACHE_SUFFIX}`;
}

/** @param {string[]} argv */
function main(argv) {
  const at = argv.indexOf('--outdir');
  const rest = at >= 0 ? [...argv.slice(0, at), ...argv.slice(at + 2)] : argv;
  if (rest.length > 0 || (at >= 0 && !argv[at + 1])) throw new Error('usage: node tools/bundle.js [--outdir DIR]');
  const outdir = at >= 0 ? path.resolve(argv[at + 1]) : DEFAULT_OUTDIR;
  const done = buildBundle({ outdir });
  const shown = done.file.startsWith(`${ROOT}${path.sep}`) ? path.relative(ROOT, done.file) : done.file;
  process.stdout.write(`${shown}: ${done.inputs} inputs in ${done.ms} ms\n`);
}

module.exports = {
  ROOT,
  DEFAULT_OUTDIR,
  TIMESTAMP_SLACK_MS,
  bundleFile,
  buildBundle,
  codeCacheFile,
  isFresh,
  ensureBundle,
};

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
