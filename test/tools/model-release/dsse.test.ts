/**
 * The DSSE encoding and the signature forms: the bytes the reference signs, the curve's hash,
 * and Key Vault's r‖s turned into the DER the bundle carries.
 */
import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'crypto';
import { readFileSync } from 'fs';
import * as path from 'path';
import { curveOf, pae } from '../../../tools/model-release/dsse';
import { p1363ToDer } from '../../../tools/model-release/ecdsa-der';
import { keyHint } from '../../../tools/model-release/key-hint';

test('PAE: DSSEv1, the type and the payload, each preceded by its byte length', () => {
  expect(pae(Buffer.from('héllo')).toString()).toBe('DSSEv1 28 application/vnd.in-toto+json 6 héllo');
});

test('the hash follows the curve; P-521, secp256k1 and RSA keys are refused', () => {
  const curve = (name: string) => curveOf(generateKeyPairSync('ec', { namedCurve: name }).publicKey);
  expect([curve('prime256v1').hash, curve('secp384r1').hash]).toEqual(['sha256', 'sha384']);
  expect(() => curve('secp521r1')).toThrow('got an EC key on secp521r1');
  expect(() => curve('secp256k1')).toThrow('got an EC key on secp256k1');
  expect(() => curveOf(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey)).toThrow('got a rsa key');
});

test.each([
  ['prime256v1', 'sha256', 32],
  ['secp384r1', 'sha384', 48],
])('r‖s on %s becomes DER that verifies, whatever the leading bytes of r and s', (curve, hash, bytes) => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
  const seen = new Set<string>();
  for (let i = 0; seen.size < 3 && i < 500; i++) {
    const message = Buffer.from(`message ${i}`);
    const raw = sign(hash, message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    // OpenSSL re-encodes and compares what it verifies, so a verified DER is the canonical one.
    // Cover a high bit set (a zero byte added) and a zero first byte (stripped) in r or s.
    const kind = raw[0] & 0x80 || raw[bytes] & 0x80 ? 'high' : raw[0] === 0 || raw[bytes] === 0 ? 'zero' : 'plain';
    seen.add(kind);
    const der = p1363ToDer(raw, bytes);
    expect([der[0], der[1]]).toEqual([0x30, der.length - 2]);
    expect(verify(hash, message, { key: publicKey, dsaEncoding: 'der' }, der)).toBe(true);
  }
  expect(seen.has('high') && seen.has('plain')).toBe(true);
  expect(() => p1363ToDer(Buffer.alloc(2 * bytes + 1), bytes)).toThrow(
    `an r‖s signature of ${2 * bytes} bytes was expected`,
  );
});

test("the key hint is the reference's: sha256 of the SPKI PEM, whatever PEM form the key came in", () => {
  const file = path.resolve(__dirname, '../../fixtures/model-signing/signing-key-pub.pem');
  // The reference's file starts with a text dump of the key before the PEM block.
  const key = createPublicKey(readFileSync(file, 'utf8'));

  expect(keyHint(key)).toBe('e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e');
  expect(keyHint(key)).toBe(
    createHash('sha256')
      .update(key.export({ type: 'spki', format: 'pem' }))
      .digest('hex'),
  );
});
