/**
 * Invariants: what holds for any valid config, whatever its environments, regions, accounts and
 * pools. Each is a pure function of a synthesized platform that returns its violations, one line
 * each; none pins the shipped config's content. The shipped-config test runs them on
 * `config/platform.json`, and the fork check on every edit of it in `fork-edits.ts`.
 */
import { TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { PlatformConfig } from '../../config/schema';
import { checkPrerequisites, formatFindings } from '../../constructs/checks/prerequisites';
import { STATEFUL_TYPES } from '../../constructs/checks/policy/rules/data-protection';
import {
  nsgRuleAdmitsFromWorld,
  securityGroupRuleAdmitsFromWorld,
} from '../../constructs/checks/policy/rules/network-exposure';
import type { StackJson } from '../../constructs/shared/stack-json';
import { isTaggable } from '../../constructs/shared/tagging';
import { cidrsOverlap, mustParseCidr } from '../../constructs/cloud-neutral/cidr';
import { CLOUDS, isRackScaleModel, type Cloud } from '../../constructs/cloud-neutral/gpu-catalog';
import {
  awsAccountStackName,
  awsDistributionStackName,
  azureHostStackName,
  linkStackName,
} from '../../constructs/cloud-neutral/naming';
import { compareClusters, formatParityReport, type ClusterDescription } from '../../constructs/cloud-neutral/parity';
import { REQUIRED_TAG_KEYS } from '../../constructs/cloud-neutral/tags';
import { plannedPools } from '../../stacks/capacity-ledger';
import { expectedStackNames, type EnvironmentStacks } from '../../stacks/platform';
import { checkDay } from '../../config/dated-checks';

type Resource = Record<string, unknown>;
type EnvironmentConfig = PlatformConfig['environments'][string];

/** A synthesized platform, as the invariants read it. */
export interface SynthesizedPlatform {
  /** The validated config it was built from. */
  readonly config: PlatformConfig;
  /** Every synthesized stack, by name. */
  readonly stacks: ReadonlyMap<string, StackJson>;
  /** Each environment's clusters as built, read back from the constructs (`describe()`). */
  readonly clusters: Readonly<Record<string, Readonly<Record<Cloud, readonly ClusterDescription[]>>>>;
  /** Terraform types whose resources take tags, found in the construct tree. */
  readonly taggableTypes: ReadonlySet<string>;
}

export interface Invariant {
  /** What holds, as a test name. */
  readonly name: string;
  /** The violations, one line each; empty when the invariant holds. */
  violations(platform: SynthesizedPlatform): string[];
}

/** Which stack of which environment, and what it is. */
interface PlannedStack {
  readonly name: string;
  readonly env: string;
  readonly kind: 'azure-host' | 'aws-dist' | 'aws-account' | 'link';
  readonly region?: string;
}

/** The stacks each environment of the config should have, derived from the config alone. */
function plannedStacks(config: PlatformConfig): PlannedStack[] {
  return Object.entries(config.environments).flatMap(([env, e]): PlannedStack[] => [
    ...e.azure.regions.map((r) => ({
      name: azureHostStackName(env, r.region),
      env,
      kind: 'azure-host' as const,
      region: r.region,
    })),
    { name: awsAccountStackName(env), env, kind: 'aws-account' },
    ...e.aws.regions.map((r) => ({
      name: awsDistributionStackName(env, r.region),
      env,
      kind: 'aws-dist' as const,
      region: r.region,
    })),
    ...(e.link.enabled ? [{ name: linkStackName(env), env, kind: 'link' as const }] : []),
  ]);
}

function resources(stack: StackJson, type: string): [string, Resource][] {
  return Object.entries(stack.resource?.[type] ?? {});
}

/** The resource of a type whose `key` attribute is `name`, in a stack that may be absent. */
function named(stack: StackJson | undefined, type: string, key: string, name: string): Resource | undefined {
  return stack && resources(stack, type).find(([, r]) => r[key] === name)?.[1];
}

/** Every resource of a stack, with its address. */
function allResources(stack: StackJson): [string, string, Resource][] {
  return Object.entries(stack.resource ?? {}).flatMap(([type, byId]) =>
    Object.entries(byId).map(([id, r]): [string, string, Resource] => [type, id, r]),
  );
}

/** Runs `check` on each planned stack that was synthesized. */
function eachStack(
  platform: SynthesizedPlatform,
  check: (planned: PlannedStack, stack: StackJson, env: EnvironmentConfig) => string[],
): string[] {
  return plannedStacks(platform.config).flatMap((planned) => {
    const stack = platform.stacks.get(planned.name);
    return stack ? check(planned, stack, platform.config.environments[planned.env]) : [];
  });
}

/** The zones a pool of the config should use in a region: its named ones, the first for fabric, else all. */
function expectedPoolZones(pool: EnvironmentConfig['gpuPools'][number], regionZones: readonly string[]): string[] {
  if (pool.zones) return pool.zones.map((i) => regionZones[i - 1]);
  return pool.fabric || isRackScaleModel(pool.gpuModel) ? regionZones.slice(0, 1) : [...regionZones];
}

/** Whether a pool of the config lands in a region: every region of its clouds, or its `regions`. */
function landsIn(pool: EnvironmentConfig['gpuPools'][number], cloud: Cloud, region: string): boolean {
  return pool.clouds.includes(cloud) && (pool.regions === undefined || pool.regions.includes(region));
}

/** Keys that hold a pre-shared key on either cloud. */
const PSK_KEYS = new Set(['shared_key', 'preshared_key', 'tunnel1_preshared_key', 'tunnel2_preshared_key']);

/** Every `[path, value]` under `node` whose key is a pre-shared-key key, at any depth. */
export function pskEntries(node: unknown, path: string[] = []): [string, unknown][] {
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => [
    ...(PSK_KEYS.has(key) ? [[[...path, key].join('.'), value] as [string, unknown]] : []),
    ...pskEntries(value, [...path, key]),
  ]);
}

