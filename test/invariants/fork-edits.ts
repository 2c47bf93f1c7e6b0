/**
 * The fork check's edits: config-only changes a platform team makes when it forks the repo,
 * written as data. `fork-check.ts` applies each to a copy of the shipped config and checks
 * that the result validates, synthesizes and keeps every invariant (`invariants.ts`).
 *
 * Each edit finds its target in whatever config it is given (the environment, a free CIDR, an
 * unused region or pool name), so the check holds for a fork's config as well as for the shipped
 * one. A fork adds its own edits to {@link FORK_EDITS}.
 */
import { awsZoneIdPrefix, isAwsZoneId } from '../../constructs/spec/zones';
import { carveNetworks, cidrsIn } from '../../tools/bench/scale-config';
import type { ConfigInput } from '../helpers/config-fixture';

export interface ForkEdit {
  /** Short id, used in test names. */
  readonly name: string;
  /** What the edit does, as a fork would say it. */
  readonly description: string;
  /** Changes the config (raw JSON, as in the file) in place. */
  apply(config: ConfigInput): void;
  /**
   * The edit only adds (a region, an environment): every stack the config had before
   * synthesizes byte-identical after it. Default false.
   */
  readonly keepsExistingStacks?: boolean;
}

/** The environment most edits change: `prod` when the config has one, else the first. */
export function targetEnvironment(config: ConfigInput): ConfigInput {
  const names = Object.keys(config.environments);
  return config.environments[names.includes('prod') ? 'prod' : names[0]];
}

/** A /16 of 10.0.0.0/8 that overlaps no CIDR written anywhere in the config's environments. */
function freeCidr(config: ConfigInput): string {
  return carveNetworks(1, cidrsIn(config.environments))[0];
}

function firstUnused(candidates: readonly string[], taken: readonly string[], what: string): string {
  const found = candidates.find((c) => !taken.includes(c));
  if (!found) throw new Error(`every candidate ${what} is taken: ${candidates.join(', ')}`);
  return found;
}

/** `count` zones of an AWS region: zone IDs (`usw2-az1`) when the environment's primary region uses IDs, else names. */
function awsZones(region: string, count: number, byId: boolean): string[] {
  const prefix = awsZoneIdPrefix(region);
  return Array.from({ length: count }, (_, i) =>
    byId && prefix ? `${prefix}-az${i + 1}` : `${region}${String.fromCharCode(97 + i)}`,
  );
}

function addAwsRegion(config: ConfigInput, zoneCount: number): void {
  const regions = targetEnvironment(config).aws.regions;
  const region = firstUnused(
    ['us-west-2', 'eu-central-1', 'ap-southeast-2', 'us-east-2', 'ca-central-1'],
    regions.map((r: ConfigInput) => r.region),
    'AWS region',
  );
  const byId = isAwsZoneId(regions[0].availabilityZones[0]);
  regions.push({ region, cidr: freeCidr(config), availabilityZones: awsZones(region, zoneCount, byId) });
}

export const FORK_EDITS: readonly ForkEdit[] = [
  {
    name: 'add-aws-region',
    description: 'Add a three-zone AWS region',
    apply: (config) => addAwsRegion(config, 3),
    keepsExistingStacks: true,
  },
  {
    name: 'add-azure-region',
    description: 'Add a three-zone Azure region',
    apply(config) {
      const regions = targetEnvironment(config).azure.regions;
      const region = firstUnused(
        ['westus3', 'swedencentral', 'northeurope', 'uksouth', 'centralus'],
        regions.map((r: ConfigInput) => r.region),
        'Azure region',
      );
      regions.push({ region, cidr: freeCidr(config), availabilityZones: ['1', '2', '3'] });
    },
    keepsExistingStacks: true,
  },
  {
    name: 'add-region-fewer-zones',
    description: 'Add a two-zone AWS region beside three-zone ones',
    apply: (config) => addAwsRegion(config, 2),
    keepsExistingStacks: true,
  },
  {
    name: 'add-environment',
    description: 'Add a staging environment: a copy of the first, in the same accounts, with networks of its own',
    apply(config) {
      const names = Object.keys(config.environments);
      const copy = structuredClone(config.environments[names[0]]);
      // The environment it copies already creates what its account and subscription hold once:
      // the service-linked roles, the trail (which records every platform model store in the
      // account) and the Activity Log export.
      copy.aws.serviceLinkedRoles = 'existing';
      copy.aws.cloudTrail = 'existing';
      copy.azure.activityLog = 'existing';
      const name = firstUnused(['staging', 'stage', 'qa'], names, 'environment name');
      config.environments[name] = copy;
      // Suppressions name resources by construct path, stack first: the copy's stacks are its own.
      for (const s of copy.policy?.suppressions ?? []) s.resource = s.resource.replace(`${names[0]}-`, `${name}-`);
      for (const region of [...copy.aws.regions, ...copy.azure.regions]) region.cidr = freeCidr(config);
    },
    keepsExistingStacks: true,
  },
  {
    name: 'add-one-cloud-pool',
    description: 'Add an AWS-only pool of a model Azure does not offer (L40S)',
    apply(config) {
      const pools = targetEnvironment(config).gpuPools;
      pools.push({
        name: firstUnused(
          ['edge', 'edge2', 'edge3'],
          pools.map((p: ConfigInput) => p.name),
          'pool name',
        ),
        gpuModel: 'l40s',
        clouds: ['aws'],
        purpose: 'inference',
        nodes: { min: 0, desired: 0, max: 2 },
        capacity: { type: 'on-demand' },
      });
    },
  },
  {
    name: 'change-pool-model',
    description: "Switch a one-GPU-per-node pool's model between T4 and A10",
    apply(config) {
      const pool = targetEnvironment(config).gpuPools.find(
        (p: ConfigInput) => ['t4', 'a10'].includes(p.gpuModel) && !p.fabric && (p.gpusPerNode ?? 1) === 1,
      );
      if (!pool) throw new Error('no one-GPU T4 or A10 pool to switch');
      pool.gpuModel = pool.gpuModel === 't4' ? 'a10' : 't4';
    },
  },
  {
    name: 'drop-link',
    description: 'Turn off the site-to-site link of the first environment that has it on',
    apply(config) {
      const env = Object.values(config.environments).find((e: ConfigInput) => e.link.enabled !== false);
      if (!env) throw new Error('no environment has the link on');
      (env as ConfigInput).link.enabled = false;
    },
  },
  {
    name: 'share-account-bare',
    description:
      "Move an environment into another's AWS account, relying on its service-linked roles and trail, with no workload identities",
    apply(config) {
      const names = Object.keys(config.environments);
      if (names.length < 2) throw new Error('needs two environments');
      const [owner, guest] = [config.environments[names[0]], config.environments[names[1]]];
      guest.aws.accountId = owner.aws.accountId;
      guest.aws.serviceLinkedRoles = 'existing';
      guest.aws.cloudTrail = 'existing';
      guest.workloadIdentities = [];
      // Admin ARNs name their account: move them with it.
      guest.kubernetes.admins.awsPrincipalArns = owner.kubernetes.admins.awsPrincipalArns;
      delete guest.aws.adminPrincipalArns;
    },
  },
];
