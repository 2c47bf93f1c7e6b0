/**
 * A model's resources, the heart of the signed statement: one `{name, algorithm, digest}` per file
 * (`predicate.resources`), and the root digest over them (`subject[0].digest.sha256`), computed as
 * the reference computes it (`_signing/signing.py` `Payload`): SHA-256 over the concatenated raw
 * bytes of each resource digest, in listed order; no names, no lengths.
 */
import { createHash } from 'crypto';
import * as path from 'path';
import { sha256File } from './hash-file';
import { type ListOptions, listModelFiles } from './model-files';

/** One file of the model, as `predicate.resources[]` holds it. */
export interface Resource {
  /** Root-relative POSIX path. */
  readonly name: string;
  /** Always `sha256`: the only per-file algorithm the reference's verify-key path re-hashes with. */
  readonly algorithm: 'sha256';
  /** Lowercase hex. */
  readonly digest: string;
}

/** Hashes every file of the model directory, one at a time, streaming. */
export async function hashModel(root: string, options: ListOptions = {}): Promise<Resource[]> {
  const resources: Resource[] = [];
  for (const name of await listModelFiles(root, options)) {
    const digest = await sha256File(path.join(root, ...name.split('/')));
    resources.push({ name, algorithm: 'sha256', digest: digest.toString('hex') });
  }
  return resources;
}

/** The root digest, lowercase hex: the release digest without its `sha256:` prefix. */
export function rootDigest(resources: readonly Resource[]): string {
  const hash = createHash('sha256');
  for (const resource of resources) hash.update(Buffer.from(resource.digest, 'hex'));
  return hash.digest('hex');
}
