/**
 * Signs a model version directory: hashes every file, builds the statement with the lineage, signs
 * its DSSE encoding, checks the signature against the signer's public key, and writes the bundle
 * to `<dir>/model.sig` last, through a temporary file and a rename, so a reader that finds
 * `model.sig` finds a whole one.
 */
import { verify } from 'crypto';
import { rename, rm, writeFile } from 'fs/promises';
import * as path from 'path';
import { buildBundle } from './bundle';
import { curveOf, pae } from './dsse';
import { keyHint } from './key-hint';
import { type ReleaseLineage, lineageProblems, utcSeconds } from './lineage';
import { hashModel } from './resources';
import { type ReleaseSigner } from './signer';
import { SIGNATURE_FILE, SIGNED_IGNORE_PATHS, buildStatement, releaseDigest } from './statement';

/** Options of {@link signRelease}. */
export interface SignOptions {
  /** The lineage; `published_at` defaults to `now`. */
  readonly lineage: Omit<ReleaseLineage, 'published_at'> & { readonly published_at?: string };
  /** Hash symlinked files as their targets instead of refusing. Default: false. */
  readonly allowSymlinks?: boolean;
  /** The signing time. Default: the clock. */
  readonly now?: Date;
}

/** What a signing produced. */
export interface SignedRelease {
  /** `sha256:<root digest>`. */
  readonly digest: string;
  readonly keyHint: string;
  /** The bundle's path. */
  readonly signature: string;
  readonly lineage: ReleaseLineage;
  /** How many files the statement lists. */
  readonly files: number;
}

/** Signs `dir` with `signer`; throws, writing nothing, on a bad lineage, an empty model or a bad signature. */
export async function signRelease(dir: string, signer: ReleaseSigner, options: SignOptions): Promise<SignedRelease> {
  const lineage: ReleaseLineage = {
    ...options.lineage,
    published_at: options.lineage.published_at ?? utcSeconds(options.now ?? new Date()),
  };
  const problems = lineageProblems(lineage, 'lineage');
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const allowSymlinks = options.allowSymlinks ?? false;
  const resources = await hashModel(dir, { ignore: SIGNED_IGNORE_PATHS, allowSymlinks });
  if (resources.length === 0) throw new Error(`${dir} holds no files to sign`);
  const statement = buildStatement({ name: path.basename(path.resolve(dir)), resources, allowSymlinks, lineage });
  // Indented as the reference writes its payload; the signature covers these exact bytes.
  const payload = Buffer.from(JSON.stringify(statement, null, 2), 'utf8');
  const message = pae(payload);
  const signature = await signer.sign(message);
  const { hash } = curveOf(signer.publicKey);
  if (!verify(hash, message, { key: signer.publicKey, dsaEncoding: 'der' }, signature)) {
    throw new Error(`the signature from ${signer.description} does not verify with its public key: nothing written`);
  }
  const hint = keyHint(signer.publicKey);
  const file = path.join(dir, SIGNATURE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(buildBundle(payload, signature, hint))}\n`);
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
  return { digest: releaseDigest(statement), keyHint: hint, signature: file, lineage, files: resources.length };
}
