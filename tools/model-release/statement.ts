/**
 * The in-toto Statement v1 that OpenSSF Model Signing v1.0 signs (sigstore/model-transparency
 * `_signing/signing.py` `Payload`), with the platform's lineage as one extra predicate key.
 */
import { LINEAGE_KEY, type ReleaseLineage } from './lineage';
import { type Resource, rootDigest } from './resources';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const PREDICATE_TYPE = 'https://model_signing/signature/v1.0';
/** The signature's file name, in the model directory; never hashed. */
export const SIGNATURE_FILE = 'model.sig';
/** Top-level paths the reference skips by default (`hashing.Config.hash`). */
export const GIT_PATHS = ['.git', '.gitattributes', '.github', '.gitignore'] as const;
/** What a signature made here skips, in the order of the reference's own example. */
export const SIGNED_IGNORE_PATHS: readonly string[] = [SIGNATURE_FILE, ...GIT_PATHS];

/** `predicate.serialization`: how the resources were made (`manifest.py` `_FileSerialization`). */
export interface Serialization {
  readonly method: 'files';
  readonly hash_type: 'sha256';
  readonly allow_symlinks: boolean;
  readonly ignore_paths?: readonly string[];
}

/** The statement as signed. */
export interface Statement {
  readonly _type: typeof STATEMENT_TYPE;
  readonly subject: readonly [{ readonly name: string; readonly digest: { readonly sha256: string } }];
  readonly predicateType: typeof PREDICATE_TYPE;
  readonly predicate: {
    readonly serialization: Serialization;
    readonly resources: readonly Resource[];
    readonly [LINEAGE_KEY]?: ReleaseLineage;
  };
}

/** What {@link buildStatement} needs. */
export interface StatementInput {
  /** `subject[0].name`: the model directory's basename, as the reference writes it. */
  readonly name: string;
  /** The files, in the reference's order. */
  readonly resources: readonly Resource[];
  /** Whether symlinked files were hashed as their targets. */
  readonly allowSymlinks: boolean;
  /** The platform's lineage. */
  readonly lineage: ReleaseLineage;
}

/** The statement for a model's resources and lineage. */
export function buildStatement(input: StatementInput): Statement {
  return {
    _type: STATEMENT_TYPE,
    subject: [{ name: input.name, digest: { sha256: rootDigest(input.resources) } }],
    predicateType: PREDICATE_TYPE,
    predicate: {
      serialization: {
        method: 'files',
        hash_type: 'sha256',
        allow_symlinks: input.allowSymlinks,
        ignore_paths: SIGNED_IGNORE_PATHS,
      },
      resources: input.resources,
      [LINEAGE_KEY]: input.lineage,
    },
  };
}

/** The release digest that ties every hop: `sha256:<root digest>`. */
export function releaseDigest(statement: Pick<Statement, 'subject'>): string {
  return `sha256:${statement.subject[0].digest.sha256}`;
}
