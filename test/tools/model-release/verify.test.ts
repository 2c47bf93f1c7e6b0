/**
 * Sign, then verify, with keys and models the test makes, on both curves; then each way a release
 * must be refused, each with its reason.
 */
import { createHash, sign as nodeSign } from 'crypto';
import { appendFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'fs';
import * as path from 'path';
import { pae } from '../../../tools/model-release/dsse';
import { pemSigner } from '../../../tools/model-release/signer';
import { signRelease } from '../../../tools/model-release/sign';
import { type TrustSet, readTrustSet, trustPublicKeys } from '../../../tools/model-release/trust';
import { verifyRelease } from '../../../tools/model-release/verify';
import {
  type PemKeyPair,
  SMALL_MODEL,
  ecKeyPair,
  makeModel,
  removeTempDirs,
} from '../../helpers/model-release-fixture';

const NOW = new Date('2026-12-07T10:00:00Z');
const LINEAGE = {
  model: 'demo-model',
  version: '1.0.0',
  training_run: {
    workspace: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w',
    run_id: 'job-1',
  },
  publisher: {
    azure_client_id: '00000000-0000-0000-0000-000000000001',
    aws_role_arn: 'arn:aws:iam::111111111111:role/publisher',
  },
};

afterEach(removeTempDirs);

async function signed(keys: PemKeyPair, files = SMALL_MODEL): Promise<string> {
  const dir = makeModel(files);
  await signRelease(dir, pemSigner(keys.privatePem, 'test key'), { lineage: LINEAGE, now: NOW });
  return dir;
}

/** The bundle's JSON as the tests edit it. */
interface BundleJson {
  mediaType: string;
  verificationMaterial: { publicKey: { hint?: string }; tlogEntries?: unknown[] };
  dsseEnvelope: { payload: string; payloadType: string; signatures: { sig: string; keyid?: unknown }[] };
}

const bundleOf = (dir: string): BundleJson => JSON.parse(readFileSync(path.join(dir, 'model.sig'), 'utf8'));
const writeBundle = (dir: string, bundle: unknown) =>
  writeFileSync(path.join(dir, 'model.sig'), JSON.stringify(bundle));

/** Replaces the payload with `statement`, signed again by `keys`: a valid signature over what the test says. */
function resign(
  dir: string,
  keys: PemKeyPair,
  edit: (statement: Record<string, unknown>) => void,
  hash = 'sha256',
): void {
  const bundle = bundleOf(dir);
  const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString());
  edit(statement);
  const payload = Buffer.from(JSON.stringify(statement));
  bundle.dsseEnvelope.payload = payload.toString('base64');
  bundle.dsseEnvelope.signatures[0].sig = nodeSign(hash, pae(payload), keys.privatePem).toString('base64');
  writeBundle(dir, bundle);
}

async function reason(dir: string, trust: TrustSet, options = {}): Promise<string> {
  const result = await verifyRelease(dir, trust, { now: NOW, ...options });
  if (result.outcome !== 'refused') throw new Error('expected a refusal, got a verified release');
  return result.reason;
}

