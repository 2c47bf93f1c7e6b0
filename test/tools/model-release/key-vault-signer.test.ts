/**
 * The Key Vault signer against a local server that implements the two Key Vault operations it
 * uses, `GET keys/{name}[/{version}]` and `POST keys/{name}/{version}/sign`, with a key the test
 * makes: the server signs the digest it is sent and answers r‖s, base64url, as Key Vault does.
 */
import { type KeyObject, createHash, generateKeyPairSync } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import { type Server, createServer } from 'http';
import { type AddressInfo } from 'net';
import { pae } from '../../../tools/model-release/dsse';
import {
  KEY_VAULT_API_VERSION,
  keyVaultSigner,
  parseKeyVaultKeyId,
} from '../../../tools/model-release/key-vault-signer';
import { signRelease } from '../../../tools/model-release/sign';
import { trustPublicKeys } from '../../../tools/model-release/trust';
import { verifyRelease } from '../../../tools/model-release/verify';
import { signDigestP1363 } from '../../helpers/ecdsa-digest';
import { makeModel, removeTempDirs } from '../../helpers/model-release-fixture';

const VERSION = '0123456789abcdef0123456789abcdef';
const TOKEN = 'test-access-token';
const LINEAGE = {
  model: 'demo-model',
  version: '1.0.0',
  training_run: null,
  publisher: { azure_client_id: null, aws_role_arn: null },
};

