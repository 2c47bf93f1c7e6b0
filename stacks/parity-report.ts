/**
 * The cross-cloud parity table `npm run parity` prints: for every AWS and Azure region pair of
 * an environment, the clusters (pool by pool, and their security settings), networking, logging
 * and audit; then the workload identities each cloud built against config, and the federation.
 */
import type { PlatformConfig } from '../config/schema';
import {
  compareRegions,
  describeAwsRegion,
  describeAzureRegion,
  federationInPlace,
} from '../constructs/checks/region-parity';
import type { StackJson } from '../constructs/shared/stack-json';
import type { RegionDescription } from '../constructs/checks/region-parity';
import { CLOUDS, type Cloud } from '../constructs/cloud-neutral/gpu-catalog';
import { compareClusters, compareIdentities, type PoolDescription } from '../constructs/cloud-neutral/parity';
import { accessSummary } from '../constructs/cloud-neutral/workload-identity';
import type { EnvironmentStacks } from './platform';

/** One line of the table. */
export interface ParityRow {
  readonly environment: string;
  /** What is compared: `us-east-1 / eastus2`, or a stack for identities. */
  readonly scope: string;
  /** The compared aspect: `pool serve`, `cluster security`, `network`, `identity`, `federation`. */
  readonly aspect: string;
  /** `match`, what differs, or for a pool on one side only, where it is. */
  readonly detail: string;
  readonly matches: boolean;
  /** The values compared, on each side (`aws / azure` where they differ by cloud). */
  readonly values: string;
}

const shown = (value: unknown) => (value === undefined ? '-' : String(value));

/** What a pool is, in the terms parity compares: SKU, GPUs per node, node and GPU counts, fabric, capacity. */
function poolValues(pool: PoolDescription): string {
  const nodes = `${pool.minGpus / pool.gpusPerNode}-${pool.maxGpus / pool.gpusPerNode}`;
  return `${pool.sku}; ${pool.gpuModel} x${pool.gpusPerNode}/node; nodes ${nodes}; GPUs ${pool.minGpus}-${pool.maxGpus}; ${pool.fabric}; ${pool.capacity}`;
}

/** A value of each side, once when they agree. */
const pair = (aws: unknown, azure: unknown) =>
  shown(aws) === shown(azure) ? shown(aws) : `${shown(aws)} / ${shown(azure)}`;

function regionValues(aws: RegionDescription, azure: RegionDescription): string {
  return [
    `address space ${pair(aws.addressSpace, azure.addressSpace)}`,
    `zones ${pair(aws.zones, azure.zones)}`,
    `NAT ${pair(aws.natEgress, azure.natEgress)}`,
    `flow logs ${pair(aws.flowLogs, azure.flowLogs)}`,
    `private store access ${pair(aws.privateStoreAccess, azure.privateStoreAccess)}`,
    `retention ${pair(aws.operationalRetentionDays, azure.operationalRetentionDays)} d, audit ${pair(aws.auditRetentionDays, azure.auditRetentionDays)} d`,
    `CMK on logs ${pair(aws.logsWithCmk, azure.logsWithCmk)}`,
    `archive ${pair(aws.auditImmutability, azure.auditImmutability)}`,
  ].join('; ');
}

