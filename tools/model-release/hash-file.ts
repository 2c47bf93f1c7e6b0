/**
 * SHA-256 of a file, read in fixed-size chunks into one buffer: memory stays at one chunk however
 * large the file (model weights run to tens of GB). The reference reads 1 MiB chunks too
 * (`_hashing/io.py` `SimpleFileHasher`); the chunk size never changes the digest.
 */
import { createHash } from 'crypto';
import { open } from 'fs/promises';

/** Bytes read per call: the reference's default chunk. */
export const CHUNK_BYTES = 1024 * 1024;

/** The raw SHA-256 digest of the file's bytes. */
export async function sha256File(file: string, chunkBytes: number = CHUNK_BYTES): Promise<Buffer> {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(chunkBytes);
  const handle = await open(file, 'r');
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest();
}
