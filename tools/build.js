/**
 * Transpiles the project's TypeScript to JavaScript in `dist/`, mirroring the source tree, with
 * `typescript.transpileModule`: file by file, no type-check (`tsc --noEmit` in `npm test` does
 * that), so the whole tree takes well under a second and the app starts without a transpiler.
 *
 * Sources: every `.ts` file under the project root except `*.d.ts`, `*.test.ts`, the root `test/`
 * folder and generated or dependency folders; `.json` files in source folders are copied, so
 * JSON imports keep working. Compiler options come from `tsconfig.json`.
 *
 * `dist/.build-manifest.json` records each source's mtime at its last transpile. A source is stale
 * when its mtime differs from the recorded one or its output is missing; a change to
 * `tsconfig.json` or to this file makes everything stale; outputs of deleted sources are removed.
 * The no-change check reads one small file and stats each source, and never loads TypeScript.
 *
 *   node tools/build.js                 rebuild dist/ from scratch (npm run compile)
 *   node tools/build.js --if-stale      transpile only what changed (what tools/app.js does)
 *   node tools/build.js --outdir DIR    rebuild into DIR instead of dist/
 *   node tools/build.js --list          print the sources as JSON
 *   node tools/build.js --stale-check   print the no-change check's verdict and in-process time as JSON
 */
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const MANIFEST = '.build-manifest.json';
/** Folders never searched for sources, at any depth. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'cdktf.out', 'coverage', 'bench-results', '__snapshots__']);
/** Folders of the project root that hold no app sources. */
const SKIPPED_ROOT_DIRS = new Set(['test']);
/** Files whose change invalidates every output. */
const BUILD_INPUTS = ['tsconfig.json', 'tools/build.js'];

/**
 * The project's sources, as sorted root-relative paths with `/` separators: `ts` to transpile,
 * `json` to copy.
 */
function listSources(root = ROOT, outdir = DIST) {
  const ts = [];
  const json = [];
  const skipAbs = path.resolve(outdir);
  const walk = (dir, rel) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const name = entry.name;
      const abs = path.join(dir, name);
      const relPath = rel ? `${rel}/${name}` : name;
      if (entry.isDirectory()) {
        if (name.startsWith('.') || SKIPPED_DIRS.has(name) || abs === skipAbs) continue;
        if (!rel && SKIPPED_ROOT_DIRS.has(name)) continue;
        walk(abs, relPath);
      } else if (entry.isFile()) {
        if (name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.test.ts')) ts.push(relPath);
        // Root-level JSON is project metadata (package.json, tsconfig.json, cdktf.json), not app data.
        else if (name.endsWith('.json') && rel) json.push(relPath);
      }
    }
  };
  walk(root, '');
  return { ts: ts.sort(), json: json.sort() };
}

/** The output path of a root-relative source path: `a/b.ts` becomes `<outdir>/a/b.js`. */
function outputPath(source, outdir = DIST) {
  return path.join(outdir, ...source.replace(/\.ts$/, '.js').split('/'));
}

function mtimeOf(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function readManifest(outdir) {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, MANIFEST), 'utf8'));
    return manifest && typeof manifest.sources === 'object' ? manifest : undefined;
  } catch {
    return undefined;
  }
}

function buildInputsKey(root) {
  return BUILD_INPUTS.map((file) => `${file}@${mtimeOf(path.join(root, file))}`).join(',');
}

/**
 * What an incremental build has to do: `stale` sources (root-relative) to transpile or copy, and
 * `removed` sources whose outputs must go. Touches only the manifest and `stat`s.
 */
function staleSources(root = ROOT, outdir = DIST) {
  const sources = listSources(root, outdir);
  const manifest = readManifest(outdir);
  const all = [...sources.ts, ...sources.json];
  const current = new Set(all);
  const removed = manifest ? Object.keys(manifest.sources).filter((source) => !current.has(source)) : [];
  if (!manifest || manifest.inputs !== buildInputsKey(root)) {
    // No record of the last build (or its inputs changed): everything is stale. Without a
    // manifest, outputs of deleted sources are unknown, so an incremental build starts clean.
    return { sources, stale: all, removed, full: true, clean: !manifest };
  }
  const stale = all.filter((source) => {
    const recorded = manifest.sources[source];
    const output = source.endsWith('.ts') ? outputPath(source, outdir) : path.join(outdir, ...source.split('/'));
    return recorded === undefined || recorded !== mtimeOf(path.join(root, source)) || mtimeOf(output) === undefined;
  });
  return { sources, stale, removed, full: false, clean: false };
}

