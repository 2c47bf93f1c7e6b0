/**
 * Files are hashed streaming: read in chunks of a fixed size into one buffer, never whole, and the
 * digest does not depend on the chunk size.
 */
import { createHash, randomBytes } from 'crypto';
import { writeFileSync } from 'fs';
import { open } from 'fs/promises';
import * as path from 'path';
import { CHUNK_BYTES, sha256File } from '../../../tools/model-release/hash-file';
import { removeTempDirs, tempDir } from '../../helpers/model-release-fixture';

afterEach(() => {
  jest.restoreAllMocks();
  removeTempDirs();
});

test('a file larger than a chunk is read chunk by chunk, each read at most one chunk, and hashes as a whole', async () => {
  const file = path.join(tempDir(), 'weights.bin');
  const contents = randomBytes(2 * CHUNK_BYTES + 12345);
  writeFileSync(file, contents);
  const handle = await open(file, 'r');
  const read = jest.spyOn(Object.getPrototypeOf(handle), 'read');
  await handle.close();

  const digest = await sha256File(file);

  expect(digest).toEqual(createHash('sha256').update(contents).digest());
  // Three reads with data, one that finds the end; each into a buffer of one chunk.
  expect(read).toHaveBeenCalledTimes(4);
  for (const [buffer, , length] of read.mock.calls as unknown as [Buffer, number, number][]) {
    expect(buffer.length).toBe(CHUNK_BYTES);
    expect(length).toBe(CHUNK_BYTES);
  }
});

test('the chunk size does not change the digest; an empty file hashes as empty input', async () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'a'), 'x'.repeat(10_000));
  writeFileSync(path.join(dir, 'empty'), '');

  expect(await sha256File(path.join(dir, 'a'), 7)).toEqual(await sha256File(path.join(dir, 'a')));
  expect((await sha256File(path.join(dir, 'empty'))).toString('hex')).toBe(
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  );
});
