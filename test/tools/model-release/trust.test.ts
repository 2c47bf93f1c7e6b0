/**
 * The trust set: keys by hint, a retired key's not_after, and every problem of a bad document
 * named at once.
 */
import { createHash } from 'crypto';
import { readTrustSet, trustPublicKeys, trustedKey } from '../../../tools/model-release/trust';
import { ecKeyPair } from '../../helpers/model-release-fixture';

const current = ecKeyPair('prime256v1');
const retired = ecKeyPair('secp384r1');
const hint = (pem: string) => createHash('sha256').update(pem).digest('hex');

test('a trust set with a current and a retired key: each found by its hint, the retired one until not_after', () => {
  const trust = readTrustSet(
    JSON.stringify({
      keys: [
        { hint: hint(current.publicPem), pem: current.publicPem },
        { hint: hint(retired.publicPem), pem: retired.publicPem, not_after: '2026-12-31T00:00:00+01:00' },
      ],
    }),
  );

  expect(
    trustedKey(trust, hint(current.publicPem), new Date('2030-01-01T00:00:00Z')).asymmetricKeyDetails?.namedCurve,
  ).toBe('prime256v1');
  expect(trustedKey(trust, hint(retired.publicPem), new Date('2026-12-30T22:59:59Z'))).toBeDefined();
  expect(() => trustedKey(trust, hint(retired.publicPem), new Date('2026-12-30T23:00:01Z'))).toThrow(
    'was retired at 2026-12-30T23:00:00.000Z',
  );
  expect(() => trustedKey(trust, '0'.repeat(64), new Date())).toThrow('is not in the trust set');
});

test('every problem of a bad trust set is named at once', () => {
  const document = {
    keys: [
      { hint: 'abc', pem: current.publicPem },
      { hint: hint(current.publicPem), pem: 'not a key', not_after: 'tomorrow' },
      { hint: hint(current.publicPem), pem: current.publicPem, extra: 1 },
      'nope',
    ],
  };

  const lines = [
    `trust.json: keys[0].hint is "abc", but the key's hint (sha256 of its SPKI PEM) is ${hint(current.publicPem)}`,
    'trust.json: keys[1].pem: ',
    'trust.json: keys[1].not_after must be an RFC 3339 time, got "tomorrow"',
    'trust.json: keys[2].extra is not a known key (hint, pem, not_after)',
    'trust.json: keys[3] must be an object',
  ];

  expect(() => readTrustSet(JSON.stringify(document), 'trust.json')).toThrow(
    new RegExp(lines.map((line) => line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*\n')),
  );
  expect(() => readTrustSet('{"keys": []}')).toThrow('with at least one key');
  expect(() => readTrustSet('[')).toThrow('trust set: not JSON');
});

test('--public-key: a trust set of PEM keys; a key on another curve is refused', () => {
  expect(trustPublicKeys([current.publicPem, retired.publicPem]).keys.map((k) => k.hint)).toEqual([
    hint(current.publicPem),
    hint(retired.publicPem),
  ]);
  expect(() => trustPublicKeys([ecKeyPair('secp521r1').publicPem])).toThrow(
    'public key 1: the key must be EC P-256 or P-384',
  );
});
