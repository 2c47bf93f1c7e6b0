/**
 * The platform's release metadata, carried in the signed statement as one extra predicate key,
 * `gpu_platform_release`, so one signature covers the files and where they came from. The format
 * allows it: a v1.0 verifier reads only `serialization` and `resources` and ignores other keys
 * (`_signing/signing.py` `Payload`).
 */

/** The predicate key that holds the lineage. */
export const LINEAGE_KEY = 'gpu_platform_release';

/** What one release records about itself. */
export interface ReleaseLineage {
  /** Model name: the `<model>` segment of `models/<model>/<version>/`. */
  readonly model: string;
  /** Model version: the `<version>` segment. */
  readonly version: string;
  /** The Azure ML job that produced the files, or null when not given at signing. */
  readonly training_run: { readonly workspace: string; readonly run_id: string } | null;
  /** The identities that publish the release; each null when not given at signing. */
  readonly publisher: { readonly azure_client_id: string | null; readonly aws_role_arn: string | null };
  /** When it was signed, RFC 3339 UTC (`2026-11-23T10:00:00Z`). */
  readonly published_at: string;
}

/** A model or version name: one path segment, so it can be a key prefix in both stores. */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
/** RFC 3339 in UTC, seconds or fractions. */
const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** RFC 3339 UTC to the second, as the lineage and the log line write times. */
export function utcSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function unknownKeys(where: string, value: Record<string, unknown>, known: readonly string[]): string[] {
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => `${where}.${key} is not a known key (known: ${known.join(', ')})`);
}

function nameProblems(where: string, value: unknown): string[] {
  return typeof value === 'string' && SEGMENT.test(value)
    ? []
    : [`${where} must be one path segment of letters, digits and . _ + - (got ${JSON.stringify(value)})`];
}

function stringOrNull(where: string, value: unknown): string[] {
  return value === null || (typeof value === 'string' && value !== '')
    ? []
    : [`${where} must be a non-empty string or null`];
}

/** Every problem of a lineage value, with its path under `where`; empty when it is well formed. */
export function lineageProblems(value: unknown, where: string = LINEAGE_KEY): string[] {
  if (!isObject(value)) return [`${where} must be an object`];
  const problems = [
    ...unknownKeys(where, value, ['model', 'version', 'training_run', 'publisher', 'published_at']),
    ...nameProblems(`${where}.model`, value.model),
    ...nameProblems(`${where}.version`, value.version),
  ];
  const run = value.training_run;
  if (isObject(run)) {
    problems.push(...unknownKeys(`${where}.training_run`, run, ['workspace', 'run_id']));
    for (const key of ['workspace', 'run_id']) {
      if (typeof run[key] !== 'string' || run[key] === '')
        problems.push(`${where}.training_run.${key} must be a non-empty string`);
    }
  } else if (run !== null) problems.push(`${where}.training_run must be an object or null`);
  const publisher = value.publisher;
  if (isObject(publisher)) {
    problems.push(...unknownKeys(`${where}.publisher`, publisher, ['azure_client_id', 'aws_role_arn']));
    problems.push(...stringOrNull(`${where}.publisher.azure_client_id`, publisher.azure_client_id));
    problems.push(...stringOrNull(`${where}.publisher.aws_role_arn`, publisher.aws_role_arn));
  } else problems.push(`${where}.publisher must be an object`);
  if (
    typeof value.published_at !== 'string' ||
    !UTC_TIME.test(value.published_at) ||
    Number.isNaN(Date.parse(value.published_at))
  ) {
    problems.push(`${where}.published_at must be an RFC 3339 UTC time like 2026-11-23T10:00:00Z`);
  }
  return problems;
}