interface Request {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

interface FakeVault {
  readonly origin: string;
  readonly requests: Request[];
  /** Replaces the vault's answer to sign, e.g. with a wrong length. */
  signAnswer?: (digest: Buffer) => string;
  close(): Promise<void>;
}

/** A fake vault holding one key, `release-signing` at {@link VERSION}. */
async function fakeVault(privateKey: KeyObject, publicKey: KeyObject, keyOps = ['sign', 'verify']): Promise<FakeVault> {
  const requests: Request[] = [];
  const vault: FakeVault = {
    origin: '',
    requests,
    close: () =>
      new Promise((resolve) => {
        // fetch keeps connections alive; the server would wait on them, and jest's worker with it.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const url = new URL(req.url!, vault.origin);
      requests.push({
        method: req.method!,
        path: url.pathname,
        query: url.search,
        authorization: req.headers.authorization,
        body,
      });
      const reply = (status: number, json: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      const kid = `${vault.origin}/keys/release-signing/${VERSION}`;
      if (req.headers.authorization !== `Bearer ${TOKEN}`)
        return reply(401, { error: { code: 'Unauthorized', message: 'bad token' } });
      if (
        req.method === 'GET' &&
        ['/keys/release-signing', `/keys/release-signing/${VERSION}`].includes(url.pathname)
      ) {
        const { crv, x, y } = publicKey.export({ format: 'jwk' });
        return reply(200, { key: { kid, kty: 'EC-HSM', key_ops: keyOps, crv, x, y }, attributes: { enabled: true } });
      }
      if (req.method === 'POST' && url.pathname === `/keys/release-signing/${VERSION}/sign`) {
        const digest = Buffer.from((JSON.parse(body) as { value: string }).value, 'base64url');
        const value = vault.signAnswer?.(digest) ?? signDigestP1363(privateKey, digest).toString('base64url');
        return reply(200, { kid, value });
      }
      return reply(404, { error: { code: 'KeyNotFound', message: `no key at ${url.pathname}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (vault as { origin: string }).origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return vault;
}

let vault: FakeVault | undefined;
afterEach(async () => {
  await vault?.close();
  vault = undefined;
  removeTempDirs();
});

describe.each([
  ['P-256', 'prime256v1', 'ES256', 'sha256'],
  ['P-384', 'secp384r1', 'ES384', 'sha384'],
])('%s', (_name, curve, alg, hash) => {
  test('signs through the vault: the request shapes are Key Vault’s, and the release verifies with the vault key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
    vault = await fakeVault(privateKey, publicKey);
    const dir = makeModel();

    const signer = await keyVaultSigner({ keyId: `${vault.origin}/keys/release-signing`, token: async () => TOKEN });
    await signRelease(dir, signer, { lineage: LINEAGE });

    const [get, post, ...rest] = vault.requests;
    expect(rest).toEqual([]);
    expect(get).toMatchObject({
      method: 'GET',
      path: '/keys/release-signing',
      query: `?api-version=${KEY_VAULT_API_VERSION}`,
      authorization: `Bearer ${TOKEN}`,
    });
    expect(post).toMatchObject({
      method: 'POST',
      path: `/keys/release-signing/${VERSION}/sign`,
      query: '?api-version=7.4',
      authorization: `Bearer ${TOKEN}`,
    });
    const body = JSON.parse(post.body);
    expect(Object.keys(body).sort()).toEqual(['alg', 'value']);
    expect(body.alg).toBe(alg);
    expect(body.value).toMatch(/^[A-Za-z0-9_-]+$/);
    const bundle = JSON.parse(readFileSync(`${dir}/model.sig`, 'utf8'));
    const message = pae(Buffer.from(bundle.dsseEnvelope.payload, 'base64'));
    expect(Buffer.from(body.value, 'base64url')).toEqual(createHash(hash).update(message).digest());
    expect(signer.description).toBe(`${vault.origin}/keys/release-signing/${VERSION}`);

    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(await verifyRelease(dir, trustPublicKeys([pem]))).toMatchObject({ outcome: 'verified' });
  });
});

test('a key id with a version reads that version', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  vault = await fakeVault(privateKey, publicKey);

  await keyVaultSigner({ keyId: `${vault.origin}/keys/release-signing/${VERSION}`, token: async () => TOKEN });

  expect(vault.requests.map((r) => r.path)).toEqual([`/keys/release-signing/${VERSION}`]);
});

test('a signature the vault answers with the wrong length, or one that does not verify, writes no bundle', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
  vault = await fakeVault(privateKey, publicKey);
  const dir = makeModel();
  const signer = await keyVaultSigner({ keyId: `${vault.origin}/keys/release-signing`, token: async () => TOKEN });

  vault.signAnswer = () => Buffer.alloc(70).toString('base64url');
  await expect(signRelease(dir, signer, { lineage: LINEAGE })).rejects.toThrow(
    'an r‖s signature of 64 bytes was expected, got 70',
  );
  vault.signAnswer = (digest) => signDigestP1363(other, digest).toString('base64url');
  await expect(signRelease(dir, signer, { lineage: LINEAGE })).rejects.toThrow(
    /does not verify with its public key: nothing written/,
  );
  expect(existsSync(`${dir}/model.sig`)).toBe(false);
});

test('vault errors name the operation, the status and the vault’s error code', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  vault = await fakeVault(privateKey, publicKey);

  await expect(
    keyVaultSigner({ keyId: `${vault.origin}/keys/release-signing`, token: async () => 'wrong' }),
  ).rejects.toThrow(`Key Vault GET ${vault.origin}/keys/release-signing: HTTP 401: Unauthorized bad token`);
  await expect(keyVaultSigner({ keyId: `${vault.origin}/keys/missing`, token: async () => TOKEN })).rejects.toThrow(
    /HTTP 404: KeyNotFound/,
  );
});

test('a key without the sign operation, or on another curve, is refused before signing', async () => {
  const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  vault = await fakeVault(p256.privateKey, p256.publicKey, ['verify']);
  await expect(
    keyVaultSigner({ keyId: `${vault.origin}/keys/release-signing`, token: async () => TOKEN }),
  ).rejects.toThrow('do not include sign');
  await vault.close();
  const p521 = generateKeyPairSync('ec', { namedCurve: 'secp521r1' });
  vault = await fakeVault(p521.privateKey, p521.publicKey);
  await expect(
    keyVaultSigner({ keyId: `${vault.origin}/keys/release-signing`, token: async () => TOKEN }),
  ).rejects.toThrow('the key must be EC P-256 or P-384, got an EC key on secp521r1');
});

test('key ids: https, or http on the loopback only; keys/<name>[/<version>]', () => {
  expect(parseKeyVaultKeyId('https://kv-x.vault.azure.net/keys/release-signing')).toEqual({
    vault: 'https://kv-x.vault.azure.net',
    name: 'release-signing',
  });
  expect(parseKeyVaultKeyId(`https://kv-x.vault.azure.net/keys/release-signing/${VERSION}`)).toMatchObject({
    version: VERSION,
  });
  for (const bad of [
    'http://kv-x.vault.azure.net/keys/k',
    'https://kv-x.vault.azure.net/secrets/k',
    'https://kv-x.vault.azure.net/keys',
    'kv-x',
  ]) {
    expect(() => parseKeyVaultKeyId(bad)).toThrow('expected https://<vault>.vault.azure.net/keys/<name>[/<version>]');
  }
});
