/**
 * Turns one validated environment of the config into the cloud-neutral spec objects the stacks
 * are built from. Pure: no constructs, no I/O.
 */
import type { ClusterSpec } from '../constructs/cloud-neutral/cluster';
import type { Cloud } from '../constructs/cloud-neutral/gpu-catalog';
import {
  poolGpusPerNode,
  poolLandsIn,
  poolZoneIndexes,
  type CapacitySpec,
  type GpuPoolSpec,
} from '../constructs/cloud-neutral/gpu-pool';
import type { AwsIdentitySpec, AzureIdentitySpec } from '../constructs/cloud-neutral/identity';
import type { LoggingSpec } from '../constructs/cloud-neutral/logging';
import type { NetworkSpec } from '../constructs/cloud-neutral/network';
import type { CloudRole } from '../constructs/cloud-neutral/naming';
import type { ModelStoreSpec } from '../constructs/cloud-neutral/model-store';
import type { ModelSigningSpec } from '../constructs/cloud-neutral/model-signing';
import type { TagSpec } from '../constructs/cloud-neutral/tags';
import type { WorkloadIdentitySpec } from '../constructs/cloud-neutral/workload-identity';
import type { PolicySettings } from '../constructs/checks/policy/gate';
import type { AwsBaselineSpec } from '../constructs/cloud-neutral/baseline';
import type { EnvironmentConfig, GpuPoolConfig, PlatformConfig, STACK_KINDS, StateBackendConfig } from './schema';

/** The kind of a stack, as suppressions name it. */
export type StackKind = (typeof STACK_KINDS)[number];

/** Everything the stacks of one environment are built from. */
export interface EnvironmentSpec {
  readonly name: string;
  readonly logging: LoggingSpec;
  readonly backend: StateBackendConfig;
  /**
   * The policy gate's settings for one stack: the environment's, with the config suppressions of
   * the stack's kind and region, addressed to that stack's resources.
   */
  policyFor(kind: StackKind, stackName: string, region?: string): PolicySettings;
  readonly aws: CloudSpec<AwsIdentitySpec> & {
    readonly natGateways: 'one-per-zone' | 'single';
    /** Create the account's service-linked roles, or look up the existing ones. */
    readonly serviceLinkedRoles: 'create' | 'existing';
    /** Which parts of the account's security baseline this environment creates. */
    readonly baseline: AwsBaselineSpec;
    /** The role the boundary lets change the audit chain; none when undefined. */
    readonly breakGlassRoleArn?: string;
    /** Create the account's trail in this environment, or rely on another's. */
    readonly cloudTrail: 'create' | 'existing';
    /** The boundary on every IAM role: created by the account stack (`platform`), or this policy ARN. */
    readonly permissionsBoundary: 'platform' | string;
    /** Principals that administer the model stores; every other principal not granted them is denied. */
    readonly adminPrincipalArns: readonly string[];
  };
  readonly azure: CloudSpec<AzureIdentitySpec> & {
    readonly networkWatcher: 'create' | 'existing';
    /** Create the subscription's Activity Log setting in this environment, or rely on another's. */
    readonly activityLog: 'create' | 'existing';
    /** The audit archives: replication, and the regions whose archive is locked. */
    readonly auditArchive: EnvironmentConfig['azure']['auditArchive'];
    /** The subscription's security baseline: created here, or a landing zone's. */
    readonly baseline: EnvironmentConfig['azure']['baseline'];
  };
  /** The site-to-site link between the primary regions, or undefined when turned off. */
  readonly link?: { readonly awsAsn: number; readonly azureAsn: number };
  /** The platform's short name, first part of every resource name. */
  readonly platform: string;
  /** Cluster settings shared by both clouds; each region's cluster is built by {@link clusterSpec}. */
  readonly kubernetes: EnvironmentConfig['kubernetes'];
  /** Extra Azure settings: the cluster Key Vault's name, who may reach it, and how its keys are protected. */
  readonly azureKeyVault: {
    readonly name?: string;
    readonly deployerCidrs: readonly string[];
    readonly keyProtection: 'software' | 'hsm';
  };
  /** Who alarms notify. */
  readonly alerts: { readonly emails: readonly string[] };
  /** The link's service level (used when the link is on). */
  readonly linkObjectives: { readonly minTunnelsUp: number; readonly alarmAfterMinutes: number };
  /** The workloads of the model distribution path and what each may touch. */
  readonly workloads: readonly WorkloadIdentitySpec[];
  readonly modelStores: ModelStoreSpec;
  /** How model releases are signed and their signing key rotated. */
  readonly modelSigning: ModelSigningSpec & { readonly vaultName?: string };
  /** The tag set for a stack of the given role. */
  tags(role: CloudRole | 'link'): TagSpec;
}

export interface CloudSpec<I> {
  readonly identity: I;
  /** One network per region, in config order; the first is the primary region. */
  readonly networks: readonly NetworkSpec[];
  /**
   * The pools this cloud builds in one of its regions: those whose `regions` include it (all, by
   * default), each with that region's reservation. A pool that names no zones uses every zone of
   * the region (`zoneIndexes: 'all'`), so a region's pools depend on its own zones only.
   */
  gpuPoolsIn(region: string): readonly GpuPoolSpec[];
}

