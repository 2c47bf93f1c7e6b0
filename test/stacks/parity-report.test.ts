import { parsePlatformConfig } from '../../config/load';
import type { StackJson } from '../../constructs/shared/stack-json';
import { formatParityTable, parityRows } from '../../stacks/parity-report';
import { frozenConfig } from '../helpers/config-fixture';
import { sharedOutput } from '../helpers/shared-synth';
import { build } from '../helpers/synth';

const config = parsePlatformConfig(frozenConfig());
const { environments } = build(config);
const { stacks } = sharedOutput('frozen');

function rowsAfter(edit: (stacks: Map<string, StackJson>) => void) {
  const copy = new Map([...stacks].map(([n, s]) => [n, JSON.parse(JSON.stringify(s)) as StackJson]));
  edit(copy);
  return parityRows(config, environments, copy).filter((r) => !r.matches);
}

describe('parity report (frozen fixture)', () => {
  test('every pair matches: pools, cluster security, network, logging, audit, identities, federation', () => {
    const rows = parityRows(config, environments, stacks);
    expect(rows.filter((r) => !r.matches)).toEqual([]);
    const aspects = new Set(rows.map((r) => r.aspect));
    for (const aspect of [
      'cluster security',
      'network, logging, audit',
      'workload identities',
      'federation',
      'pool serve',
    ]) {
      expect(aspects).toContain(aspect);
    }
    // prod: two AWS regions against one Azure region.
    expect(rows.filter((r) => r.environment === 'prod' && r.aspect === 'network, logging, audit')).toHaveLength(2);
    expect(formatParityTable(rows).split('\n')[0]).toMatch(/^environment\s+scope\s+aspect\s+result\s+compared$/);
  });

  test('each row shows the values compared; a pool on one side only is listed with where it is', () => {
    const rows = parityRows(config, environments, stacks);
    const serve = rows.find((r) => r.environment === 'prod' && r.aspect === 'pool serve' && r.detail === 'match')!;
    expect(serve.values).toMatch(
      /^p5\.48xlarge \/ Standard_ND96isr_H100_v5; h100 x8\/node; nodes \d+-\d+; GPUs \d+-\d+; rdma;/,
    );
    const oneSided = rows.filter((r) => /^(aws|azure) only$/.test(r.detail));
    expect(oneSided.length).toBeGreaterThan(0);
    for (const row of oneSided) {
      expect(row.matches).toBe(true);
      expect(row.values).toMatch(/x\d+\/node/);
    }
    const network = rows.find((r) => r.aspect === 'network, logging, audit')!;
    expect(network.values).toMatch(/address space 10\.\d+\.0\.0\/16 \/ 10\.\d+\.0\.0\/16/);
  });

  test('a region without flow logs, or an audit archive that is not immutable, is a mismatch', () => {
    const found = rowsAfter((s) => {
      delete s.get('prod-aws-dist-eu-west-1')!.resource!.aws_flow_log;
      delete s.get('prod-aws-account')!.resource!.aws_s3_bucket_object_lock_configuration;
    });
    expect(found.map((r) => [r.scope, r.detail])).toEqual([
      ['prod-aws-dist-us-east-1 / prod-azure-host-eastus2', 'auditImmutability aws=off azure=unlocked'],
      [
        'prod-aws-dist-eu-west-1 / prod-azure-host-eastus2',
        'flowLogs aws=false azure=true; auditImmutability aws=off azure=unlocked',
      ],
    ]);
  });

  test('federation missing from the account stack is a mismatch', () => {
    const found = rowsAfter((s) => delete s.get('prod-aws-account')!.resource!.aws_iam_openid_connect_provider);
    expect(found).toEqual([expect.objectContaining({ scope: 'prod-aws-account', aspect: 'federation' })]);
  });
});
