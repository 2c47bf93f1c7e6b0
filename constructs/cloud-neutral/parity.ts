/**
 * Cluster parity: what each cloud's cluster actually built, described in cloud-neutral terms,
 * and a pool-by-pool comparison of the two. The descriptions are read back from the resources
 * the constructs configured (instance type, scaling, interfaces, encryption), then mapped
 * through the GPU catalog, so a wiring mistake on one cloud shows up as a difference.
 */
import {
  CLOUDS,
  GPU_MODEL_IDS,
  cpuArchitecture,
  fabricClass,
  gpuModel,
  nvlinkDomainNodes,
  type Cloud,
  type CpuArchitecture,
  type FabricClass,
  type GpuModelId,
} from './gpu-catalog';
import { accessSummary, identitiesOn, type StoreAccess, type WorkloadIdentitySpec } from './workload-identity';

/** One GPU pool as built. */
export interface PoolDescription {
  readonly name: string;
  /** AWS instance type or Azure VM size. */
  readonly sku: string;
  readonly gpuModel: GpuModelId;
  readonly gpusPerNode: number;
  readonly minGpus: number;
  readonly maxGpus: number;
  readonly gpuMemoryGiBPerGpu: number;
  /** RDMA when the nodes have the fabric wired (EFA interfaces / InfiniBand SKU), else TCP. */
  readonly fabric: FabricClass;
  readonly capacity: 'on-demand' | 'spot' | 'reserved';
  readonly cpuArchitecture: CpuArchitecture;
  /** Nodes of one multi-node NVLink domain (1: NVLink stops at the node). */
  readonly nvlinkDomainNodes: number;
  /** Whole NVLink domains at the pool's smallest and largest size. */
  readonly minDomains: number;
  readonly maxDomains: number;
}

/** One cluster as built. */
export interface ClusterDescription {
  readonly cloud: Cloud;
  readonly name: string;
  /** The API server is reachable on a private address inside the network. */
  readonly privateEndpoint: boolean;
  /** Kubernetes secrets are envelope-encrypted with a customer-managed key. */
  readonly cmkSecretsEncryption: boolean;
  /** Control-plane logs (API server and audit at least) go to the cloud's log service. */
  readonly controlPlaneLogs: boolean;
  readonly pools: readonly PoolDescription[];
}

/** One compared value that differs between the clouds. */
export interface ParityDifference {
  readonly field: string;
  readonly aws: unknown;
  readonly azure: unknown;
}

export interface PoolParity {
  readonly name: string;
  readonly matches: boolean;
  readonly differences: readonly ParityDifference[];
}

export interface ParityReport {
  /** Every compared value matched, for the pools on both clouds and the security settings. */
  readonly matches: boolean;
  readonly security: readonly ParityDifference[];
  /** Pools present on both clouds, compared. */
  readonly pools: readonly PoolParity[];
  /** Pools declared for one cloud only (for example Azure-only training): listed, not compared. */
  readonly onlyOn: Readonly<Record<Cloud, readonly string[]>>;
}

/** The catalog model and offering behind a SKU, for reading a built pool back. */
export function catalogEntryForSku(
  cloud: Cloud,
  sku: string,
): {
  model: GpuModelId;
  gpusPerNode: number;
  fabric: FabricClass;
  cpuArchitecture: CpuArchitecture;
  nvlinkDomainNodes: number;
} {
  for (const model of GPU_MODEL_IDS) {
    const offering = gpuModel(model).offerings[cloud]?.find((o) => o.sku === sku);
    if (offering) {
      return {
        model,
        gpusPerNode: offering.gpusPerNode,
        fabric: fabricClass(offering.fabric),
        cpuArchitecture: cpuArchitecture(offering),
        nvlinkDomainNodes: nvlinkDomainNodes(offering),
      };
    }
  }
  throw new Error(`${sku} is not a GPU SKU of ${cloud} in the catalog`);
}

/** Describes a built pool from its SKU, scaling and capacity. */
export function describePool(
  cloud: Cloud,
  built: {
    name: string;
    sku: string;
    min: number;
    max: number;
    fabricWired: boolean;
    capacity: PoolDescription['capacity'];
  },
): PoolDescription {
  const entry = catalogEntryForSku(cloud, built.sku);
  return {
    name: built.name,
    sku: built.sku,
    gpuModel: entry.model,
    gpusPerNode: entry.gpusPerNode,
    minGpus: built.min * entry.gpusPerNode,
    maxGpus: built.max * entry.gpusPerNode,
    gpuMemoryGiBPerGpu: gpuModel(entry.model).memoryGiBPerGpu,
    fabric: built.fabricWired && entry.fabric === 'rdma' ? 'rdma' : 'tcp',
    capacity: built.capacity,
    cpuArchitecture: entry.cpuArchitecture,
    nvlinkDomainNodes: entry.nvlinkDomainNodes,
    // Config validation makes rack-scale counts whole domains; a count that is not shows as a fraction.
    minDomains: built.min / entry.nvlinkDomainNodes,
    maxDomains: built.max / entry.nvlinkDomainNodes,
  };
}