describe.each([
  ['P-256', 'prime256v1', 'sha256'],
  ['P-384', 'secp384r1', 'sha384'],
])('%s', (_name, curve, hash) => {
  const keys = ecKeyPair(curve);
  const trust = () => trustPublicKeys([keys.publicPem]);

  test('a signed release verifies, with its digest and lineage', async () => {
    const dir = await signed(keys);

    const result = await verifyRelease(dir, trust(), { now: NOW, expect: { model: 'demo-model', version: '1.0.0' } });

    expect(result).toEqual({
      outcome: 'verified',
      release: {
        digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        keyHint: createHash('sha256').update(keys.publicPem).digest('hex'),
        lineage: { ...LINEAGE, published_at: '2026-12-07T10:00:00Z' },
        files: Object.keys(SMALL_MODEL).length,
      },
    });
  });

  test('changing any byte of any file refuses, naming the file', async () => {
    const dir = await signed(keys);
    for (const name of Object.keys(SMALL_MODEL)) {
      const file = path.join(dir, name);
      const original = readFileSync(file);
      const flipped = Buffer.from(original.length > 0 ? original : Buffer.from([0]));
      const at = Math.floor(flipped.length / 2);
      flipped[at] ^= 0x01;
      writeFileSync(file, flipped);
      expect(await reason(dir, trust())).toBe(`files changed since signing: ${name}`);
      writeFileSync(file, original);
    }
    expect((await verifyRelease(dir, trust(), { now: NOW })).outcome).toBe('verified');
  });

  test('an added file refuses, also in a subdirectory and as a nested .git', async () => {
    const dir = await signed(keys);
    for (const name of ['extra.bin', 'weights/extra', 'weights/.git/HEAD']) {
      const file = path.join(dir, name);
      mkdirSync(path.dirname(file), { recursive: true });
      appendFileSync(file, 'x');
      expect(await reason(dir, trust())).toBe(`files not in the signature: ${name}`);
      rmSync(name.includes('.git') ? path.dirname(file) : file, { recursive: true });
    }
  });

  test('a removed file refuses', async () => {
    const dir = await signed(keys);
    rmSync(path.join(dir, 'weights/part-2.safetensors'));

    expect(await reason(dir, trust())).toBe('signed files missing: weights/part-2.safetensors');
  });

  test('top-level .git paths are neither signed nor checked, as the reference skips them', async () => {
    const dir = await signed(keys, { ...SMALL_MODEL, '.git/HEAD': 'ref', '.gitattributes': '*', '.github/x': 'y' });
    const listed = JSON.parse(Buffer.from(bundleOf(dir).dsseEnvelope.payload, 'base64').toString()).predicate.resources;
    expect(listed.map((r: { name: string }) => r.name)).not.toContain('.git/HEAD');

    writeFileSync(path.join(dir, '.gitignore'), 'new');
    expect((await verifyRelease(dir, trust(), { now: NOW })).outcome).toBe('verified');
  });

  test('another key refuses, naming the hint', async () => {
    const dir = await signed(keys);
    const other = ecKeyPair(curve);
    const hint = bundleOf(dir).verificationMaterial.publicKey.hint;

    expect(await reason(dir, trustPublicKeys([other.publicPem]))).toBe(`key ${hint} is not in the trust set`);
  });

  test('a signature by another key under the trusted hint refuses', async () => {
    const dir = await signed(keys);
    resign(dir, ecKeyPair(curve), () => undefined, hash);

    expect(await reason(dir, trust())).toMatch(/^the signature does not verify with key [0-9a-f]{64}$/);
  });

  test('a key past not_after refuses; before it, verifies', async () => {
    const dir = await signed(keys);
    const hint = createHash('sha256').update(keys.publicPem).digest('hex');
    const retired = readTrustSet(
      JSON.stringify({ keys: [{ hint, pem: keys.publicPem, not_after: '2026-12-01T00:00:00Z' }] }),
    );

    expect(await reason(dir, retired)).toBe(`key ${hint} was retired at 2026-12-01T00:00:00.000Z (not_after)`);
    expect((await verifyRelease(dir, retired, { now: new Date('2026-11-30T00:00:00Z') })).outcome).toBe('verified');
  });

  test('an unknown payload type refuses, after the signature', async () => {
    const dir = await signed(keys);
    writeBundle(dir, {
      ...bundleOf(dir),
      dsseEnvelope: { ...bundleOf(dir).dsseEnvelope, payloadType: 'application/json' },
    });

    expect(await reason(dir, trust())).toBe('payload type "application/json" is not application/vnd.in-toto+json');
  });

  test('an unknown predicate type refuses', async () => {
    const dir = await signed(keys);
    resign(dir, keys, (s) => (s.predicateType = 'https://model_signing/signature/v2.0'), hash);

    expect(await reason(dir, trust())).toBe(
      'statement: predicate type "https://model_signing/signature/v2.0" is not https://model_signing/signature/v1.0',
    );
  });

  test('an unknown statement type, two subjects, and a root digest that does not match refuse', async () => {
    const dir = await signed(keys);
    resign(dir, keys, (s) => (s._type = 'https://in-toto.io/Statement/v0.1'), hash);
    expect(await reason(dir, trust())).toMatch(/^statement: _type "https:\/\/in-toto.io\/Statement\/v0.1" is not/);

    const fresh = await signed(keys);
    resign(fresh, keys, (s) => (s.subject = [...(s.subject as unknown[]), ...(s.subject as unknown[])]), hash);
    expect(await reason(fresh, trust())).toBe('statement: expected exactly one subject, got 2');

    const third = await signed(keys);
    resign(
      third,
      keys,
      (s) => ((s.subject as { digest: { sha256: string } }[])[0].digest.sha256 = '0'.repeat(64)),
      hash,
    );
    expect(await reason(third, trust())).toMatch(
      /^statement: root digest is 0{64}, but the listed resources hash to [0-9a-f]{64}$/,
    );
  });

  test('a lineage that names another model or version refuses', async () => {
    const dir = await signed(keys);

    expect(await reason(dir, trust(), { expect: { version: '2.0.0' } })).toBe(
      'the release is version 1.0.0, not the expected 2.0.0',
    );
    expect(await reason(dir, trust(), { expect: { model: 'other' } })).toBe(
      'the release is model demo-model, not the expected other',
    );
  });
});

