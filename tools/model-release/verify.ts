/**
 * Verifies a model version directory against its `model.sig` and a trust set, in the reference
 * verifier's order (`model_signing verify key`; sigstore/model-transparency `verifying.py`,
 * `_signing/sign_ec_key.py`, `_signing/signing.py`): the bundle's shape and media type, the key
 * its hint names (in the trust set, not retired), the DSSE signature, the payload type, the
 * statement (type, predicate type, one subject, root digest), then the files on disk: any file
 * changed, added or missing refuses the release.
 */
import { verify } from 'crypto';
import { readFile } from 'fs/promises';
import * as path from 'path';
import { BUNDLE_MEDIA_TYPE } from './bundle';
import { readBundle } from './bundle-read';
import { PAYLOAD_TYPE, curveOf, pae } from './dsse';
import { type ReleaseLineage } from './lineage';
import { ModelDirectoryError, listModelFiles } from './model-files';
import { Refusal } from './refusal';
import { sha256File } from './hash-file';
import { GIT_PATHS, SIGNATURE_FILE } from './statement';
import { type SignedContent, readStatement } from './statement-read';
import { type TrustSet, trustedKey } from './trust';

/** Options of {@link verifyRelease}. */
export interface VerifyOptions {
  /** The instant a key's `not_after` is compared with. Default: the clock. */
  readonly now?: Date;
  /** Hash symlinked files as their targets instead of refusing. Default: false, as the reference. */
  readonly allowSymlinks?: boolean;
  /** The model and version the caller is about to load: the signed lineage must name them. Default: not checked. */
  readonly expect?: { readonly model?: string; readonly version?: string };
}

/** A release that verified. */
export interface VerifiedRelease {
  /** `sha256:<root digest>`. */
  readonly digest: string;
  readonly keyHint: string;
  /** The signed lineage; null for a statement without one (signed by another tool). */
  readonly lineage: ReleaseLineage | null;
  readonly files: number;
}

/** The outcome of one verification. What a refusal knows is only what was verified before it. */
export type Verification =
  | { readonly outcome: 'verified'; readonly release: VerifiedRelease }
  | {
      readonly outcome: 'refused';
      readonly reason: string;
      /** The bundle's key hint, once the bundle parsed. */
      readonly keyHint: string | null;
      /** The signed digest and lineage, once the signature verified. */
      readonly digest: string | null;
      readonly lineage: ReleaseLineage | null;
    };

const MAX_LISTED = 10;
const list = (names: readonly string[]) =>
  names.length > MAX_LISTED
    ? `${names.slice(0, MAX_LISTED).join(', ')} and ${names.length - MAX_LISTED} more`
    : names.join(', ');

/** Compares the directory with the signed resources; throws a {@link Refusal} naming every difference. */
async function checkFiles(dir: string, content: SignedContent, allowSymlinks: boolean): Promise<void> {
  let names: string[];
  try {
    names = await listModelFiles(dir, {
      ignore: [...GIT_PATHS, SIGNATURE_FILE, ...content.ignorePaths],
      allowSymlinks,
    });
  } catch (e) {
    if (e instanceof ModelDirectoryError) throw new Refusal(e.message);
    throw e;
  }
  const signed = new Map(content.resources.map((r) => [r.name, r.digest]));
  const onDisk = new Set(names);
  const added = names.filter((name) => !signed.has(name));
  const missing = content.resources.map((r) => r.name).filter((name) => !onDisk.has(name));
  // Listing is cheap and hashing is not: a set of files that differs refuses before any hashing.
  const problems = [
    ...(added.length > 0 ? [`files not in the signature: ${list(added)}`] : []),
    ...(missing.length > 0 ? [`signed files missing: ${list(missing)}`] : []),
  ];
  if (problems.length > 0) throw new Refusal(problems.join('; '));
  const changed: string[] = [];
  for (const name of names) {
    const digest = (await sha256File(path.join(dir, ...name.split('/')))).toString('hex');
    if (digest !== signed.get(name)) changed.push(name);
  }
  if (changed.length > 0) throw new Refusal(`files changed since signing: ${list(changed)}`);
}

function checkExpected(lineage: ReleaseLineage | null, expect: VerifyOptions['expect']): void {
  for (const key of ['model', 'version'] as const) {
    const wanted = expect?.[key];
    if (wanted === undefined) continue;
    if (lineage === null)
      throw new Refusal(`the statement carries no release lineage, so it cannot name ${key} ${wanted}`);
    if (lineage[key] !== wanted) throw new Refusal(`the release is ${key} ${lineage[key]}, not the expected ${wanted}`);
  }
}

/** Verifies the release in `dir`; never throws for a bad release, only for an unreadable disk. */
export async function verifyRelease(dir: string, trust: TrustSet, options: VerifyOptions = {}): Promise<Verification> {
  let keyHint: string | null = null;
  let content: SignedContent | undefined;
  try {
    const text = await readFile(path.join(dir, SIGNATURE_FILE), 'utf8').catch(() => {
      throw new Refusal(`no readable ${SIGNATURE_FILE} in ${dir}: the release is unsigned or incomplete`);
    });
    const bundle = readBundle(text);
    keyHint = bundle.hint;
    if (bundle.mediaType !== BUNDLE_MEDIA_TYPE) {
      throw new Refusal(`bundle media type ${JSON.stringify(bundle.mediaType)} is not ${BUNDLE_MEDIA_TYPE}`);
    }
    const key = trustedKey(trust, bundle.hint, options.now ?? new Date());
    let valid = false;
    try {
      // The encoding uses the in-toto type whatever the field says, as the reference does; the field is checked next.
      valid = verify(
        curveOf(key).hash,
        pae(bundle.payload, PAYLOAD_TYPE),
        { key, dsaEncoding: 'der' },
        bundle.signature,
      );
    } catch {
      valid = false;
    }
    if (!valid) throw new Refusal(`the signature does not verify with key ${bundle.hint}`);
    if (bundle.payloadType !== PAYLOAD_TYPE) {
      throw new Refusal(`payload type ${JSON.stringify(bundle.payloadType)} is not ${PAYLOAD_TYPE}`);
    }
    content = readStatement(bundle.payload);
    checkExpected(content.lineage, options.expect);
    await checkFiles(dir, content, options.allowSymlinks ?? false);
    return {
      outcome: 'verified',
      release: {
        digest: `sha256:${content.rootDigest}`,
        keyHint: bundle.hint,
        lineage: content.lineage,
        files: content.resources.length,
      },
    };
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    return {
      outcome: 'refused',
      reason: e.message,
      keyHint,
      digest: content ? `sha256:${content.rootDigest}` : null,
      lineage: content?.lineage ?? null,
    };
  }
}