export const INVARIANTS: readonly Invariant[] = [
  {
    name: 'every environment has its stacks: a host per Azure region, a distribution per AWS region, its account, and the link unless off',
    violations({ config, stacks }) {
      const planned = plannedStacks(config).map((s) => s.name);
      const listed = expectedStackNames(config);
      return [
        ...planned.filter((n) => !stacks.has(n)).map((n) => `${n}: not synthesized`),
        ...[...stacks.keys()].filter((n) => !planned.includes(n)).map((n) => `${n}: synthesized, not in the config`),
        ...(JSON.stringify([...listed].sort()) === JSON.stringify([...planned].sort())
          ? []
          : [`expectedStackNames lists ${listed.join(', ')}`]),
      ];
    },
  },
  {
    name: "every stack's providers are pinned to its environment's account or subscription, and its region",
    violations: (platform) =>
      eachStack(platform, ({ name, kind, region }, stack, env) => {
        const found: string[] = [];
        const aws = stack.provider?.aws?.[0];
        const azure = stack.provider?.azurerm?.[0];
        if (kind !== 'azure-host') {
          const pinnedRegion = kind === 'aws-dist' ? region : env.aws.regions[0].region;
          if (
            JSON.stringify(aws?.allowed_account_ids) !== JSON.stringify([env.aws.accountId]) ||
            aws?.region !== pinnedRegion
          )
            found.push(`${name}: aws provider ${JSON.stringify(aws)}`);
        }
        if (kind === 'azure-host' || kind === 'link') {
          if (azure?.subscription_id !== env.azure.subscriptionId || azure?.tenant_id !== env.azure.tenantId)
            found.push(`${name}: azurerm provider names subscription ${String(azure?.subscription_id)}`);
        }
        return found;
      }),
  },
  {
    name: 'every GPU pool on both clouds matches across them, in every pair of regions',
    violations: ({ clusters }) =>
      Object.entries(clusters).flatMap(([env, byCloud]) =>
        byCloud.aws.flatMap((aws) =>
          byCloud.azure
            .map((azure) => ({ pair: `${env}: ${aws.name} vs ${azure.name}`, report: compareClusters(aws, azure) }))
            .filter(({ report }) => !report.matches)
            .map(({ pair, report }) => `${pair}\n${formatParityReport(report)}`),
        ),
      ),
  },
  {
    name: 'every cloud builds exactly the GPU pools the config gives it, in every region, and only where they land',
    violations: ({ config, clusters }) =>
      Object.entries(clusters).flatMap(([env, byCloud]) =>
        CLOUDS.flatMap((cloud) =>
          byCloud[cloud].flatMap((c) => {
            const e = config.environments[env];
            const region = e[cloud].regions.find(
              (r) => c.name === `${config.platform.name}-${env}-${r.region}`,
            )?.region;
            if (!region) return [`${env} ${cloud} ${c.name}: no region of the config has this cluster`];
            const wanted = e.gpuPools.filter((p) => landsIn(p, cloud, region)).map((p) => p.name);
            const built = c.pools.map((p) => p.name);
            return JSON.stringify(built) === JSON.stringify(wanted)
              ? []
              : [`${env} ${cloud} ${c.name}: builds ${built.join(', ')}; config: ${wanted.join(', ')}`];
          }),
        ),
      ),
  },
  {
    name: 'the capacity ledger reads every node group and node pool as the config asks for it (SKU, GPUs per node, counts, capacity kind, region), and no other',
    violations: ({ config, stacks }) => plannedPools(config, stacks, checkDay()).problems,
  },
  {
    name: 'GPU nodes of a pool on both clouds carry the same labels and taints on both',
    violations({ config, stacks }) {
      const awsTaint = (t: Record<string, string>) =>
        `${t.key}=${t.value}:${{ NO_SCHEDULE: 'NoSchedule', NO_EXECUTE: 'NoExecute', PREFER_NO_SCHEDULE: 'PreferNoSchedule' }[t.effect]}`;
      return Object.entries(config.environments).flatMap(([env, e]) =>
        e.gpuPools
          .filter((pool) => CLOUDS.every((cloud) => pool.clouds.includes(cloud)))
          .flatMap((pool) =>
            e.aws.regions
              .filter((r) => landsIn(pool, 'aws', r.region))
              .flatMap((awsRegion) =>
                e.azure.regions
                  .filter((r) => landsIn(pool, 'azure', r.region))
                  .flatMap((azureRegion) => {
                    const group = named(
                      stacks.get(awsDistributionStackName(env, awsRegion.region)),
                      'aws_eks_node_group',
                      'node_group_name',
                      pool.name,
                    );
                    const nodePool = named(
                      stacks.get(azureHostStackName(env, azureRegion.region)),
                      'azurerm_kubernetes_cluster_node_pool',
                      'name',
                      pool.name,
                    );
                    const where = `${env} ${pool.name} (${awsRegion.region} / ${azureRegion.region})`;
                    if (!group || !nodePool) return [`${where}: missing on ${group ? 'azure' : 'aws'}`];
                    const found: string[] = [];
                    if (JSON.stringify(nodePool.node_labels) !== JSON.stringify(group.labels))
                      found.push(
                        `${where}: labels ${JSON.stringify(group.labels)} vs ${JSON.stringify(nodePool.node_labels)}`,
                      );
                    const taints = ((group.taint as Record<string, string>[]) ?? []).map(awsTaint);
                    if (JSON.stringify(nodePool.node_taints) !== JSON.stringify(taints))
                      found.push(
                        `${where}: taints ${JSON.stringify(taints)} vs ${JSON.stringify(nodePool.node_taints)}`,
                      );
                    return found;
                  }),
              ),
          ),
      );
    },
  },
  {
    name: 'a GPU pool uses every zone of each region it lands in, unless it names zones, has a fabric or is rack-scale',
    violations: (platform) =>
      eachStack(platform, ({ name, kind, region }, stack, env) => {
        const cloud: Cloud | undefined = kind === 'aws-dist' ? 'aws' : kind === 'azure-host' ? 'azure' : undefined;
        if (!cloud) return [];
        const regionZones = env[cloud].regions.find((r) => r.region === region)!.availabilityZones;
        return env.gpuPools
          .filter((pool) => landsIn(pool, cloud, region!))
          .flatMap((pool) => {
            const wanted = expectedPoolZones(pool, regionZones);
            const built = cloud === 'aws' ? awsNodeGroupZones(stack, pool.name) : azureNodePoolZones(stack, pool.name);
            return JSON.stringify(built) === JSON.stringify(wanted)
              ? []
              : [`${name} ${pool.name}: zones ${JSON.stringify(built)}, expected ${JSON.stringify(wanted)}`];
          });
      }),
  },
  {
    name: "every taggable resource carries the full tag set, naming its platform, environment and side, and its environment's lineage tags",
    violations: (platform) => [
      ...(platform.taggableTypes.size === 0 ? ['no taggable resource type found in the construct tree'] : []),
      ...eachStack(platform, ({ name, env: envName, kind }, stack, env) => {
        const expected: Record<string, string> = {
          platform: platform.config.platform.name,
          environment: envName,
          'cloud-role': kind === 'azure-host' ? 'host' : kind === 'link' ? 'link' : 'distribution',
          owner: env.tags.owner,
          'cost-center': env.tags.costCenter,
          ...env.logging.lineageTags,
        };
        return allResources(stack)
          .filter(([type]) => platform.taggableTypes.has(type))
          .flatMap(([type, id, r]) => {
            const tags = (r.tags ?? {}) as Record<string, string>;
            const absent = [...REQUIRED_TAG_KEYS, ...Object.keys(env.logging.lineageTags)].filter((k) => !tags[k]);
            const wrong = Object.entries(expected).filter(([k, v]) => tags[k] && tags[k] !== v);
            return absent.length === 0 && wrong.length === 0
              ? []
              : [
                  `${name} ${type}.${id}: missing ${absent.join(', ') || '-'}; wrong ${wrong.map(([k]) => `${k}=${tags[k]}`).join(', ') || '-'}`,
                ];
          });
      }),
    ],
  },
  {
    name: 'every stateful resource (state, logs, keys, vaults) is protected by prevent_destroy',
    violations: ({ stacks }) =>
      [...stacks].flatMap(([name, stack]) =>
        STATEFUL_TYPES.flatMap((type) =>
          resources(stack, type)
            .filter(([, r]) => (r.lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy !== true)
            .map(([id]) => `${name} ${type}.${id}: not protected`),
        ),
      ),
  },
  {
    name: 'no deploy prerequisite is missing',
    violations: ({ stacks }) => {
      const findings = checkPrerequisites(stacks);
      return findings.length === 0 ? [] : [formatFindings(findings)];
    },
  },
  {
    name: 'no security group or NSG opens SSH or RDP to the world',
    violations: ({ stacks }) =>
      [...stacks].flatMap(([name, stack]) => {
        const offenders: string[] = [];
        for (const port of [22, 3389]) {
          for (const [id, sg] of resources(stack, 'aws_security_group')) {
            if (((sg.ingress as Resource[]) ?? []).some((rule) => securityGroupRuleAdmitsFromWorld(rule, port)))
              offenders.push(`${name} aws_security_group.${id}: admits :${port} from the world`);
          }
          for (const [id, rule] of resources(stack, 'aws_vpc_security_group_ingress_rule')) {
            const asRule = { ...rule, cidr_blocks: [rule.cidr_ipv4].filter(Boolean), protocol: rule.ip_protocol };
            if (securityGroupRuleAdmitsFromWorld(asRule, port))
              offenders.push(`${name} aws_vpc_security_group_ingress_rule.${id}: admits :${port} from the world`);
          }
          for (const [id, nsg] of resources(stack, 'azurerm_network_security_group')) {
            if (((nsg.security_rule as Resource[]) ?? []).some((rule) => nsgRuleAdmitsFromWorld(rule, port)))
              offenders.push(`${name} azurerm_network_security_group.${id}: admits :${port} from the world`);
          }
        }
        return offenders;
      }),
  },
  {
    name: 'every VPC and every VNet has a flow log',
    violations: ({ stacks }) =>
      [...stacks].flatMap(([name, stack]) => {
        const count = (type: string) => resources(stack, type).length;
        const vnetFlowLogs = resources(stack, 'azapi_resource').filter(([, r]) =>
          String(r.type).startsWith('Microsoft.Network/networkWatchers/flowLogs@'),
        ).length;
        return [
          ...(count('aws_flow_log') === count('aws_vpc')
            ? []
            : [`${name}: ${count('aws_vpc')} VPCs, ${count('aws_flow_log')} flow logs`]),
          ...(vnetFlowLogs === count('azurerm_virtual_network')
            ? []
            : [`${name}: ${count('azurerm_virtual_network')} VNets, ${vnetFlowLogs} flow logs`]),
        ];
      }),
  },
  {
    name: 'the networks of one environment, as synthesized, do not overlap',
    violations: ({ config, stacks }) =>
      Object.keys(config.environments).flatMap((env) => {
        const networks = plannedStacks(config)
          .filter((planned) => planned.env === env && stacks.has(planned.name))
          .flatMap(({ name }) => networkCidrs(stacks.get(name)!).map((cidr) => ({ stack: name, cidr })));
        return networks.flatMap((a, i) =>
          networks
            .slice(i + 1)
            .filter((b) => cidrsOverlap(mustParseCidr(a.cidr), mustParseCidr(b.cidr)))
            .map((b) => `${a.stack} ${a.cidr} overlaps ${b.stack} ${b.cidr}`),
        );
      }),
  },
  {
    name: "the link joins the primary regions (each cloud's first), alarms through the account's topic, and reads only outputs they export",
    violations: (platform) =>
      eachStack(platform, ({ name, env: envName, kind }, link, env) => {
        if (kind !== 'link') return [];
        const producers = [
          awsAccountStackName(envName),
          awsDistributionStackName(envName, env.aws.regions[0].region),
          azureHostStackName(envName, env.azure.regions[0].region),
        ];
        const remote = Object.keys(link.data?.terraform_remote_state ?? {}).map((id) =>
          id.replace(/^cross-stack-reference-input-/, ''),
        );
        const found =
          JSON.stringify(remote.sort()) === JSON.stringify(producers.sort())
            ? []
            : [`${name}: reads the state of ${remote.join(', ')}; primaries: ${producers.join(', ')}`];
        const refs =
          JSON.stringify(link.resource ?? {}).match(/cross-stack-reference-input-[\w-]+\.outputs\.[\w-]+/g) ?? [];
        for (const ref of new Set(refs)) {
          const [, producer, output] = ref.match(/^cross-stack-reference-input-([\w-]+)\.outputs\.([\w-]+)$/)!;
          if (!(output in (platform.stacks.get(producer)?.output ?? {})))
            found.push(`${name}: ${ref} is not an output`);
        }
        return found;
      }),
  },
  {
    name: 'no pre-shared key is a literal: each is a reference to a generated attribute',
    violations: ({ stacks }) =>
      [...stacks].flatMap(([name, stack]) =>
        pskEntries(stack)
          .filter(([, value]) => !/^\$\{[^${}]+\.tunnel[12]_preshared_key\}$/.test(String(value)))
          .map(([path]) => `${name} ${path}: not a reference to a generated key`),
      ),
  },
  {
    name: 'every stack of a production environment keeps its state in an encrypted, locked remote backend',
    violations: ({ config, stacks }) =>
      Object.entries(config.environments)
        .filter(([, env]) => env.policy.production)
        .flatMap(([envName]) =>
          [...stacks]
            .filter(([name]) => name.startsWith(`${envName}-`))
            .flatMap(([name, stack]) => {
              const backend = (stack.terraform as { backend?: Record<string, Record<string, unknown>> }).backend ?? {};
              const s3 = backend.s3;
              if (s3?.encrypt === true && s3.use_lockfile === true) return [];
              // azurerm: encrypted at rest by Storage, locked by blob leases.
              if (backend.azurerm) return [];
              return [
                `${name}: state backend ${Object.keys(backend).join(', ') || 'none'} is not remote, encrypted and locked`,
              ];
            }),
        ),
  },
  {
    name: 'no synthesized stack holds an absolute path',
    violations: ({ stacks }) =>
      [...stacks]
        .filter(([, stack]) => /"\/(?:tmp|home|work|root|Users)\//.test(JSON.stringify(stack)))
        .map(([name]) => `${name}: holds an absolute path`),
  },
];

/** The address spaces of a stack's VPCs and VNets. */
function networkCidrs(stack: StackJson): string[] {
  return [
    ...resources(stack, 'aws_vpc').map(([, vpc]) => String(vpc.cidr_block)),
    ...resources(stack, 'azurerm_virtual_network').flatMap(([, vnet]) => vnet.address_space as string[]),
  ];
}

/** The zones of an EKS node group's subnets, in subnet order. */
function awsNodeGroupZones(stack: StackJson, poolName: string): string[] | undefined {
  const group = named(stack, 'aws_eks_node_group', 'node_group_name', poolName);
  if (!group) return undefined;
  const subnets = stack.resource?.aws_subnet ?? {};
  return (group.subnet_ids as string[]).map((ref) => {
    const subnet = subnets[String(ref).match(/^\$\{aws_subnet\.([\w-]+)\.id\}$/)?.[1] ?? ''];
    return String(subnet?.availability_zone_id ?? subnet?.availability_zone);
  });
}

/** The zones of an AKS node pool. */
function azureNodePoolZones(stack: StackJson, poolName: string): string[] | undefined {
  return named(stack, 'azurerm_kubernetes_cluster_node_pool', 'name', poolName)?.zones as string[] | undefined;
}

/** Terraform types whose generated class takes a `tags` map, found by walking a construct tree. */
export function taggableTypes(root: IConstruct): Set<string> {
  return new Set(
    root.node
      .findAll()
      .filter((c): c is TerraformResource => c instanceof TerraformResource && isTaggable(c))
      .map((r) => r.terraformResourceType),
  );
}

/** The invariants' view of a platform: its config, its synthesized stacks, and what its constructs built. */
export function synthesizedPlatform(
  config: PlatformConfig,
  built: { readonly app: IConstruct; readonly environments: Readonly<Record<string, EnvironmentStacks>> },
  stacks: ReadonlyMap<string, StackJson>,
): SynthesizedPlatform {
  const clusters = Object.fromEntries(
    Object.entries(built.environments).map(([env, e]) => [
      env,
      {
        aws: e.awsDistributions.map((d) => d.cluster.describe()),
        azure: e.azureHosts.map((h) => h.cluster.describe()),
      },
    ]),
  );
  return { config, stacks, clusters, taggableTypes: taggableTypes(built.app) };
}

/** Every invariant's violations, by invariant name; only the ones violated. */
export function violatedInvariants(platform: SynthesizedPlatform): Record<string, string[]> {
  return Object.fromEntries(
    INVARIANTS.map((invariant) => [invariant.name, invariant.violations(platform)] as const).filter(
      ([, violations]) => violations.length > 0,
    ),
  );
}
