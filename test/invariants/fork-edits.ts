/**
 * The fork check's edits: config-only changes a platform team makes when it forks the repo,
 * written as data. `fork-check.ts` applies each to a copy of the shipped config and checks
 * that the result validates, synthesizes and keeps every invariant (`invariants.ts`).
 *
 * Each edit finds its target in whatever config it is given (the environment, a free CIDR, an
 * unused region or pool name), so the check holds for a fork's config as well as for the shipped
 * one. A fork adds its own edits to {@link FORK_EDITS}.
 */
import { awsZoneIds } from '../../constructs/cloud-neutral/cloud-facts';
import { GPU_MODEL_IDS } from '../../constructs/cloud-neutral/gpu-catalog';
import { isAwsZoneId } from '../../constructs/cloud-neutral/zones';
import { carveNetworks, cidrsIn } from '../../tools/bench/scale-config';
import { BASELINE_OWNED_ELSEWHERE, configProblems, type ConfigInput } from '../helpers/config-fixture';

export interface ForkEdit {
  /** Short id, used in test names. */
  readonly name: string;
  /** What the edit does, as a fork would say it. */
  readonly description: string;
  /**
   * Changes the config (raw JSON, as in the file) in place, adapting to what the config has;
   * throws {@link CannotApply} with the reason when the config gives it nothing to apply to.
   */
  apply(config: ConfigInput): void;
  /**
   * The edit only adds (a region, an environment): every stack the config had before
   * synthesizes byte-identical after it. Default false.
   */
  readonly keepsExistingStacks?: boolean;
  /**
   * With {@link keepsExistingStacks}: the edit adds an AWS region, and the account stack, which
   * declares the federated roles' grants on every region's stores beside the roles, gains that
   * region's grants; every resource it had stays byte-identical. Default false.
   */
  readonly growsAccountStack?: boolean;
}

/** An edit that does not apply to a config: the fork check skips it, saying why. */
export class CannotApply extends Error {}

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
  if (!found) throw new CannotApply(`every candidate ${what} is taken: ${candidates.join(', ')}`);
  return found;
}

/**
 * Applies the first of `variants` after which the config validates (a region whose facts fit the
 * config's pools, a model every region offers), or throws {@link CannotApply} listing what was tried.
 */
function firstValid<T>(
  config: ConfigInput,
  variants: readonly T[],
  apply: (config: ConfigInput, variant: T) => void,
  what: string,
): void {
  const tried: string[] = [];
  for (const variant of variants) {
    const copy = structuredClone(config);
    apply(copy, variant);
    const problems = configProblems(copy);
    if (problems.length === 0) {
      apply(config, variant);
      return;
    }
    tried.push(`${JSON.stringify(variant)}: ${problems[0]}`);
  }
  throw new CannotApply(`no ${what} fits this config:\n  ${tried.join('\n  ')}`);
}

/** Windows of `count` consecutive zones of an AWS region, as the config writes zones (IDs or names). */
function awsZoneChoices(region: string, count: number, byId: boolean): string[][] {
  const ids = awsZoneIds(region) ?? [];
  const zones = byId ? ids : ids.map((_, i) => `${region}${String.fromCharCode(97 + i)}`);
  return Array.from({ length: Math.max(0, zones.length - count + 1) }, (_, i) => zones.slice(i, i + count));
}

function addAwsRegion(config: ConfigInput, zoneCount: number): void {
  const regions = targetEnvironment(config).aws.regions;
  const byId = isAwsZoneId(regions[0].availabilityZones[0]);
  const candidates = ['us-west-2', 'us-east-2', 'eu-west-2', 'eu-north-1', 'ap-northeast-1', 'ap-southeast-2']
    .filter((region) => !regions.some((r: ConfigInput) => r.region === region))
    .flatMap((region) => awsZoneChoices(region, zoneCount, byId).map((zones) => ({ region, zones })));
  const cidr = freeCidr(config);
  firstValid(
    config,
    candidates,
    (c, { region, zones }) => targetEnvironment(c).aws.regions.push({ region, cidr, availabilityZones: zones }),
    `${zoneCount}-zone AWS region`,
  );
}