/** A pool's capacity in one region of one cloud: a reservation belongs to one region. */
function capacityIn(capacity: GpuPoolConfig['capacity'], region: string): CapacitySpec {
  if (capacity.type !== 'reserved') return capacity;
  const { aws, azure } = capacity;
  const awsTarget = aws && (aws.regions?.[region] ?? aws);
  const azureGroup = azure && (azure.regions?.[region]?.capacityReservationGroupId ?? azure.capacityReservationGroupId);
  return {
    type: 'reserved',
    aws: awsTarget && {
      capacityReservationId: awsTarget.capacityReservationId,
      capacityReservationResourceGroupArn: awsTarget.capacityReservationResourceGroupArn,
      capacityBlock: aws.capacityBlock,
    },
    azure: azureGroup ? { capacityReservationGroupId: azureGroup } : undefined,
  };
}

function gpuPoolSpec(pool: GpuPoolConfig, region: string): GpuPoolSpec {
  return {
    name: pool.name,
    model: pool.gpuModel,
    gpusPerNode: poolGpusPerNode(pool.gpuModel, pool.gpusPerNode),
    purpose: pool.purpose,
    nodes: pool.nodes,
    capacity: capacityIn(pool.capacity, region),
    fabric: pool.fabric,
    zoneIndexes: poolZoneIndexes(pool),
    gpuDriver: pool.gpuDriver,
    diskGiB: pool.diskGiB,
  };
}

function poolsIn(cloud: Cloud, env: EnvironmentConfig, region: string): GpuPoolSpec[] {
  return env.gpuPools
    .filter((p) => p.clouds.includes(cloud) && poolLandsIn(p, region))
    .map((p) => gpuPoolSpec(p, region));
}

function networks(platform: string, envName: string, regions: EnvironmentConfig['aws']['regions']): NetworkSpec[] {
  return regions.map((r) => ({
    name: `${platform}-${envName}-${r.region}`,
    region: r.region,
    cidr: r.cidr,
    zones: r.availabilityZones,
  }));
}

/** @param today the day the policy gate judges support dates on (`YYYY-MM-DD`). */
export function environmentSpec(config: PlatformConfig, envName: string, today: string): EnvironmentSpec {
  const env = config.environments[envName];
  if (!env) throw new Error(`environment "${envName}" is not in the config`);
  const platform = config.platform.name;
  return {
    name: envName,
    platform,
    kubernetes: env.kubernetes,
    azureKeyVault: {
      name: env.azure.keyVaultName,
      deployerCidrs: env.azure.deployerCidrs,
      keyProtection: env.azure.keyProtection,
    },
    link: env.link.enabled ? { awsAsn: env.link.awsAsn, azureAsn: env.link.azureAsn } : undefined,
    logging: env.logging,
    alerts: env.alerts,
    linkObjectives: env.link.objectives,
    workloads: env.workloadIdentities,
    modelStores: env.modelStores,
    modelSigning: env.modelSigning,
    backend: env.stateBackend,
    policyFor: (kind, stackName, region) => ({
      production: env.policy.production,
      minimumLogRetentionDays: env.policy.minimumLogRetentionDays,
      today,
      suppressions: env.policy.suppressions.flatMap((s, i) =>
        s.stack === kind && (s.regions === undefined || (region !== undefined && s.regions.includes(region)))
          ? [
              {
                rule: s.rule,
                resource: `${stackName}/${s.resource}`,
                reason: s.reason,
                configPath: `environments.${envName}.policy.suppressions[${i}]`,
              },
            ]
          : [],
      ),
    }),
    aws: {
      identity: { cloud: 'aws', accountId: env.aws.accountId },
      networks: networks(platform, envName, env.aws.regions),
      gpuPoolsIn: (region) => poolsIn('aws', env, region),
      natGateways: env.aws.natGateways,
      serviceLinkedRoles: env.aws.serviceLinkedRoles,
      baseline: env.aws.baseline,
      breakGlassRoleArn: env.aws.breakGlassRoleArn,
      permissionsBoundary: env.aws.permissionsBoundary,
      cloudTrail: env.aws.cloudTrail,
      adminPrincipalArns: env.aws.adminPrincipalArns ?? env.kubernetes.admins.awsPrincipalArns,
    },
    azure: {
      identity: { cloud: 'azure', subscriptionId: env.azure.subscriptionId, tenantId: env.azure.tenantId },
      networks: networks(platform, envName, env.azure.regions),
      gpuPoolsIn: (region) => poolsIn('azure', env, region),
      networkWatcher: env.azure.networkWatcher,
      activityLog: env.azure.activityLog,
      auditArchive: env.azure.auditArchive,
      baseline: env.azure.baseline,
    },
    tags: (role) => ({
      platform,
      environment: envName,
      cloudRole: role,
      owner: env.tags.owner,
      costCenter: env.tags.costCenter,
      lineage: env.logging.lineageTags,
    }),
  };
}

/** The cluster of one region: its network's name, the environment's Kubernetes settings, the cloud's GPU pools. */
export function clusterSpec(env: EnvironmentSpec, network: NetworkSpec, gpuPools: readonly GpuPoolSpec[]): ClusterSpec {
  return {
    name: network.name,
    kubernetesVersion: env.kubernetes.version,
    systemPool: env.kubernetes.systemPool,
    gpuPools,
    publicAccessCidrs: env.kubernetes.publicAccessCidrs,
  };
}
