/**
 * The compat check's command line. The check itself installs packages and takes a minute: CI runs
 * it (`npm run compat:cdktn` in .ci/run); its logic is tested in the files beside this one.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.join(__dirname, '..', '..', '..');

test('an unknown option is refused with the usage, exit status 2, before any work', () => {
  const result = spawnSync(
    path.join(root, 'node_modules', '.bin', 'tsx'),
    [path.join(root, 'tools', 'cdktn', 'compat.ts'), '--bogus'],
    { cwd: root, encoding: 'utf8' },
  );

  expect(result.status).toBe(2);
  expect(result.stderr).toBe('unknown option --bogus\nusage: npm run compat:cdktn [-- --keep]\n');
  expect(result.stdout).toBe('');
});
