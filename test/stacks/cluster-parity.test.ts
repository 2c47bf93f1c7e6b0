import { compareClusters, formatParityReport } from '../../constructs/spec/parity';
import { capacityPathsConfig } from '../helpers/gpu-fixture';
import { SHARED_SYNTHS, build, resourcesOf, shippedOutput, type SynthesizedApp } from '../helpers/synth';

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

describe('cluster parity', () => {
  const shipped = build(SHARED_SYNTHS.shipped());

  test('every pool present on both clouds matches, in every region pair of the shipped config', () => {
    const all = reports(shipped);
    expect(all).toHaveLength(3);
    for (const { pair, report } of all) {
      expect({ pair, report: formatParityReport(report) }).toEqual({
        pair,
        report: expect.stringMatching(/^parity: match/),
      });
    }
  });

  test('prod compares serve and infer, and lists Azure-only training', () => {
    const [{ report }] = reports(shipped).filter((r) => r.pair.startsWith('prod'));
    expect(report.pools.map((p) => p.name).sort()).toEqual(['infer', 'serve']);
    expect(report.onlyOn).toEqual({ aws: [], azure: ['train'] });
    const serve = shipped.environments.prod.awsDistributions[0].cluster
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

  test('GPU nodes carry the same labels and taints on both clouds', () => {
    const aws = shippedOutput().stacks.get('prod-aws-dist-us-east-1')!;
    const azure = shippedOutput().stacks.get('prod-azure-host-eastus2')!;
    const awsTaint = (t: Record<string, string>) => `${t.key}=${t.value}:${{ NO_SCHEDULE: 'NoSchedule' }[t.effect]}`;
    for (const group of Object.values(resourcesOf(aws, 'aws_eks_node_group')).filter(
      (g) => g.node_group_name !== 'system',
    )) {
      const pool = Object.values(resourcesOf(azure, 'azurerm_kubernetes_cluster_node_pool')).find(
        (p) => p.name === group.node_group_name,
      )!;
      expect(pool.node_labels).toEqual(group.labels);
      expect(pool.node_taints).toEqual((group.taint as Record<string, string>[]).map(awsTaint));
    }
  });
});
