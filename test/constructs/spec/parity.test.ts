import {
  catalogEntryForSku,
  compareClusters,
  describePool,
  formatParityReport,
  type ClusterDescription,
} from '../../../constructs/spec/parity';

function cluster(cloud: 'aws' | 'azure', overrides: Partial<ClusterDescription> = {}): ClusterDescription {
  const sku = cloud === 'aws' ? 'p5.48xlarge' : 'Standard_ND96isr_H100_v5';
  return {
    cloud,
    name: 'c',
    privateEndpoint: true,
    cmkSecretsEncryption: true,
    controlPlaneLogs: true,
    pools: [describePool(cloud, { name: 'serve', sku, min: 2, max: 8, fabricWired: true, capacity: 'on-demand' })],
    ...overrides,
  };
}

describe('parity', () => {
  test('describes a pool from its SKU through the catalog', () => {
    expect(
      describePool('aws', {
        name: 'serve',
        sku: 'p5.48xlarge',
        min: 2,
        max: 8,
        fabricWired: true,
        capacity: 'reserved',
      }),
    ).toEqual({
      name: 'serve',
      sku: 'p5.48xlarge',
      gpuModel: 'h100',
      gpusPerNode: 8,
      minGpus: 16,
      maxGpus: 64,
      gpuMemoryGiBPerGpu: 80,
      fabric: 'rdma',
      capacity: 'reserved',
    });
  });

  test('an RDMA SKU without the fabric wired counts as TCP', () => {
    expect(
      describePool('aws', { name: 'x', sku: 'p5.48xlarge', min: 1, max: 1, fabricWired: false, capacity: 'spot' })
        .fabric,
    ).toBe('tcp');
  });

  test('an unknown SKU is an error', () => {
    expect(() => catalogEntryForSku('aws', 'm7i.xlarge')).toThrow('m7i.xlarge is not a GPU SKU of aws in the catalog');
  });

  test('matching clusters match', () => {
    const report = compareClusters(cluster('aws'), cluster('azure'));
    expect(report.matches).toBe(true);
    expect(formatParityReport(report)).toBe('parity: match\n  security: match\n  serve: match');
  });

  test('a different GPU count, fabric or capacity is reported field by field', () => {
    const azure = cluster('azure', {
      pools: [
        describePool('azure', {
          name: 'serve',
          sku: 'Standard_ND96isr_H100_v5',
          min: 1,
          max: 8,
          fabricWired: false,
          capacity: 'spot',
        }),
      ],
    });
    const report = compareClusters(cluster('aws'), azure);
    expect(report.matches).toBe(false);
    expect(report.pools[0].differences).toEqual([
      { field: 'minGpus', aws: 16, azure: 8 },
      { field: 'fabric', aws: 'rdma', azure: 'tcp' },
      { field: 'capacity', aws: 'on-demand', azure: 'spot' },
    ]);
  });

  test('a weaker security setting on one cloud is a mismatch', () => {
    const report = compareClusters(cluster('aws'), cluster('azure', { privateEndpoint: false }));
    expect(report.security).toEqual([{ field: 'privateEndpoint', aws: true, azure: false }]);
    expect(report.matches).toBe(false);
  });

  test('pools on one cloud only are listed, not compared', () => {
    const azure = cluster('azure');
    const withTraining = {
      ...azure,
      pools: [
        ...azure.pools,
        describePool('azure', {
          name: 'train',
          sku: 'Standard_ND96isr_H100_v5',
          min: 2,
          max: 16,
          fabricWired: true,
          capacity: 'on-demand',
        }),
      ],
    };
    const report = compareClusters(cluster('aws'), withTraining);
    expect(report.matches).toBe(true);
    expect(report.onlyOn).toEqual({ aws: [], azure: ['train'] });
  });
});
