import { compareClusters, formatParityReport } from '../../constructs/cloud-neutral/parity';
import { capacityPathsConfig } from '../helpers/gpu-fixture';
import { SHARED_SYNTHS } from '../helpers/shared-synth';
import { build, type SynthesizedApp } from '../helpers/synth';

function reports(synth: Pick<SynthesizedApp, 'environments'>) {
  return Object.entries(synth.environments).flatMap(([env, stacks]) =>
    stacks.awsDistributions.flatMap((aws) =>
      stacks.azureHosts.map((azure) => ({
        pair: `${env}: ${aws.node.id} vs ${azure.node.id}`,
        report: compareClusters(aws.cluster.describe(), azure.cluster.describe()),
      })),
    ),
  );
}

describe('cluster parity (frozen fixture config)', () => {
  const frozen = build(SHARED_SYNTHS.frozen());

  test('every pool present on both clouds matches, in every region pair', () => {
    const all = reports(frozen);
    expect(all).toHaveLength(3);
    for (const { pair, report } of all) {
      expect({ pair, report: formatParityReport(report) }).toEqual({
        pair,
        report: expect.stringMatching(/^parity: match/),
      });
    }
  });

  test('prod compares serve and infer, and lists Azure-only training', () => {
    const [{ report }] = reports(frozen).filter((r) => r.pair.startsWith('prod'));
    expect(report.pools.map((p) => p.name).sort()).toEqual(['infer', 'serve']);
    expect(report.onlyOn).toEqual({ aws: [], azure: ['train'] });
    const serve = frozen.environments.prod.awsDistributions[0].cluster
      .describe()
      .pools.find((p) => p.name === 'serve')!;
    expect(serve).toMatchObject({
      gpuModel: 'h100',
      gpusPerNode: 8,
      minGpus: 16,
      maxGpus: 64,
      fabric: 'rdma',
      gpuMemoryGiBPerGpu: 80,
    });
  });

  test('reserved, Capacity Block and spot pools match across clouds too', () => {
    const [{ report }] = reports(build(capacityPathsConfig()));
    expect(formatParityReport(report)).toBe(
      'parity: match\n  security: match\n  serve: match\n  tune: match\n  burst: match',
    );
  });
});