const COMPARED_POOL_FIELDS = [
  'gpuModel',
  'gpusPerNode',
  'minGpus',
  'maxGpus',
  'gpuMemoryGiBPerGpu',
  'fabric',
  'capacity',
  'cpuArchitecture',
  'nvlinkDomainNodes',
  'minDomains',
  'maxDomains',
] as const;
const COMPARED_SECURITY_FIELDS = ['privateEndpoint', 'cmkSecretsEncryption', 'controlPlaneLogs'] as const;

function differences<T>(aws: T, azure: T, fields: readonly (keyof T & string)[]): ParityDifference[] {
  return fields.filter((f) => aws[f] !== azure[f]).map((f) => ({ field: f, aws: aws[f], azure: azure[f] }));
}

/** Compares the AWS and Azure clusters built from one spec, pool by pool. */
export function compareClusters(aws: ClusterDescription, azure: ClusterDescription): ParityReport {
  const byCloud = { aws, azure };
  const names = (cloud: Cloud) => byCloud[cloud].pools.map((p) => p.name);
  const shared = names('aws').filter((n) => names('azure').includes(n));
  const pools = shared.map((name) => {
    const found = differences(
      aws.pools.find((p) => p.name === name)!,
      azure.pools.find((p) => p.name === name)!,
      COMPARED_POOL_FIELDS,
    );
    return { name, matches: found.length === 0, differences: found };
  });
  const security = differences(aws, azure, COMPARED_SECURITY_FIELDS);
  const onlyOn = Object.fromEntries(
    CLOUDS.map((cloud) => [cloud, names(cloud).filter((n) => !shared.includes(n))]),
  ) as Record<Cloud, string[]>;
  return { matches: security.length === 0 && pools.every((p) => p.matches), security, pools, onlyOn };
}

/** A readable report, one line per pool, for test failures and `npm run parity`. */
export function formatParityReport(report: ParityReport): string {
  const lines = report.pools.map((p) =>
    p.matches
      ? `  ${p.name}: match`
      : `  ${p.name}: ${p.differences.map((d) => `${d.field} aws=${String(d.aws)} azure=${String(d.azure)}`).join('; ')}`,
  );
  const security =
    report.security.length === 0
      ? '  security: match'
      : `  security: ${report.security.map((d) => d.field).join(', ')} differ`;
  const onlyOn = CLOUDS.filter((c) => report.onlyOn[c].length > 0).map(
    (c) => `  only on ${c}: ${report.onlyOn[c].join(', ')}`,
  );
  return [report.matches ? 'parity: match' : 'parity: MISMATCH', security, ...lines, ...onlyOn].join('\n');
}

/**
 * One workload identity as built on one cloud's stores: the grants read back from the
 * permissions the cloud's constructs wrote (IAM statements, role assignments).
 */
export interface IdentityDescription {
  readonly name: string;
  /** The cloud whose stores the grants are on. */
  readonly cloud: Cloud;
  /** The cloud whose clusters run the workload (differs from `cloud` for a federated workload). */
  readonly runsOn: Cloud;
  readonly grants: readonly StoreAccess[];
}

/** An intended grant missing from what was built, or a built grant config never asked for. */
export interface IdentityParityProblem {
  readonly identity: string;
  readonly runsOn: Cloud;
  /** Whose stores. */
  readonly cloud: Cloud;
  readonly missing: readonly string[];
  readonly unexpected: readonly string[];
}

/**
 * Compares the identities one stack built on `cloud`'s stores with what config intends: every
 * identity granted `cloud`'s stores must be there with exactly its grants, and nothing else.
 */
export function compareIdentities(
  cloud: Cloud,
  intended: readonly WorkloadIdentitySpec[],
  built: readonly IdentityDescription[],
): IdentityParityProblem[] {
  const expected = CLOUDS.flatMap((runsOn) =>
    identitiesOn(runsOn, intended).map((identity) => ({
      identity: identity.name,
      runsOn,
      grants: accessSummary([...identity.local, ...identity.crossCloud].filter((g) => g.cloud === cloud)),
    })),
  ).filter((e) => e.grants.length > 0);
  const keyOf = (name: string, runsOn: Cloud) => `${name}@${runsOn}`;
  const builtByKey = new Map(built.map((b) => [keyOf(b.name, b.runsOn), accessSummary(b.grants)]));
  const problems: IdentityParityProblem[] = [];
  for (const e of expected) {
    const found = builtByKey.get(keyOf(e.identity, e.runsOn)) ?? [];
    builtByKey.delete(keyOf(e.identity, e.runsOn));
    const missing = e.grants.filter((g) => !found.includes(g));
    const unexpected = found.filter((g) => !e.grants.includes(g));
    if (missing.length + unexpected.length > 0) problems.push({ ...e, cloud, missing, unexpected });
  }
  for (const b of built.filter((d) => builtByKey.has(keyOf(d.name, d.runsOn)))) {
    problems.push({ identity: b.name, runsOn: b.runsOn, cloud, missing: [], unexpected: accessSummary(b.grants) });
  }
  return problems;
}