export const FORK_EDITS: readonly ForkEdit[] = [
  {
    name: 'add-aws-region',
    description: 'Add a three-zone AWS region',
    apply: (config) => addAwsRegion(config, 3),
    keepsExistingStacks: true,
    growsAccountStack: true,
  },
  {
    name: 'add-azure-region',
    description: 'Add a three-zone Azure region',
    apply(config) {
      const regions = targetEnvironment(config).azure.regions;
      const cidr = freeCidr(config);
      firstValid(
        config,
        ['swedencentral', 'westus3', 'northeurope', 'uksouth', 'centralus', 'westeurope'].filter(
          (region) => !regions.some((r: ConfigInput) => r.region === region),
        ),
        (c, region) => targetEnvironment(c).azure.regions.push({ region, cidr, availabilityZones: ['1', '2', '3'] }),
        'three-zone Azure region',
      );
    },
    keepsExistingStacks: true,
  },
  {
    name: 'add-region-fewer-zones',
    description: 'Add a two-zone AWS region beside three-zone ones',
    apply: (config) => addAwsRegion(config, 2),
    keepsExistingStacks: true,
    growsAccountStack: true,
  },
  {
    name: 'add-environment',
    description: 'Add a staging environment: a copy of the first, in the same accounts, with networks of its own',
    apply(config) {
      const names = Object.keys(config.environments);
      const copy = structuredClone(config.environments[names[0]]);
      // The environment it copies already creates what its account and subscription hold once:
      // the service-linked roles, the trail (which records every platform model store in the
      // account), the security baseline of its account, regions and subscription, and the Activity
      // Log export.
      copy.aws.serviceLinkedRoles = 'existing';
      copy.aws.cloudTrail = 'existing';
      copy.aws.baseline = BASELINE_OWNED_ELSEWHERE;
      copy.azure.activityLog = 'existing';
      copy.azure.baseline = { ...copy.azure.baseline, defenderPlans: 'existing', activityLogAlerts: 'existing' };
      const name = firstUnused(['staging', 'stage', 'qa'], names, 'environment name');
      config.environments[name] = copy;
      for (const region of [...copy.aws.regions, ...copy.azure.regions]) region.cidr = freeCidr(config);
    },
    keepsExistingStacks: true,
  },
  {
    name: 'add-one-cloud-pool',
    description: 'Add an AWS-only pool of a model Azure does not offer (L40S, L4 or B200), in the regions that have it',
    apply(config) {
      const env = targetEnvironment(config);
      const name = firstUnused(
        ['edge', 'edge2', 'edge3'],
        env.gpuPools.map((p: ConfigInput) => p.name),
        'pool name',
      );
      const regions: string[] = env.aws.regions.map((r: ConfigInput) => r.region);
      // Each model in each AWS region alone, then in all: the first placement the facts allow.
      const variants = ['l40s', 'l4', 'b200'].flatMap((gpuModel) => [
        { gpuModel, regions },
        ...regions.map((region) => ({ gpuModel, regions: [region] })),
      ]);
      firstValid(
        config,
        variants,
        (c, variant) =>
          targetEnvironment(c).gpuPools.push({
            name,
            ...variant,
            clouds: ['aws'],
            purpose: 'inference',
            nodes: { min: 0, desired: 0, max: 2 },
            capacity: { type: 'on-demand' },
          }),
        'AWS-only model and placement',
      );
    },
  },
  {
    name: 'change-pool-model',
    description: "Switch a pool's GPU model to another the catalog offers on its clouds, in its regions",
    apply(config) {
      const pools = targetEnvironment(config).gpuPools;
      if (pools.length === 0) throw new CannotApply('the environment has no GPU pool');
      const variants: { index: number; gpuModel: string }[] = pools.flatMap((pool: ConfigInput, index: number) =>
        GPU_MODEL_IDS.filter((model) => model !== pool.gpuModel).map((gpuModel) => ({ index, gpuModel })),
      );
      firstValid(
        config,
        variants,
        (c, { index, gpuModel }) => {
          const pool = targetEnvironment(c).gpuPools[index];
          pool.gpuModel = gpuModel;
          delete pool.gpusPerNode;
        },
        'other GPU model for a pool',
      );
    },
  },
  {
    name: 'drop-link',
    description: 'Turn off the site-to-site link of the first environment that has it on',
    apply(config) {
      const env = Object.values(config.environments).find((e: ConfigInput) => e.link.enabled !== false);
      if (!env) throw new CannotApply('no environment has the link on');
      (env as ConfigInput).link.enabled = false;
    },
  },
  {
    name: 'share-account-bare',
    description:
      "Move an environment into another's AWS account, relying on its service-linked roles, trail and security baseline, with no workload identities",
    apply(config) {
      const names = Object.keys(config.environments);
      if (names.length < 2)
        throw new CannotApply('the config has one environment: there is no other account to move into');
      const [owner, guest] = [config.environments[names[0]], config.environments[names[1]]];
      guest.aws.accountId = owner.aws.accountId;
      guest.aws.serviceLinkedRoles = 'existing';
      guest.aws.cloudTrail = 'existing';
      guest.aws.baseline = BASELINE_OWNED_ELSEWHERE;
      guest.workloadIdentities = [];
      // Admin ARNs name their account: move them with it.
      guest.kubernetes.admins.awsPrincipalArns = owner.kubernetes.admins.awsPrincipalArns;
      delete guest.aws.adminPrincipalArns;
    },
  },
];
