import { commandArgv, displayCommand } from '../../../tools/bench/command';

describe('commandArgv', () => {
  test('splits a plain command line into its words', () => {
    expect(commandArgv('node tools/app.js')).toEqual(['node', 'tools/app.js']);
    expect(commandArgv('node --require ts-node/register/transpile-only main.ts')).toEqual([
      'node',
      '--require',
      'ts-node/register/transpile-only',
      'main.ts',
    ]);
  });

  test('hands anything with shell syntax to sh -c', () => {
    expect(commandArgv('npm run bundle && node dist/app/main.js')).toEqual([
      'sh',
      '-c',
      'npm run bundle && node dist/app/main.js',
    ]);
    expect(commandArgv("node -e 'x'")).toEqual(['sh', '-c', "node -e 'x'"]);
  });
});

describe('displayCommand', () => {
  test('shortens node, the project root and the temporary folder; quotes what needs it', () => {
    const argv = [process.execPath, '/repo/tools/app.js', '--output', '/tmp/b-1/out/cdktf.out', 'a b'];
    expect(displayCommand(argv, '/repo', '/tmp/b-1')).toBe("node tools/app.js --output <tmp>/out/cdktf.out 'a b'");
    expect(displayCommand(['npm', 'test', '--', '--cacheDirectory=/tmp/b-1/jest'], '/repo', '/tmp/b-1')).toBe(
      'npm test -- --cacheDirectory=<tmp>/jest',
    );
  });
});
