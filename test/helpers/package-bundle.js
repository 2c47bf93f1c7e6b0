// @ts-check
/**
 * The packages the tests load most, cdktf with every provider class the project imports, and zod,
 * as esbuild bundles (`dist/test-packages/<name>/main.js`), built by jest's global setup when stale
 * (tools/bundle.js decides, as for the app's bundle).
 *
 * Why: jest gives each test file a module registry of its own, so every file that builds a stack
 * loads cdktf and the provider classes afresh, about 750 modules, each resolved, read and compiled
 * on its own: about 1.1 s per file. A bundle compiles in a fraction of that. jest.config.js maps
 * each of these specifiers to a small file under `dist/test-packages/modules/` that takes the
 * module from its bundle, so every import within a test file shares one copy of cdktf, as in the
 * app. A bundle's modules run only when first required: a test file pays only for the providers
 * it uses.
 *
 * The specifiers are those the project's sources write (a scan of their imports): a new deep import
 * joins the bundle on the next run. One jest never saw fails with jest's "Could not locate module
 * ... mapped as" naming it.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { TIMESTAMP_SLACK_MS, ensureBundle } = require('../../tools/bundle');

const ROOT = path.resolve(__dirname, '..', '..');
/** The folders whose sources are scanned for imports. */
const SOURCE_DIRS = ['config', 'constructs', 'stacks', 'tools', 'test'];
/**
 * The bundles, each with the specifiers it serves: cdktf with constructs and the provider
 * classes, which only come together; zod (the config schema) apart, for the many test files that
 * read a config but build no stack. jest.config.js maps exactly these specifiers.
 */
const BUNDLES = {
  // cdkt[fn]: cdktf's names and CDK Terrain's, to which `npm run compat:cdktn` moves a copy.
  cdktf: String.raw`cdkt[fn](?:/lib/[a-z0-9/-]+)?|constructs|@cdkt[fn]/provider-[a-z0-9-]+/lib/[a-z0-9-]+`,
  zod: String.raw`zod(?:/[a-z0-9/]+)?`,
};
const BUNDLED_SPECIFIER = Object.values(BUNDLES).join('|');
const BUNDLED = new RegExp(`^(?:${BUNDLED_SPECIFIER})$`);

/**
 * Every file under `dir` whose name ends in `.ts`, skipping `node_modules`.
 * @param {string} dir
 * @returns {string[]}
 */
function sourcesIn(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourcesIn(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

/**
 * The bundled specifiers `text` imports or requires.
 * @param {string} text
 * @returns {string[]}
 */
function importedSpecifiers(text) {
  const found = [];
  for (const match of text.matchAll(/(?:\bfrom\s+|\bimport\s+|\brequire\()\s*'([^']+)'/g)) {
    if (BUNDLED.test(match[1])) found.push(match[1]);
  }
  return found;
}

/**
 * Whether `specifier` names an installed module, seen from `root`.
 * @param {string} specifier
 * @param {string} root
 */
function resolves(specifier, root) {
  try {
    require.resolve(specifier, { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `text` to `file` unless it holds it already: an unchanged entry keeps its timestamps, and
 * so the bundle built from it stays fresh. Returns whether it wrote.
 * @param {string} file
 * @param {string} text
 */
function writeIfChanged(file, text) {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return true;
}

/**
 * Waits out the bundler's timestamp slack: a bundle built from a file written just before counts
 * that file as changing, and would be rebuilt on the next run although the file is whole.
 */
function settle() {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, TIMESTAMP_SLACK_MS + 10);
}

/**
 * Brings the package bundle and its module files up to date for the sources under `root`.
 * @param {string} [root]
 * @returns {{ specifiers: string[], built: boolean }}
 */
function ensurePackageBundle(root = ROOT) {
  const files = [path.join(root, 'main.ts'), ...SOURCE_DIRS.flatMap((dir) => sourcesIn(path.join(root, dir)))];
  const written = files.filter((f) => fs.existsSync(f)).flatMap((f) => importedSpecifiers(fs.readFileSync(f, 'utf8')));
  // Only what resolves: test sources also spell made-up specifiers, as data.
  const specifiers = [...new Set(written)].filter((s) => resolves(s, root)).sort();
  let built = false;
  for (const [name, pattern] of Object.entries(BUNDLES)) {
    const serves = new RegExp(`^(?:${pattern})$`);
    const outdir = path.join(root, 'dist', 'test-packages', name);
    const own = specifiers.filter((s) => serves.test(s));
    // Getters, so that a module runs when a test first asks for it, not when the bundle loads.
    const entry = [
      "'use strict';",
      ...own.map(
        (s) =>
          `Object.defineProperty(exports, ${JSON.stringify(s)}, { enumerable: true, get: () => require(${JSON.stringify(s)}) });`,
      ),
      '',
    ].join('\n');
    if (writeIfChanged(path.join(outdir, 'entry.js'), entry)) settle();
    built = ensureBundle({ root, outdir, entry: path.relative(root, path.join(outdir, 'entry.js')) }).built || built;
    for (const specifier of own) {
      const shim = path.join(root, 'dist', 'test-packages', 'modules', `${specifier}.js`);
      const bundle = path.relative(path.dirname(shim), path.join(outdir, 'main.js'));
      writeIfChanged(
        shim,
        `module.exports = require(${JSON.stringify(`./${bundle}`)})[${JSON.stringify(specifier)}];\n`,
      );
    }
  }
  return { specifiers, built };
}

module.exports = { BUNDLED_SPECIFIER, ensurePackageBundle, importedSpecifiers };
