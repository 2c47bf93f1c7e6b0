/**
 * Independent checks: a release that `npm run model -- sign` signs verifies with Sigstore's own
 * JavaScript verifier (@sigstore/bundle parses the bundle, @sigstore/verify checks the DSSE
 * signature with the key its hint names), and the reference implementation's own P-384 test
 * vector verifies with ours. @sigstore/verify hashes every EC key's signature with SHA-256
 * (sigstore/sigstore-js#1507), so it checks the P-256 bundles only; the P-384 path is proved by
 * the reference's vector.
 */
import { bundleFromJSON } from '@sigstore/bundle';
import { type TrustMaterial, Verifier, toSignedEntity } from '@sigstore/verify';
import { spawnSync } from 'child_process';
import { createHash, createPublicKey } from 'crypto';
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { trustPublicKeys } from '../../../tools/model-release/trust';
import { verifyRelease } from '../../../tools/model-release/verify';
import { ecKeyPair, makeModel, removeTempDirs, tempDir } from '../../helpers/model-release-fixture';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

afterEach(removeTempDirs);

/** Trust material that knows one key, by its hint, and nothing online. */
function trustMaterial(publicPem: string): TrustMaterial {
  const publicKey = createPublicKey(publicPem);
  const hint = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'pem' }))
    .digest('hex');
  return {
    certificateAuthorities: [],
    timestampAuthorities: [],
    tlogs: [],
    ctlogs: [],
    publicKey: (wanted) => {
      if (wanted !== hint) throw new Error(`unknown key ${wanted}`);
      return { publicKey, validFor: () => true };
    },
  };
}

const offline = { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 };

test('a P-256 release signed by the CLI verifies with @sigstore/verify, and a tampered one does not', () => {
  const keys = ecKeyPair('prime256v1');
  const keyFile = path.join(tempDir(), 'signing.pem');
  writeFileSync(keyFile, keys.privatePem);
  const dir = makeModel();

  const signed = spawnSync(
    TSX,
    ['tools/model-release/cli.ts', 'sign', dir, '--key', keyFile, '--model', 'demo-model', '--version', '1.0.0'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  expect(signed).toMatchObject({ status: 0, stderr: '' });

  const json = JSON.parse(readFileSync(path.join(dir, 'model.sig'), 'utf8'));
  const verifier = new Verifier(trustMaterial(keys.publicPem), offline);
  expect(() => verifier.verify(toSignedEntity(bundleFromJSON(json)))).not.toThrow();

  const payload = Buffer.from(json.dsseEnvelope.payload, 'base64');
  payload[payload.length - 3] ^= 1;
  json.dsseEnvelope.payload = payload.toString('base64');
  expect(() => verifier.verify(toSignedEntity(bundleFromJSON(json)))).toThrow(/signature verification failed/i);
  expect(() =>
    new Verifier(trustMaterial(ecKeyPair('prime256v1').publicPem), offline).verify(
      toSignedEntity(bundleFromJSON(json)),
    ),
  ).toThrow();
});

describe("the reference's v1.1.0 P-384 test vector", () => {
  const fixtures = path.join(ROOT, 'test/fixtures/model-signing');
  const dir = path.join(fixtures, 'v1.1.0-elliptic-key');
  const trust = () => trustPublicKeys([readFileSync(path.join(fixtures, 'signing-key-pub.pem'), 'utf8')]);
  const bundle = JSON.parse(readFileSync(path.join(dir, 'model.sig'), 'utf8'));

  test('verifies with our verifier, with the digest the reference signed and no platform lineage', async () => {
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString());

    const result = await verifyRelease(dir, trust());

    expect(result).toEqual({
      outcome: 'verified',
      release: {
        digest: `sha256:${statement.subject[0].digest.sha256}`,
        keyHint: bundle.verificationMaterial.publicKey.hint,
        lineage: null,
        files: 2,
      },
    });
  });

  test('our hint of its key is the hint the reference wrote', () => {
    expect(trust().keys[0].hint).toBe('e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e');
    expect(bundle.verificationMaterial.publicKey.hint).toBe(trust().keys[0].hint);
  });

  test('is refused once a file differs from what the reference signed', async () => {
    const copy = tempDir();
    for (const file of ['model.sig', 'signme-1', 'signme-2'])
      writeFileSync(path.join(copy, file), readFileSync(path.join(dir, file)));
    writeFileSync(path.join(copy, 'signme-2'), 'changed');

    expect(await verifyRelease(copy, trust())).toMatchObject({
      outcome: 'refused',
      reason: 'files changed since signing: signme-2',
    });
  });
});
