/**
 * Resources and the root digest agree with what the reference signed in its own test vector
 * (test/fixtures/model-signing/README.md), byte for byte.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { hashModel, rootDigest } from '../../../tools/model-release/resources';
import { GIT_PATHS, SIGNATURE_FILE } from '../../../tools/model-release/statement';

const VECTOR = path.resolve(__dirname, '../../fixtures/model-signing/v1.1.0-elliptic-key');
const statement = JSON.parse(
  Buffer.from(
    JSON.parse(readFileSync(path.join(VECTOR, 'model.sig'), 'utf8')).dsseEnvelope.payload,
    'base64',
  ).toString(),
);

test("hashing the vector's files gives the resources the reference signed, in its order", async () => {
  const resources = await hashModel(VECTOR, { ignore: [SIGNATURE_FILE, ...GIT_PATHS, 'ignore-me'] });

  expect(resources).toEqual(
    statement.predicate.resources.map(({ name, algorithm, digest }: Record<string, string>) => ({
      name,
      algorithm,
      digest,
    })),
  );
});

test('the root digest is the one in its subject; it depends on the order of the resources', () => {
  expect(rootDigest(statement.predicate.resources)).toBe(statement.subject[0].digest.sha256);
  expect(rootDigest([...statement.predicate.resources].reverse())).not.toBe(statement.subject[0].digest.sha256);
  expect(rootDigest([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});
