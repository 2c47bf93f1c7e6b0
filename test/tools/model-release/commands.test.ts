/**
 * The `model` command: its usage errors, the one JSON line per verification and the exit codes;
 * and the one-file bundle a serving image runs with plain node, as the init container does.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { type CommandIo, runCommand } from '../../../tools/model-release/commands';
import { ecKeyPair, makeModel, removeTempDirs, tempDir } from '../../helpers/model-release-fixture';

const ROOT = path.resolve(__dirname, '../../..');
const NOW = new Date('2026-12-07T10:00:00Z');

afterEach(removeTempDirs);

async function run(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    env,
    now: () => NOW,
    fetch: (() => Promise.reject(new Error('no network in this test'))) as typeof fetch,
  };
  const code = await runCommand(args, io);
  return { code, out, err: err.join('\n') };
}

/** A model directory, its key files, and the trust file for its public key. */
function setup(curve = 'prime256v1') {
  const keys = ecKeyPair(curve);
  const files = tempDir();
  const privateKey = path.join(files, 'signing.pem');
  const publicKey = path.join(files, 'signing.pub.pem');
  writeFileSync(privateKey, keys.privatePem);
  writeFileSync(publicKey, keys.publicPem);
  return { dir: makeModel(), privateKey, publicKey, files };
}

test('sign prints one JSON line with the release digest; verify prints one line and exits 0', async () => {
  const { dir, privateKey, publicKey } = setup();
  const signed = await run([
    'sign', dir, '--key', privateKey, '--model', 'demo-model', '--version', '1.0.0',
    '--training-workspace', '/subscriptions/s/workspaces/w', '--training-run', 'job-7',
    '--publisher-azure-client-id', 'client-1', '--publisher-aws-role-arn', 'arn:aws:iam::111111111111:role/p',
  ]); // prettier-ignore
  expect(signed).toMatchObject({ code: 0, err: '' });
  const line = JSON.parse(signed.out[0]);
  expect(line).toMatchObject({
    event: 'model_release_signed',
    model: 'demo-model',
    version: '1.0.0',
    files: 5,
    time: '2026-12-07T10:00:00Z',
  });

  const verified = await run(['verify', dir, '--public-key', publicKey, '--model', 'demo-model', '--version', '1.0.0']);

  expect(verified).toMatchObject({ code: 0, err: '' });
  expect(verified.out).toHaveLength(1);
  expect(JSON.parse(verified.out[0])).toEqual({
    event: 'model_release_verification',
    outcome: 'verified',
    release_digest: line.release_digest,
    model: 'demo-model',
    version: '1.0.0',
    key_hint: line.key_hint,
    path: dir,
    time: '2026-12-07T10:00:00Z',
  });
});

test('a refusal prints one line with the reason, a message on stderr, and exits 1', async () => {
  const { dir, privateKey, publicKey } = setup('secp384r1');
  await run(['sign', dir, '--key', privateKey, '--model', 'demo-model', '--version', '1.0.0']);
  writeFileSync(path.join(dir, 'added.bin'), 'x');

  const refused = await run(['verify', dir, '--public-key', publicKey]);

  expect(refused.code).toBe(1);
  expect(refused.out).toHaveLength(1);
  expect(JSON.parse(refused.out[0])).toMatchObject({
    event: 'model_release_verification',
    outcome: 'refused',
    release_digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    model: 'demo-model',
    reason: 'files not in the signature: added.bin',
  });
  expect(refused.err).toBe(`model verify: ${dir} refused: files not in the signature: added.bin`);
});

test('a trust set that cannot be read refuses the release, with the line saying why', async () => {
  const { dir, privateKey, files } = setup();
  await run(['sign', dir, '--key', privateKey, '--model', 'demo-model', '--version', '1.0.0']);
  const trust = path.join(files, 'trust.json');
  writeFileSync(trust, '{"keys": []}');

  const refused = await run(['verify', dir, '--trust', trust]);
  const missing = await run(['verify', dir, '--trust', path.join(files, 'none.json')]);

  expect(refused.code).toBe(1);
  expect(JSON.parse(refused.out[0])).toMatchObject({
    outcome: 'refused',
    release_digest: null,
    reason: expect.stringContaining('with at least one key'),
  });
  expect(JSON.parse(missing.out[0])).toMatchObject({
    outcome: 'refused',
    reason: expect.stringMatching(/^trust set: ENOENT/),
  });
});

