/**
 * Which files a model is made of, and in which order, as the reference finds and sorts them.
 */
import { execFileSync } from 'child_process';
import { mkdirSync, symlinkSync } from 'fs';
import * as path from 'path';
import { ModelDirectoryError, listModelFiles } from '../../../tools/model-release/model-files';
import { comparePosixPaths, normalizeIgnorePath } from '../../../tools/model-release/posix-path';
import { GIT_PATHS, SIGNED_IGNORE_PATHS } from '../../../tools/model-release/statement';
import { removeTempDirs, tempDir, writeFiles } from '../../helpers/model-release-fixture';

afterEach(removeTempDirs);

test('paths sort component by component, by code point, as PurePosixPath sorts', () => {
  const names = ['a.txt', 'a/b', 'B', 'a', 'a/a/z', 'é', '😀', '\uffff', 'a-b'];

  expect([...names].sort(comparePosixPaths)).toEqual(['B', 'a', 'a/a/z', 'a/b', 'a-b', 'a.txt', 'é', '\uffff', '😀']);
});

test('ignore entries are joined to the root without resolving ..: ./a/ is a, ../x and /x match nothing, . is the root', () => {
  expect(['./a/', 'a//b', '../x', 'a/../b', '/etc', '.', ''].map(normalizeIgnorePath)).toEqual([
    'a',
    'a/b',
    undefined,
    undefined,
    undefined,
    '',
    '',
  ]);
});

test('every file: nested, hidden and empty ones; the top-level git paths and model.sig skipped, a nested .git kept', async () => {
  const root = tempDir();
  writeFiles(root, {
    'a.txt': 'a',
    'a/b': 'b',
    '.hidden': '',
    'sub/.cache/w.bin': 'w',
    'sub/.git/HEAD': 'nested',
    '.git/HEAD': 'top',
    '.github/workflows/x.yml': 'x',
    '.gitattributes': '*',
    '.gitignore': '*',
    'model.sig': '{}',
  });
  mkdirSync(path.join(root, 'empty-dir'));

  expect(await listModelFiles(root, { ignore: SIGNED_IGNORE_PATHS })).toEqual([
    '.hidden',
    'a/b',
    'a.txt',
    'sub/.cache/w.bin',
    'sub/.git/HEAD',
  ]);
  expect(await listModelFiles(root, { ignore: GIT_PATHS })).toContain('model.sig');
});

test('symlinks: refused by default; allowed, a linked file counts under its own name and a linked directory adds nothing', async () => {
  const root = tempDir();
  writeFiles(root, { f: 'a', 'realdir/g': 'in' });
  symlinkSync('f', path.join(root, 'linkf'));
  symlinkSync('realdir', path.join(root, 'linkdir'));

  await expect(listModelFiles(root)).rejects.toThrow(ModelDirectoryError);
  // The reference (Python 3.11, model-transparency e3430730) lists ['f', 'linkf', 'realdir/g'] for this tree.
  expect(await listModelFiles(root, { allowSymlinks: true })).toEqual(['f', 'linkf', 'realdir/g']);
  symlinkSync('missing', path.join(root, 'broken'));
  await expect(listModelFiles(root, { allowSymlinks: true })).rejects.toThrow('broken is a broken symlink');
});

test('a special file, a missing root and a file as root are refused', async () => {
  const root = tempDir();
  execFileSync('mkfifo', [path.join(root, 'pipe')]);

  await expect(listModelFiles(root)).rejects.toThrow('pipe is neither a file nor a directory');
  await expect(listModelFiles(path.join(root, 'nope'))).rejects.toThrow('no such directory');
  writeFiles(root, { file: 'x' });
  await expect(listModelFiles(path.join(root, 'file'))).rejects.toThrow('is not a directory');
});