/** Writes through a temporary file and a rename, so a concurrent reader never sees half a file. */
function writeAtomic(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function compilerOptions(ts, root) {
  const configFile = path.join(root, 'tsconfig.json');
  const read = ts.readConfigFile(configFile, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const { options, errors } = ts.convertCompilerOptionsFromJson(read.config.compilerOptions ?? {}, root, configFile);
  if (errors.length > 0)
    throw new Error(errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n')).join('\n'));
  return {
    ...options,
    noEmit: false,
    declaration: false,
    inlineSourceMap: false,
    composite: false,
    incremental: false,
  };
}

/** Transpiles one source; returns its syntax errors (empty when it wrote the output). */
function transpileOne(ts, options, root, outdir, source) {
  const file = path.join(root, source);
  const out = outputPath(source, outdir);
  const result = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: options,
    reportDiagnostics: true,
  });
  const errors = (result.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    return errors.map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const position = where ? `:${where.line + 1}:${where.character + 1}` : '';
      return `${source}${position}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  }
  if (result.sourceMapText) {
    const map = JSON.parse(result.sourceMapText);
    map.sources = [path.relative(path.dirname(out), file).split(path.sep).join('/')];
    writeAtomic(`${out}.map`, JSON.stringify(map));
  }
  writeAtomic(out, result.outputText);
  return [];
}

function removeOutputs(outdir, source) {
  const out = source.endsWith('.ts') ? outputPath(source, outdir) : path.join(outdir, ...source.split('/'));
  fs.rmSync(out, { force: true });
  fs.rmSync(`${out}.map`, { force: true });
}

/**
 * Builds `outdir` from the sources under `root`: everything when `clean` (the folder is emptied
 * first), else only what {@link staleSources} names. Throws an Error listing every syntax error;
 * sources that failed keep no manifest entry, so the next build retries them.
 */
function build({ root = ROOT, outdir = DIST, clean = true } = {}) {
  if (clean) fs.rmSync(outdir, { recursive: true, force: true });
  const plan = staleSources(root, outdir);
  const previous = clean || plan.full ? undefined : readManifest(outdir);
  const recorded = previous ? { ...previous.sources } : {};
  for (const source of plan.removed) {
    removeOutputs(outdir, source);
    delete recorded[source];
  }
  const errors = [];
  const tsSources = plan.stale.filter((s) => s.endsWith('.ts'));
  // Loading TypeScript is most of a small build's cost: only when there is something to transpile.
  const ts = tsSources.length > 0 ? require('typescript') : undefined;
  const options = ts ? compilerOptions(ts, root) : undefined;
  for (const source of plan.stale) {
    const mtime = mtimeOf(path.join(root, source));
    const problems = source.endsWith('.ts')
      ? transpileOne(ts, options, root, outdir, source)
      : (writeAtomic(path.join(outdir, ...source.split('/')), fs.readFileSync(path.join(root, source))), []);
    if (problems.length > 0) {
      errors.push(...problems);
      delete recorded[source];
    } else {
      recorded[source] = mtime;
    }
  }
  writeAtomic(
    path.join(outdir, MANIFEST),
    `${JSON.stringify({ inputs: buildInputsKey(root), sources: recorded }, null, 1)}\n`,
  );
  if (errors.length > 0) {
    throw new Error(`TypeScript syntax errors, ${errors.length}:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  }
  return { transpiled: tsSources.length, copied: plan.stale.length - tsSources.length, removed: plan.removed.length };
}

/** Brings `dist/` up to date; does nothing but `stat`s when it already is. */
function ensureBuilt(options = {}) {
  const root = options.root ?? ROOT;
  const outdir = options.outdir ?? DIST;
  const plan = staleSources(root, outdir);
  if (plan.stale.length === 0 && plan.removed.length === 0) return { transpiled: 0, copied: 0, removed: 0 };
  return build({ root, outdir, clean: plan.clean });
}

function main(argv) {
  const flag = (name) => argv.includes(name);
  const outdirAt = argv.indexOf('--outdir');
  const outdir = outdirAt >= 0 ? path.resolve(argv[outdirAt + 1] ?? '') : DIST;
  if (outdirAt >= 0 && !argv[outdirAt + 1]) throw new Error('--outdir needs a folder');
  if (flag('--list')) {
    process.stdout.write(`${JSON.stringify(listSources(ROOT, outdir))}\n`);
  } else if (flag('--stale-check')) {
    const start = process.hrtime.bigint();
    const plan = staleSources(ROOT, outdir);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const sources = plan.sources.ts.length + plan.sources.json.length;
    process.stdout.write(
      `${JSON.stringify({ sources, stale: plan.stale.length, removed: plan.removed.length, ms })}\n`,
    );
  } else {
    const start = process.hrtime.bigint();
    const done = flag('--if-stale') ? ensureBuilt({ outdir }) : build({ outdir, clean: true });
    const ms = Math.round(Number(process.hrtime.bigint() - start) / 1e6);
    const where = path.relative(ROOT, outdir) || '.';
    process.stdout.write(
      `${where}: transpiled ${done.transpiled}, copied ${done.copied}, removed ${done.removed} in ${ms} ms\n`,
    );
  }
}

module.exports = { ROOT, DIST, listSources, outputPath, staleSources, build, ensureBuilt };

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
