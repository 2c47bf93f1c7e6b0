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
} from '../constructs/shared/region-parity';
import type { StackJson } from '../constructs/shared/stack-json';
import { compareClusters, compareIdentities } from '../constructs/spec/parity';
import type { EnvironmentStacks } from './platform';

/** One line of the table. */
export interface ParityRow {
  readonly environment: string;
  /** What is compared: `us-east-1 / eastus2`, or a stack for identities. */
  readonly scope: string;
  /** The compared aspect: `pool serve`, `cluster security`, `network`, `identity`, `federation`. */
  readonly aspect: string;
  /** `match`, or what differs. */
  readonly detail: string;
  readonly matches: boolean;
}

const shown = (value: unknown) => (value === undefined ? '-' : String(value));

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
          const clusters = compareClusters(aws.cluster.describe(), azure.cluster.describe());
          const network = compareRegions(
            describeAwsRegion(json(aws.node.id), account),
            describeAzureRegion(json(azure.node.id), config.environments[environment].logging.immutability),
          );
          return [
            ...clusters.pools.map((pool) => ({
              environment,
              scope,
              aspect: `pool ${pool.name}`,
              matches: pool.matches,
              detail: pool.matches
                ? 'match'
                : pool.differences.map((d) => `${d.field} aws=${shown(d.aws)} azure=${shown(d.azure)}`).join('; '),
            })),
            {
              environment,
              scope,
              aspect: 'cluster security',
              matches: clusters.security.length === 0,
              detail: clusters.security.length === 0 ? 'match' : clusters.security.map((d) => d.field).join(', '),
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
            },
          ];
        }),
      )
      .flat();
    const intended = config.environments[environment].workloadIdentities;
    const identities = [
      ...built.azureHosts.map((h) => ({
        stack: h.node.id,
        problems: compareIdentities('azure', intended, h.describeIdentities()),
      })),
      ...built.awsDistributions.map((d) => ({
        stack: d.node.id,
        problems: compareIdentities('aws', intended, d.describeIdentities()),
      })),
    ].map(({ stack, problems }) => ({
      environment,
      scope: stack,
      aspect: 'workload identities',
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
            matches: federationInPlace(account),
            detail: federationInPlace(account)
              ? 'AKS issuer trusted, federated roles in place'
              : 'config federates AKS workloads into AWS, but no provider or role trusts them',
          },
        ]
      : [];
    return [...pairs, ...identities, ...federation];
  });
}

/** The rows as an aligned text table. */
export function formatParityTable(rows: readonly ParityRow[]): string {
  const header = ['environment', 'scope', 'aspect', 'result'];
  const lines = rows.map((r) => [r.environment, r.scope, r.aspect, r.matches ? 'match' : `MISMATCH: ${r.detail}`]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const render = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join('\n');
}