test.each([
  [[], 'model: give a command, sign or verify'],
  [['publish'], 'model: unknown command publish'],
  [['sign', 'dir', '--model', 'm'], 'model sign: give exactly one of --key and --key-vault-key; --version is required'],
  [
    ['sign', 'dir', '--key', 'k', '--key-vault-key', 'u', '--model', 'm', '--version', 'v'],
    'give exactly one of --key and --key-vault-key',
  ],
  [
    ['sign', 'dir', '--key', 'k', '--model', 'm', '--version', 'v', '--training-run', 'r'],
    'give --training-workspace and --training-run together',
  ],
  [['verify', 'dir'], 'model verify: give --public-key (one or more) or --trust, not both'],
  [['verify', 'a', 'b', '--trust', 't'], 'model verify: expected one model directory, got a b'],
  [['verify', 'dir', '--trust', 't', '--bogus'], "model verify: Unknown option '--bogus'"],
])('usage error %j: named, with the usage, exit 2, no log line', async (args, message) => {
  const result = await run(args);

  expect(result.code).toBe(2);
  expect(result.out).toEqual([]);
  expect(result.err).toContain(message);
  expect(result.err).toContain('usage:\n  model sign <dir>');
});

test('sign with a Key Vault key that cannot be reached fails with the cause, exit 1, nothing written', async () => {
  const { dir } = setup();

  const result = await run(
    ['sign', dir, '--key-vault-key', 'https://kv-x.vault.azure.net/keys/k', '--model', 'm', '--version', 'v'],
    {
      AZURE_ACCESS_TOKEN: 't',
    },
  );

  expect(result).toMatchObject({ code: 1, out: [], err: 'model sign: no network in this test' });
});

/** The init container's command as docs/model-release-format.md states it, one argument per element. */
function documentedInitCommand(): string[] {
  const doc = readFileSync(path.join(ROOT, 'docs/model-release-format.md'), 'utf8');
  const block = doc.match(/```sh\n(node \/opt\/model-release\/cli\.js verify[^`]*)```/);
  if (block === null) throw new Error('docs/model-release-format.md states no init container command');
  return block[1].replace(/\\\n/g, ' ').trim().split(/\s+/);
}

test("the bundle a serving image carries runs the docs' init container command with plain node, away from node_modules", () => {
  const { dir, privateKey, publicKey } = setup();
  const built = spawnSync('npm', ['run', '--silent', 'model:bundle'], { cwd: ROOT, encoding: 'utf8' });
  expect(built).toMatchObject({ status: 0, stderr: '' });
  const image = tempDir('model-release-image-');
  copyFileSync(path.join(ROOT, 'dist/model-release/cli.js'), path.join(image, 'cli.js'));
  const trust = path.join(image, 'trust.json');
  const pem = readFileSync(publicKey, 'utf8');
  writeFileSync(trust, JSON.stringify({ keys: [{ hint: createHash('sha256').update(pem).digest('hex'), pem }] }));
  const node = (args: string[]) =>
    spawnSync(process.execPath, [path.join(image, 'cli.js'), ...args], { cwd: image, encoding: 'utf8' });
  const substitutes: Record<string, string> = {
    '/opt/model-release/cli.js': path.join(image, 'cli.js'),
    '/models/<model>/<version>': dir,
    '/etc/model-release/trust.json': trust,
    '<model>': 'demo-model',
    '<version>': '1.0.0',
  };
  const [command, ...args] = documentedInitCommand().map((word) => substitutes[word] ?? word);
  expect(command).toBe('node');

  expect(node(['sign', dir, '--key', privateKey, '--model', 'demo-model', '--version', '1.0.0']).status).toBe(0);
  const verified = spawnSync(process.execPath, args, { cwd: image, encoding: 'utf8' });
  expect(verified).toMatchObject({ status: 0, stderr: '' });
  expect(JSON.parse(verified.stdout)).toMatchObject({
    event: 'model_release_verification',
    outcome: 'verified',
    model: 'demo-model',
  });
  writeFileSync(path.join(dir, 'config.json'), 'changed');
  expect(spawnSync(process.execPath, args, { cwd: image, encoding: 'utf8' })).toMatchObject({
    status: 1,
    stderr: expect.stringContaining('files changed since signing: config.json'),
  });
});

test('the log lines the docs show have the keys, in the order, that the verifier writes', async () => {
  const doc = readFileSync(path.join(ROOT, 'docs/model-release-format.md'), 'utf8');
  const shown = [...doc.matchAll(/^\{"event":"model_release_verification".*\}$/gm)].map((m) =>
    Object.keys(JSON.parse(m[0])),
  );
  const { dir, privateKey, publicKey } = setup();
  await run(['sign', dir, '--key', privateKey, '--model', 'demo-model', '--version', '1.0.0']);
  const verified = JSON.parse((await run(['verify', dir, '--public-key', publicKey])).out[0]);
  writeFileSync(path.join(dir, 'config.json'), 'changed');
  const refused = JSON.parse((await run(['verify', dir, '--public-key', publicKey])).out[0]);

  expect(shown).toEqual([Object.keys(verified), Object.keys(refused)]);
});