/** Every comparison of every environment, as rows. */
export function parityRows(
  config: PlatformConfig,
  environments: Readonly<Record<string, EnvironmentStacks>>,
  stacks: ReadonlyMap<string, StackJson>,
): ParityRow[] {
  const json = (name: string) => {
    const stack = stacks.get(name);
    if (!stack) throw new Error(`stack ${name} was not synthesized`);
    return stack;
  };
  return Object.entries(environments).flatMap(([environment, built]) => {
    const account = json(built.awsAccount.node.id);
    const pairs = built.awsDistributions
      .flatMap((aws) =>
        built.azureHosts.map((azure) => {
          const scope = `${aws.node.id} / ${azure.node.id}`;
          const described = { aws: aws.cluster.describe(), azure: azure.cluster.describe() };
          const clusters = compareClusters(described.aws, described.azure);
          const regions = {
            aws: describeAwsRegion(json(aws.node.id), account),
            azure: describeAzureRegion(json(azure.node.id)),
          };
          const network = compareRegions(regions.aws, regions.azure);
          const pool = (cloud: Cloud, name: string) => described[cloud].pools.find((p) => p.name === name)!;
          return [
            ...clusters.pools.map((p) => ({
              environment,
              scope,
              aspect: `pool ${p.name}`,
              matches: p.matches,
              detail: p.matches
                ? 'match'
                : p.differences.map((d) => `${d.field} aws=${shown(d.aws)} azure=${shown(d.azure)}`).join('; '),
              values: `${pool('aws', p.name).sku} / ${poolValues(pool('azure', p.name))}`,
            })),
            // A pool this pair of regions has on one side only (one-cloud, or placed in some regions): listed, not compared.
            ...CLOUDS.flatMap((cloud) =>
              clusters.onlyOn[cloud].map((name) => ({
                environment,
                scope,
                aspect: `pool ${name}`,
                matches: true,
                detail: `${cloud} only`,
                values: poolValues(pool(cloud, name)),
              })),
            ),
            {
              environment,
              scope,
              aspect: 'cluster security',
              matches: clusters.security.length === 0,
              detail: clusters.security.length === 0 ? 'match' : clusters.security.map((d) => d.field).join(', '),
              values: `private endpoint ${pair(described.aws.privateEndpoint, described.azure.privateEndpoint)}; CMK secrets ${pair(described.aws.cmkSecretsEncryption, described.azure.cmkSecretsEncryption)}; control-plane logs ${pair(described.aws.controlPlaneLogs, described.azure.controlPlaneLogs)}`,
            },
            {
              environment,
              scope,
              aspect: 'network, logging, audit',
              matches: network.length === 0,
              detail:
                network.length === 0
                  ? 'match'
                  : network.map((d) => `${d.field} aws=${shown(d.aws)} azure=${shown(d.azure)}`).join('; '),
              values: regionValues(regions.aws, regions.azure),
            },
          ];
        }),
      )
      .flat();
    const intended = config.environments[environment].workloadIdentities;
    const identities = [
      ...built.azureHosts.map((h) => ({ stack: h.node.id, cloud: 'azure' as const, built: h.describeIdentities() })),
      ...built.awsDistributions.map((d) => ({
        stack: d.node.id,
        cloud: 'aws' as const,
        built: d.describeIdentities(),
      })),
    ]
      .map(({ stack, cloud, built: identities }) => ({
        stack,
        identities,
        problems: compareIdentities(cloud, intended, identities),
      }))
      .map(({ stack, identities, problems }) => ({
        environment,
        scope: stack,
        aspect: 'workload identities',
        values: identities
          .map((i) => `${i.name}@${i.runsOn} ${i.cloud} ${accessSummary(i.grants).join(',')}`)
          .join('; '),
        matches: problems.length === 0,
        detail:
          problems.length === 0
            ? 'match'
            : problems
                .map(
                  (p) =>
                    `${p.identity}@${p.runsOn}: missing ${p.missing.join(', ') || '-'}; unexpected ${p.unexpected.join(', ') || '-'}`,
                )
                .join('; '),
      }));
    const federated = intended.some((w) => w.access.some((a) => a.cloud === 'aws' && w.clouds.includes('azure')));
    const federation = federated
      ? [
          {
            environment,
            scope: built.awsAccount.node.id,
            aspect: 'federation',
            values: 'AKS issuers trusted by an OIDC provider; federated roles trust it',
            matches: federationInPlace(account),
            detail: federationInPlace(account)
              ? 'match'
              : 'config federates AKS workloads into AWS, but no provider or role trusts them',
          },
        ]
      : [];
    return [...pairs, ...identities, ...federation];
  });
}

/** The rows as an aligned text table: the result, then the values compared. */
export function formatParityTable(rows: readonly ParityRow[]): string {
  const header = ['environment', 'scope', 'aspect', 'result', 'compared'];
  const lines = rows.map((r) => [
    r.environment,
    r.scope,
    r.aspect,
    r.matches ? r.detail : `MISMATCH: ${r.detail}`,
    r.values,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const render = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join('\n');
}
