/**
 * Keys and small models that the model-release tests make: a temporary model directory from a
 * map of files, an EC key pair on a named curve.
 */
import { generateKeyPairSync } from 'crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

/** A key pair as PEM text. */
export interface PemKeyPair {
  readonly privatePem: string;
  readonly publicPem: string;
}

/** A fresh EC key pair on `curve` (`prime256v1`, `secp384r1`, ...). */
export function ecKeyPair(curve: string): PemKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The files of a small model: nested, hidden, empty and binary ones. */
export const SMALL_MODEL: Readonly<Record<string, string | Buffer>> = {
  'config.json': '{"layers": 2}\n',
  'weights/part-1.safetensors': Buffer.from([0, 1, 2, 3, 255, 254]),
  'weights/part-2.safetensors': Buffer.alloc(3000, 7),
  'tokenizer/.cache/vocab.txt': 'a\nb\n',
  empty: '',
};

/** Temporary directories made by {@link tempDir}, removed by {@link removeTempDirs}. */
const made: string[] = [];

/** A new empty temporary directory. */
export function tempDir(prefix = 'model-release-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes `files` (root-relative POSIX names) under `root`. */
export function writeFiles(root: string, files: Readonly<Record<string, string | Buffer>>): void {
  for (const [name, contents] of Object.entries(files)) {
    const file = path.join(root, ...name.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, contents);
  }
}

/** A model version directory `<tmp>/models/<model>/<version>` holding `files`. */
export function makeModel(
  files: Readonly<Record<string, string | Buffer>> = SMALL_MODEL,
  model = 'demo-model',
  version = '1.0.0',
): string {
  const dir = path.join(tempDir(), 'models', model, version);
  mkdirSync(dir, { recursive: true });
  writeFiles(dir, files);
  return dir;
}

/** Removes every directory {@link tempDir} made. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
