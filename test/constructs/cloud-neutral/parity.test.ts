import {
  catalogEntryForSku,
  compareClusters,
  describePool,
  formatParityReport,
  type ClusterDescription,
} from '../../../constructs/cloud-neutral/parity';

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
      cpuArchitecture: 'x86_64',
      nvlinkDomainNodes: 1,
      minDomains: 2,
      maxDomains: 8,
    });
  });

  test('a rack-scale pool is described in NVLink domains, and a count that is not whole domains differs', () => {
    const built = (cloud: 'aws' | 'azure', sku: string, max: number) =>
      describePool(cloud, { name: 'nvl', sku, min: 18, max, fabricWired: true, capacity: 'reserved' });
    const aws = built('aws', 'p6e-gb200.36xlarge', 36);
    expect(aws).toMatchObject({ cpuArchitecture: 'arm64', nvlinkDomainNodes: 18, minDomains: 1, maxDomains: 2 });
    const report = compareClusters(
      cluster('aws', { pools: [aws] }),
      cluster('azure', { pools: [built('azure', 'Standard_ND128isr_NDR_GB200_v6', 27)] }),
    );
    expect(report.pools[0].differences).toEqual([
      { field: 'maxGpus', aws: 144, azure: 108 },
      { field: 'maxDomains', aws: 2, azure: 1.5 },
    ]);
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
      { field: 'minDomains', aws: 2, azure: 1 },
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
