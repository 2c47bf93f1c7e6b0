/**
 * Reads a signed statement in the reference verifier's order (`_signing/signing.py`
 * `Verifier.verify`, `dsse_payload_to_manifest`): statement type, predicate type, exactly one
 * subject, the serialization, the resources, then the root digest recomputed from the resources in
 * listed order. Stricter where the reference would fail later or not at all: a resource name that
 * leaves the model root, a repeated name, a serialization or algorithm its verify-key path cannot
 * re-hash, a malformed lineage.
 */
import { LINEAGE_KEY, type ReleaseLineage, lineageProblems } from './lineage';
import { isModelRelativePath, normalizeIgnorePath } from './posix-path';
import { Refusal } from './refusal';
import { type Resource, rootDigest } from './resources';
import { PREDICATE_TYPE, STATEMENT_TYPE } from './statement';

/** What the verifier takes from a statement whose signature it has checked. */
export interface SignedContent {
  /** `subject[0].name`: informational, as in the reference. */
  readonly name: string;
  /** The root digest, lowercase hex. */
  readonly rootDigest: string;
  readonly resources: readonly Resource[];
  /** `serialization.ignore_paths`, normalized; entries that can match nothing dropped. */
  readonly ignorePaths: readonly string[];
  /** The platform lineage, or null for a statement signed elsewhere (the reference's own fixtures). */
  readonly lineage: ReleaseLineage | null;
}

const HEX64 = /^[0-9a-f]{64}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The ignore paths of `predicate.serialization`, which the reference adds to what it skips on
 * verify (`verifying.py`). `allow_symlinks` is checked for its type only: like the reference's CLI,
 * the verifier's own option decides whether a symlink is followed.
 */
function readIgnorePaths(value: unknown): string[] {
  if (!isObject(value)) throw new Refusal('statement: predicate.serialization must be an object');
  if (value.method !== 'files') {
    throw new Refusal(
      `statement: serialization method ${JSON.stringify(value.method)} is not supported (only "files")`,
    );
  }
  if (value.hash_type !== 'sha256') {
    throw new Refusal(
      `statement: serialization hash_type ${JSON.stringify(value.hash_type)} is not supported (only "sha256")`,
    );
  }
  if (typeof value.allow_symlinks !== 'boolean')
    throw new Refusal('statement: serialization.allow_symlinks must be a boolean');
  const ignore = value.ignore_paths ?? [];
  if (!Array.isArray(ignore) || !ignore.every((entry) => typeof entry === 'string')) {
    throw new Refusal('statement: serialization.ignore_paths must be a list of strings');
  }
  const ignorePaths: string[] = [];
  for (const entry of ignore as string[]) {
    const normalized = normalizeIgnorePath(entry);
    if (normalized === '')
      throw new Refusal(`statement: ignore_paths entry ${JSON.stringify(entry)} would ignore the whole model`);
    if (normalized !== undefined) ignorePaths.push(normalized);
  }
  return ignorePaths;
}

function readResources(value: unknown): Resource[] {
  if (!Array.isArray(value)) throw new Refusal('statement: predicate.resources must be a list');
  const seen = new Set<string>();
  return value.map((resource, i) => {
    if (!isObject(resource)) throw new Refusal(`statement: resources[${i}] must be an object`);
    const { name, algorithm, digest } = resource;
    if (typeof name !== 'string' || !isModelRelativePath(name)) {
      throw new Refusal(
        `statement: resources[${i}].name ${JSON.stringify(name)} is not a relative path inside the model`,
      );
    }
    if (seen.has(name)) throw new Refusal(`statement: resource ${name} is listed twice`);
    seen.add(name);
    if (algorithm !== 'sha256') {
      throw new Refusal(`statement: resource ${name} has algorithm ${JSON.stringify(algorithm)} (only "sha256")`);
    }
    if (typeof digest !== 'string' || !HEX64.test(digest)) {
      throw new Refusal(`statement: resource ${name} digest must be 64 lowercase hex digits`);
    }
    return { name, algorithm, digest };
  });
}

/** The checked content of a signed payload; throws a {@link Refusal} naming the first problem. */
export function readStatement(payload: Buffer): SignedContent {
  let statement: unknown;
  try {
    statement = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new Refusal('statement: the signed payload is not JSON');
  }
  if (!isObject(statement)) throw new Refusal('statement: the signed payload is not a JSON object');
  if (statement._type !== STATEMENT_TYPE) {
    throw new Refusal(`statement: _type ${JSON.stringify(statement._type)} is not ${STATEMENT_TYPE}`);
  }
  if (statement.predicateType !== PREDICATE_TYPE) {
    throw new Refusal(`statement: predicate type ${JSON.stringify(statement.predicateType)} is not ${PREDICATE_TYPE}`);
  }
  const subjects = statement.subject;
  if (!Array.isArray(subjects) || subjects.length !== 1) {
    throw new Refusal(
      `statement: expected exactly one subject, got ${Array.isArray(subjects) ? subjects.length : 'none'}`,
    );
  }
  const subject: unknown = subjects[0];
  const claimed = isObject(subject) && isObject(subject.digest) ? subject.digest.sha256 : undefined;
  if (!isObject(subject) || typeof subject.name !== 'string' || typeof claimed !== 'string' || !HEX64.test(claimed)) {
    throw new Refusal('statement: subject[0] must have a name and a digest.sha256 of 64 lowercase hex digits');
  }
  const predicate = statement.predicate;
  if (!isObject(predicate)) throw new Refusal('statement: predicate must be an object');
  const ignorePaths = readIgnorePaths(predicate.serialization);
  const resources = readResources(predicate.resources);
  const computed = rootDigest(resources);
  if (computed !== claimed) {
    throw new Refusal(`statement: root digest is ${claimed}, but the listed resources hash to ${computed}`);
  }
  const lineage = predicate[LINEAGE_KEY];
  if (lineage !== undefined) {
    const problems = lineageProblems(lineage);
    if (problems.length > 0) throw new Refusal(`statement: ${problems.join('; ')}`);
  }
  return {
    name: subject.name,
    rootDigest: claimed,
    resources,
    ignorePaths,
    lineage: lineage === undefined ? null : (lineage as ReleaseLineage),
  };
}
