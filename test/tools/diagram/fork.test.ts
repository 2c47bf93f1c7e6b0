/**
 * A stranger's fork (test/fixtures/fork-acme.json: other platform name, environments, regions,
 * CIDRs, accounts, pools and capacity kinds) draws its own architecture and nothing of the
 * shipped one (the frozen copy of it, test/fixtures/platform.json).
 */
import { architectureModels } from '../../../tools/diagram/architecture';
import {
  DIAGRAM_END,
  DIAGRAM_START,
  PAGES_END,
  PAGES_START,
  diagramFiles,
  readmeEnvironment,
} from '../../../tools/diagram/pages';
import { frozenConfig, type ConfigInput } from '../../helpers/config-fixture';
import { SHARED_SYNTHS, sharedOutput } from '../../helpers/shared-synth';
import { poolDisagreements, synthesizedPools } from './synthesized-pools';

const fork = SHARED_SYNTHS.fork();
const { stacks } = sharedOutput('fork');
const files = diagramFiles(architectureModels(stacks), readmeEnvironment(fork), {
  readme: `${DIAGRAM_START}\n${DIAGRAM_END}\n`,
  index: `${PAGES_START}\n${PAGES_END}\n`,
});
const everything = [...files.values()].join('\n');

/** What the shipped config names: platform, environments, regions, CIDRs, accounts and subscriptions. */
function shippedNames(): { literal: string[]; words: string[] } {
  const shipped = frozenConfig();
  const environments = Object.values(shipped.environments) as ConfigInput[];
  const regions: ConfigInput[] = environments.flatMap((e) => [...e.aws.regions, ...e.azure.regions]);
  return {
    literal: [
      shipped.platform.name,
      ...regions.flatMap((r) => [r.region, r.cidr]),
      ...environments.flatMap((e) => [e.aws.accountId, e.azure.subscriptionId]),
    ],
    words: Object.keys(shipped.environments),
  };
}

describe('the diagram of a fork', () => {
  test('shows the fork’s platform name, environments, regions and CIDRs', () => {
    expect([...files.keys()]).toEqual([
      'README.md',
      'docs/architecture.md',
      'docs/architecture/prd.md',
      'docs/architecture/stg.md',
    ]);
    for (const [name, environment] of Object.entries(fork.environments)) {
      const page = files.get(`docs/architecture/${name}.md`)!;
      expect(page).toContain(`# Architecture of \`${name}\``);
      expect(page).toContain(`AKS ${fork.platform.name}-${name}-`);
      for (const r of [...environment.aws.regions, ...environment.azure.regions]) {
        expect(page).toContain(`["${r.region} · ${name}-`);
        expect(page).toContain(r.cidr);
      }
    }
  });

  test('shows none of the shipped config’s names, regions, CIDRs or accounts', () => {
    const { literal, words } = shippedNames();
    expect(literal.filter((name) => everything.includes(name))).toEqual([]);
    expect(words.filter((word) => new RegExp(`(?<![a-z])${word}(?![a-z])`).test(everything))).toEqual([]);
  });

  test('draws every pool as synthesized, the fork’s own pools and capacity kinds included', () => {
    const pools = synthesizedPools(stacks);
    for (const name of Object.keys(fork.environments))
      expect(poolDisagreements(pools, name, files.get(`docs/architecture/${name}.md`)!)).toEqual([]);
    const prd = files.get('docs/architecture/prd.md')!;
    // AWS only, in one region, on spot; and an Azure-only training pool in the second Azure region.
    expect(prd).toMatch(
      /^\s+aws_ap_northeast_1_pool_edge\["GPU pool edge<br\/>g6\.\S+ · l4<br\/>nodes 0–6 · spot"\]$/m,
    );
    expect(prd).not.toMatch(/aws_us_west_2_pool_edge|az_\w+_pool_edge/);
    expect(prd).toMatch(
      /^\s+az_swedencentral_pool_pretrain\["GPU pool pretrain<br\/>Standard_ND96isr_H100_v5 · h100<br\/>nodes 2–32 · on-demand"\]$/m,
    );
  });

  test('the README draws the fork’s production environment', () => {
    expect(readmeEnvironment(fork)).toBe('prd');
    expect(files.get('README.md')).toContain('Environment `prd`');
  });
});
