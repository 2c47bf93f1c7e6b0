/**
 * Workload identities, cloud-neutral: who runs where (cluster namespace and service account) and
 * which store each may read or write. Config declares them once; each cloud's constructs turn
 * them into that cloud's identity (an IAM role trusted through OIDC on AWS, a user-assigned
 * managed identity with a federated credential on Azure). Pure: no constructs, no I/O.
 */
import { CLOUDS, type Cloud } from './gpu-catalog';

/** The stores a workload can be granted. */
export const STORE_KINDS = ['models', 'datasets', 'workload-logs'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** What a workload may do with a store. */
export const ACCESS_MODES = ['read', 'write'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

/** One kind of store: where it exists and what may be granted on it. */
export interface StoreKindSpec {
  /** The clouds that have this store. */
  readonly clouds: readonly Cloud[];
  /** The access modes that may be granted on it. */
  readonly modes: readonly AccessMode[];
  /** What it is on each cloud, for error messages and the docs. */
  readonly what: string;
}

export const STORES: Readonly<Record<StoreKind, StoreKindSpec>> = {
  models: {
    clouds: ['azure', 'aws'],
    modes: ['read', 'write'],
    what: "model artifacts: the Azure model store's `models` container, and each AWS region's distribution bucket under `models/`",
  },
  datasets: {
    clouds: ['azure'],
    modes: ['read', 'write'],
    what: "training data: the Azure model store's `datasets` container",
  },
  'workload-logs': {
    clouds: ['azure', 'aws'],
    // A log destination that a workload could read back would let it read other workloads' logs.
    modes: ['write'],
    what: "workloads' own logs: a CloudWatch log group per AWS region, a Log Analytics table per Azure region",
  },
};

/**
 * The key layout shared by both clouds' model stores: `models/<name>/<version>/<file>`, each
 * version with a `manifest.json` naming its training run, its files' digests and its publisher
 * (see docs/model-distribution.md). Grants on `models` are scoped to this prefix.
 */
export const MODEL_KEY_PREFIX = 'models/';
/** The file of each model version that records its lineage. */
export const MODEL_MANIFEST_FILE = 'manifest.json';

/** The object key of one file of a model version. */
export function modelArtifactKey(model: string, version: string, file: string): string {
  for (const [what, part] of [
    ['model', model],
    ['version', version],
  ] as const) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(part)) {
      throw new Error(`${what} "${part}" must be letters, digits, dots, underscores and hyphens`);
    }
  }
  return `${MODEL_KEY_PREFIX}${model}/${version}/${file}`;
}

/** One grant: a store on a cloud, and what may be done with it. */
export interface StoreAccess {
  readonly store: StoreKind;
  /** The cloud whose store is granted. */
  readonly cloud: Cloud;
  readonly mode: AccessMode;
}

/** A workload identity as config declares it, with defaults applied. */
export interface WorkloadIdentitySpec {
  /** Stable name: part of every role and identity name built from it. */
  readonly name: string;
  /** The clouds whose clusters run the workload. */
  readonly clouds: readonly Cloud[];
  /** Kubernetes namespace of the workload's service account. */
  readonly namespace: string;
  /** Kubernetes service account the workload's pods run as. */
  readonly serviceAccount: string;
  /**
   * What the workload may touch. An entry without a cloud means the store of the cloud the
   * workload runs on, so one entry serves a workload that runs on both.
   */
  readonly access: readonly { readonly store: StoreKind; readonly cloud?: Cloud; readonly mode: AccessMode }[];
}

/** A workload identity as it exists on one cloud: every grant resolved to a cloud. */
export interface CloudWorkloadIdentity {
  readonly name: string;
  /** The cloud whose clusters run it. */
  readonly cloud: Cloud;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** Grants on the stores of the cloud it runs on. */
  readonly local: readonly StoreAccess[];
  /** Grants on the other cloud's stores, reached through federation. */
  readonly crossCloud: readonly StoreAccess[];
}

/** The subject Kubernetes puts in a service account's tokens; federation pins trust to it. */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
  return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

/** The identities that run on `cloud`, with their grants resolved. */
export function identitiesOn(cloud: Cloud, identities: readonly WorkloadIdentitySpec[]): CloudWorkloadIdentity[] {
  return identities
    .filter((identity) => identity.clouds.includes(cloud))
    .map((identity) => {
      const access = identity.access.map((a) => ({ store: a.store, cloud: a.cloud ?? cloud, mode: a.mode }));
      return {
        name: identity.name,
        cloud,
        namespace: identity.namespace,
        serviceAccount: identity.serviceAccount,
        local: access.filter((a) => a.cloud === cloud),
        crossCloud: access.filter((a) => a.cloud !== cloud),
      };
    });
}

/**
 * The only cross-cloud direction this platform builds: AKS workloads federated into AWS (the
 * publish path). The reverse, EKS workloads into Azure, is not wired.
 */
export const CROSS_CLOUD_DIRECTIONS: readonly { readonly from: Cloud; readonly to: Cloud }[] = [
  { from: 'azure', to: 'aws' },
];

/** Whether a workload on `from` may be granted stores on `to`. */
export function crossCloudSupported(from: Cloud, to: Cloud): boolean {
  return from === to || CROSS_CLOUD_DIRECTIONS.some((d) => d.from === from && d.to === to);
}

/** What one identity may do on one cloud's stores, as a comparable list: `models:read`. */
export function accessSummary(access: readonly StoreAccess[]): string[] {
  return [...new Set(access.map((a) => `${a.store}:${a.mode}`))].sort();
}

/** One row of the identity parity view: which clouds run an identity and what it may touch there. */
export interface IdentityParityRow {
  readonly name: string;
  /** Per cloud that runs it: its grants on that cloud's own stores, then on the other's. */
  readonly clouds: Partial<Record<Cloud, { readonly local: string[]; readonly crossCloud: string[] }>>;
}

/** The identity parity view: every identity, where it runs, with which access. */
export function identityParityView(identities: readonly WorkloadIdentitySpec[]): IdentityParityRow[] {
  return identities.map((identity) => ({
    name: identity.name,
    clouds: Object.fromEntries(
      CLOUDS.flatMap((cloud) =>
        identitiesOn(cloud, [identity]).map((resolved) => [
          cloud,
          { local: accessSummary(resolved.local), crossCloud: accessSummary(resolved.crossCloud) },
        ]),
      ),
    ),
  }));
}
