/**
 * tools/run-bundle.js on a throwaway project: the bundle runs as the main program, its V8 code
 * cache is written after a successful run and used by the next, and stack traces still name the
 * TypeScript sources.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { buildBundle, ensureBundle } from '../../tools/bundle';

const RUN_BUNDLE = path.join(__dirname, '..', '..', 'tools', 'run-bundle.js');

let root: string;
let outdir: string;

function write(file: string, text: string | Buffer): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

/** Runs the bundle as tools/app.js does; prints to stderr whether V8 took the code cache. */
function run(file: string, cache: string, env: Record<string, string> = {}) {
  const script = [
    `const { mapStackTracesOnDemand, runBundle } = require(${JSON.stringify(RUN_BUNDLE)});`,
    'mapStackTracesOnDemand();',
    `const used = runBundle(${JSON.stringify(file)}, ${JSON.stringify(cache)});`,
    "process.stderr.write(used ? 'cache used\\n' : 'cache not used\\n');",
  ].join('\n');
  return spawnSync(process.execPath, ['-e', script], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'run-bundle-test-'));
  outdir = path.join(root, 'dist', 'app');
  write(
    'main.ts',
    [
      "import { twice } from './lib/math';",
      '// A comment with a non-ASCII character: café. The bundle drops comments.',
      'const four: number = twice(2);',
      "if (process.env.FAIL) throw new Error('failing on purpose');",
      "process.stdout.write(`${four} ${'naïve'}\\n`);",
      '',
    ].join('\n'),
  );
  write('lib/math.ts', 'export const twice = (n: number): number => n * 2;\n');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

test('runs the bundle, writes its code cache after the first good run, and the next run uses it', () => {
  const { file, codeCache } = ensureBundle({ root, outdir });
  expect(readFileSync(file).every((byte) => byte < 0x80)).toBe(true);

  const first = run(file, codeCache);
  expect(first).toMatchObject({ status: 0, stdout: '4 naïve\n', stderr: 'cache not used\n' });
  expect(existsSync(codeCache)).toBe(true);

  const second = run(file, codeCache);
  expect(second).toMatchObject({ status: 0, stdout: '4 naïve\n', stderr: 'cache used\n' });
});

test('a failed run writes no cache; a cache V8 rejects is replaced after the next good run', () => {
  const { file, codeCache } = ensureBundle({ root, outdir });

  expect(run(file, codeCache, { FAIL: '1' }).status).not.toBe(0);
  expect(existsSync(codeCache)).toBe(false);

  writeFileSync(codeCache, 'not a code cache');
  expect(run(file, codeCache)).toMatchObject({ status: 0, stderr: 'cache not used\n' });
  expect(readFileSync(codeCache, 'utf8')).not.toBe('not a code cache');
  expect(run(file, codeCache).stderr).toBe('cache used\n');
});

test('a new build names a new cache and removes the old one', () => {
  const before = ensureBundle({ root, outdir });
  run(before.file, before.codeCache);
  expect(existsSync(before.codeCache)).toBe(true);

  write('lib/math.ts', 'export const twice = (n: number): number => n * 20;\n');
  const rebuilt = buildBundle({ root, outdir });

  expect(existsSync(before.codeCache)).toBe(false);
  expect(rebuilt.hash).not.toBe('');
  const after = ensureBundle({ root, outdir });
  expect(after.codeCache).not.toBe(before.codeCache);
  expect(path.basename(after.codeCache)).toBe(`main.js.${rebuilt.hash}.v8-cache`);
  expect(run(after.file, after.codeCache).stdout).toBe('40 naïve\n');
});

test("stack traces name the TypeScript source's file and line", () => {
  const { file, codeCache } = ensureBundle({ root, outdir });

  const failed = run(file, codeCache, { FAIL: '1' });

  expect(failed.status).not.toBe(0);
  expect(failed.stderr).toContain('Error: failing on purpose');
  expect(failed.stderr).toContain(`${path.join(root, 'main.ts')}:4:`);
});