describe('refusals that do not depend on the curve', () => {
  const keys = ecKeyPair('prime256v1');
  const trust = () => trustPublicKeys([keys.publicPem]);

  test.each<[string, (bundle: BundleJson) => unknown, string]>([
    ['not JSON', () => '{', 'malformed bundle: not JSON'],
    ['an unknown top-level key', (b) => ({ ...b, foo: 1 }), 'malformed bundle: unknown key bundle.foo'],
    [
      'an unknown envelope key',
      (b) => ({ ...b, dsseEnvelope: { ...b.dsseEnvelope, extra: true } }),
      'malformed bundle: unknown key dsseEnvelope.extra',
    ],
    [
      'a payload of the wrong type',
      (b) => ({ ...b, dsseEnvelope: { ...b.dsseEnvelope, payload: 42 } }),
      'malformed bundle: dsseEnvelope.payload must be a string',
    ],
    [
      'base64url in the payload',
      (b) => ({
        ...b,
        dsseEnvelope: {
          ...b.dsseEnvelope,
          payload: b.dsseEnvelope.payload.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') + '-',
        },
      }),
      'malformed bundle: dsseEnvelope.payload is not standard padded base64',
    ],
    [
      'bad base64 in the signature',
      (b) => ({ ...b, dsseEnvelope: { ...b.dsseEnvelope, signatures: [{ sig: 'abc', keyid: '' }] } }),
      'malformed bundle: dsseEnvelope.signatures[0].sig is not standard padded base64',
    ],
    [
      'two signatures',
      (b) => ({
        ...b,
        dsseEnvelope: { ...b.dsseEnvelope, signatures: [b.dsseEnvelope.signatures[0], b.dsseEnvelope.signatures[0]] },
      }),
      'malformed bundle: dsseEnvelope.signatures must hold exactly one signature, got 2',
    ],
    [
      'no hint',
      (b) => ({ ...b, verificationMaterial: { publicKey: {}, tlogEntries: [] } }),
      'malformed bundle: verificationMaterial.publicKey.hint must be a string',
    ],
    [
      'a keyid of the wrong type',
      (b) => ({
        ...b,
        dsseEnvelope: { ...b.dsseEnvelope, signatures: [{ ...b.dsseEnvelope.signatures[0], keyid: 1 }] },
      }),
      'malformed bundle: dsseEnvelope.signatures[0].keyid must be a string',
    ],
    [
      'a certificate',
      (b) => ({ ...b, verificationMaterial: { ...b.verificationMaterial, certificate: { rawBytes: 'AA==' } } }),
      'unsupported bundle: verificationMaterial.certificate (this format signs with a key, no log or certificate)',
    ],
    [
      'another media type',
      (b) => ({ ...b, mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.3' }),
      'bundle media type "application/vnd.dev.sigstore.bundle+json;version=0.3" is not application/vnd.dev.sigstore.bundle.v0.3+json',
    ],
  ])('a malformed or unsupported bundle refuses: %s', async (_case, edit, expected) => {
    const dir = await signed(keys);
    const edited = edit(bundleOf(dir));
    writeFileSync(path.join(dir, 'model.sig'), typeof edited === 'string' ? edited : JSON.stringify(edited));

    expect(await reason(dir, trust())).toBe(expected);
  });

  test('a bundle without keyid or tlogEntries, as the reference also accepts, verifies', async () => {
    const dir = await signed(keys);
    const bundle = bundleOf(dir);
    delete bundle.verificationMaterial.tlogEntries;
    delete bundle.dsseEnvelope.signatures[0].keyid;
    writeBundle(dir, bundle);

    expect((await verifyRelease(dir, trust(), { now: NOW })).outcome).toBe('verified');
  });

  test('a missing model.sig refuses: the release is incomplete', async () => {
    const dir = makeModel();

    expect(await reason(dir, trust())).toBe(`no readable model.sig in ${dir}: the release is unsigned or incomplete`);
  });

  test('a refusal after the signature verified carries the signed digest and lineage; before, nothing signed', async () => {
    const dir = await signed(keys);
    writeFileSync(path.join(dir, 'config.json'), 'changed');

    const afterSignature = await verifyRelease(dir, trust(), { now: NOW });
    const wrongKey = await verifyRelease(dir, trustPublicKeys([ecKeyPair('prime256v1').publicPem]), { now: NOW });

    expect(afterSignature).toMatchObject({
      outcome: 'refused',
      digest: expect.stringMatching(/^sha256:/),
      lineage: { model: 'demo-model' },
    });
    expect(wrongKey).toMatchObject({
      outcome: 'refused',
      digest: null,
      lineage: null,
      keyHint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  test('a symlink in the model refuses unless allowed, on signing and verifying', async () => {
    const dir = makeModel();
    symlinkSync('config.json', path.join(dir, 'link.json'));

    await expect(signRelease(dir, pemSigner(keys.privatePem, 'k'), { lineage: LINEAGE })).rejects.toThrow(
      'link.json is a symlink: refused, as the reference does without --allow-symlinks',
    );
    await signRelease(dir, pemSigner(keys.privatePem, 'k'), { lineage: LINEAGE, allowSymlinks: true, now: NOW });
    expect(await reason(dir, trust())).toBe(
      'link.json is a symlink: refused, as the reference does without --allow-symlinks',
    );
    expect((await verifyRelease(dir, trust(), { now: NOW, allowSymlinks: true })).outcome).toBe('verified');
  });

  test('signing refuses an empty model and a bad lineage, and writes nothing', async () => {
    const empty = makeModel({});
    await expect(signRelease(empty, pemSigner(keys.privatePem, 'k'), { lineage: LINEAGE })).rejects.toThrow(
      'holds no files to sign',
    );
    const dir = makeModel();
    await expect(
      signRelease(dir, pemSigner(keys.privatePem, 'k'), { lineage: { ...LINEAGE, model: '../x' } }),
    ).rejects.toThrow('lineage.model must be one path segment');
    expect(readdirSync(empty)).toEqual([]);
    expect(readdirSync(dir)).not.toContain('model.sig');
  });

  test('model.sig is written last and whole: only the bundle appears, no temporary file stays', async () => {
    const dir = await signed(keys);

    expect(readdirSync(dir).filter((f) => f.startsWith('model.sig'))).toEqual(['model.sig']);
    expect(statSync(path.join(dir, 'model.sig')).size).toBeGreaterThan(0);
    expect(Object.keys(bundleOf(dir))).toEqual(['mediaType', 'verificationMaterial', 'dsseEnvelope']);
  });
});
