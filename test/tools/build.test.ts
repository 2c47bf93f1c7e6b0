/**
 * tools/build.js on a throwaway project tree: full build, the no-change fast path, and what an
 * incremental build redoes after an edit, an added file, a deleted file and a syntax error.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

interface Done {
  transpiled: number;
  copied: number;
  removed: number;
}
interface BuildModule {
  listSources(root: string, outdir: string): { ts: string[]; json: string[] };
  outputPath(source: string, outdir: string): string;
  staleSources(root: string, outdir: string): { stale: string[]; removed: string[] };
  build(options: { root: string; outdir: string; clean?: boolean }): Done;
  ensureBuilt(options: { root: string; outdir: string }): Done;
}

const { listSources, outputPath, staleSources, build, ensureBuilt } =
  jest.requireActual<BuildModule>('../../tools/build');

let root: string;
let outdir: string;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

/** Moves a file's mtime, as an edit would, without depending on the clock's resolution. */
function touch(file: string, secondsLater: number): void {
  const when = Date.now() / 1000 + secondsLater;
  utimesSync(path.join(root, file), when, when);
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'build-test-'));
  outdir = path.join(root, 'dist');
  write(
    'tsconfig.json',
    JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'ES2022', sourceMap: true } }),
  );
  write('main.ts', "import { twice } from './lib/math';\nexport const four: number = twice(2);\n");
  write('lib/math.ts', 'export const twice = (n: number): number => n * 2;\n');
  write('lib/data.json', '{"a": 1}');
  write('lib/types.d.ts', 'export type T = string;\n');
  write('lib/math.test.ts', 'test("x", () => undefined);\n');
  write('test/main.test.ts', 'test("x", () => undefined);\n');
  write('node_modules/pkg/index.ts', 'export {};\n');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

test('lists sources, leaving out tests, declarations, node_modules and root-level JSON', () => {
  expect(listSources(root, outdir)).toEqual({ ts: ['lib/math.ts', 'main.ts'], json: ['lib/data.json'] });
  expect(outputPath('lib/math.ts', outdir)).toBe(path.join(outdir, 'lib', 'math.js'));
});

test('a full build writes runnable JavaScript with source maps; a second check finds nothing to do', () => {
  expect(build({ root, outdir })).toEqual({ transpiled: 2, copied: 1, removed: 0 });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs the built output
  expect(require(path.join(outdir, 'main.js')).four).toBe(4);
  expect(JSON.parse(readFileSync(path.join(outdir, 'lib', 'math.js.map'), 'utf8')).sources).toEqual([
    '../../lib/math.ts',
  ]);
  expect(existsSync(path.join(outdir, 'lib', 'data.json'))).toBe(true);
  expect(staleSources(root, outdir)).toMatchObject({ stale: [], removed: [] });
  expect(ensureBuilt({ root, outdir })).toEqual({ transpiled: 0, copied: 0, removed: 0 });
});

test('an incremental build redoes only what changed and removes outputs of deleted sources', () => {
  build({ root, outdir });
  write('lib/math.ts', 'export const twice = (n: number): number => n + n;\n');
  touch('lib/math.ts', 5);
  write('lib/extra.ts', 'export const x = 1;\n');
  unlinkSync(path.join(root, 'main.ts'));
  expect(staleSources(root, outdir)).toMatchObject({ stale: ['lib/extra.ts', 'lib/math.ts'], removed: ['main.ts'] });
  expect(ensureBuilt({ root, outdir })).toEqual({ transpiled: 2, copied: 0, removed: 1 });
  expect(readFileSync(path.join(outdir, 'lib', 'math.js'), 'utf8')).toContain('n + n');
  expect(existsSync(path.join(outdir, 'main.js'))).toBe(false);
  expect(ensureBuilt({ root, outdir }).transpiled).toBe(0);
});

test('a missing output is rebuilt; a changed tsconfig.json rebuilds everything; no manifest rebuilds from scratch', () => {
  build({ root, outdir });
  unlinkSync(path.join(outdir, 'lib', 'math.js'));
  expect(ensureBuilt({ root, outdir }).transpiled).toBe(1);
  touch('tsconfig.json', 5);
  expect(ensureBuilt({ root, outdir })).toEqual({ transpiled: 2, copied: 1, removed: 0 });
  rmSync(path.join(outdir, '.build-manifest.json'));
  writeFileSync(path.join(outdir, 'orphan.js'), '');
  expect(ensureBuilt({ root, outdir })).toEqual({ transpiled: 2, copied: 1, removed: 0 });
  expect(existsSync(path.join(outdir, 'orphan.js'))).toBe(false);
});

test('a syntax error fails the build naming the file and line, and is retried next time', () => {
  build({ root, outdir });
  write('lib/math.ts', 'export const twice = (n: number) => {\n');
  touch('lib/math.ts', 5);
  expect(() => ensureBuilt({ root, outdir })).toThrow(/lib\/math\.ts:2:1: '}' expected/);
  expect(staleSources(root, outdir).stale).toEqual(['lib/math.ts']);
});
