/**
 * tools/bundle.js on a throwaway project: a bundle that runs and maps its stack traces back to
 * the TypeScript sources, and that stays fresh until a file it was made from changes.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { buildBundle, bundleFile, codeCacheFile, ensureBundle, isFresh } from '../../tools/bundle';

let root: string;
let outdir: string;

function write(file: string, text: string, at = root): void {
  mkdirSync(path.dirname(path.join(at, file)), { recursive: true });
  writeFileSync(path.join(at, file), text);
}

/** Past the bundler's timestamp slack: a file written just before a build counts as changing. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

/** Runs the bundle as tools/app.js does, with source-map-support installed. */
function run(env: Record<string, string> = {}) {
  return spawnSync(
    process.execPath,
    ['--require', require.resolve('source-map-support/register'), bundleFile(outdir)],
    {
      cwd: root,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    },
  );
}

/** Writes a throwaway project: an entry point, a module of its own and a package. */
function writeProject(): string {
  const at = mkdtempSync(path.join(tmpdir(), 'bundle-test-'));
  write(
    'main.ts',
    [
      "import { greet } from 'greeter';",
      "import { twice } from './lib/math';",
      'const four: number = twice(2);',
      "if (process.env.FAIL) throw new Error('failing on purpose');",
      'process.stdout.write(`${greet()} ${four}\\n`);',
      '',
    ].join('\n'),
    at,
  );
  write('lib/math.ts', 'export const twice = (n: number): number => n * 2;\n', at);
  write('node_modules/greeter/package.json', '{"name": "greeter", "main": "index.js"}', at);
  write('node_modules/greeter/index.js', "exports.greet = () => 'hello';\n", at);
  return at;
}

/**
 * A fresh project for each test (there are seven), all written before the first, so that one
 * wait past the timestamp slack covers them all. A test beyond these writes its own, and waits.
 */
const written: string[] = [];

beforeAll(async () => {
  for (let i = 0; i < 7; i++) written.push(writeProject());
  await settle();
});

beforeEach(async () => {
  const next = written.pop();
  root = next ?? writeProject();
  if (next === undefined) await settle();
  outdir = path.join(root, 'dist', 'app');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

afterAll(() => {
  for (const at of written) rmSync(at, { recursive: true, force: true });
});

test('bundles the sources and their packages into one file that runs', () => {
  const done = buildBundle({ root, outdir });

  expect(done).toMatchObject({ file: bundleFile(outdir), inputs: 3 });
  rmSync(path.join(root, 'node_modules'), { recursive: true });
  expect(run()).toMatchObject({ status: 0, stdout: 'hello 4\n' });
});

test("stack traces name the TypeScript source's file and line", () => {
  buildBundle({ root, outdir });

  const failed = run({ FAIL: '1' });

  expect(failed.status).not.toBe(0);
  expect(failed.stderr).toContain('Error: failing on purpose');
  expect(failed.stderr).toContain(`${path.join(root, 'main.ts')}:4:`);
});

test('is fresh after a build and stale after an edit, and a rebuild takes the edit in', async () => {
  expect(ensureBundle({ root, outdir }).built).toBe(true);
  expect(ensureBundle({ root, outdir }).built).toBe(false);

  write('lib/math.ts', 'export const twice = (n: number): number => n * 20;\n');
  await settle();

  expect(isFresh({ root, outdir })).toBe(false);
  expect(ensureBundle({ root, outdir }).built).toBe(true);
  expect(run().stdout).toBe('hello 40\n');
});

test('a changed package file, a deleted source or a missing bundle makes it stale', async () => {
  buildBundle({ root, outdir });
  write('node_modules/greeter/index.js', "exports.greet = () => 'hi';\n");
  await settle();
  expect(isFresh({ root, outdir })).toBe(false);

  buildBundle({ root, outdir });
  unlinkSync(path.join(root, 'lib', 'math.ts'));
  expect(isFresh({ root, outdir })).toBe(false);
  expect(() => ensureBundle({ root, outdir })).toThrow('Could not resolve "./lib/math"');

  write('lib/math.ts', 'export const twice = (n: number): number => n * 2;\n');
  await settle();
  buildBundle({ root, outdir });
  unlinkSync(bundleFile(outdir));
  expect(isFresh({ root, outdir })).toBe(false);
});

test('a file written just before the build counts as changed: the next run rebuilds', () => {
  write('lib/math.ts', 'export const twice = (n: number): number => n + n;\n');

  buildBundle({ root, outdir });

  expect(isFresh({ root, outdir })).toBe(false);
});

test('a syntax error fails the build with file, line and column, and keeps no record', () => {
  write('lib/math.ts', 'export const twice = (n: number): number => ;\n');

  expect(() => buildBundle({ root, outdir })).toThrow(/lib\/math\.ts:1:\d+: ERROR: Unexpected ";"/);
  expect(isFresh({ root, outdir })).toBe(false);
});

test("the code cache lies beside the bundle, whatever characters esbuild's base64 hash holds", () => {
  const file = path.join('/project', 'dist', 'app', 'main.js');
  for (const hash of ['GuJn4c/nmJE', 'X8+JyEZc9xw', 'a/b+c/d']) {
    const cache = codeCacheFile(file, hash);
    expect(path.dirname(cache)).toBe(path.dirname(file));
    expect(path.basename(cache)).toMatch(/^main\.js\.[A-Za-z0-9_-]+\.v8-cache$/);
  }
  expect(codeCacheFile(file, 'a/b')).not.toBe(codeCacheFile(file, 'a+b'));
});

test('the command line refuses unknown options', () => {
  const result = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'tools', 'bundle.js'), '--bogus'], {
    encoding: 'utf8',
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('usage: node tools/bundle.js [--outdir DIR]');
});
