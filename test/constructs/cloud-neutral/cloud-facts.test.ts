import facts from '../../../constructs/cloud-neutral/data/cloud-facts.json';
import {
  AWS_REGION_NAMES,
  AZURE_REGION_NAMES,
  awsCapacityBlockIn,
  awsInstanceTypeIn,
  awsInstanceTypeInZone,
  awsRegionProblem,
  awsZoneIdProblem,
  azureGzrsProblem,
  azureRegionProblem,
  azureVmSizeIn,
  azureZonesProblem,
  nearestNames,
} from '../../../constructs/cloud-neutral/cloud-facts';
import { GPU_MODEL_IDS, gpuModel } from '../../../constructs/cloud-neutral/gpu-catalog';

describe('cloud facts: the data', () => {
  test('every fact names a source with a date and an address', () => {
    const used = [
      ...facts.aws.regions.source,
      facts.aws.offerings.source,
      facts.aws.capacityBlocks.source,
      ...facts.azure.regions.source,
      facts.azure.vmSizes.source,
    ];
    for (const id of used) {
      const source = (facts.sources as Record<string, { url: string; date: string; retrieved: string }>)[id];
      expect({ id, url: source.url }).toEqual({ id, url: expect.stringMatching(/^https:\/\//) });
      expect(source.date).toMatch(/^\d{4}-\d{2}/);
      expect(source.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  test('every SKU of the GPU catalog has its offering facts, on the cloud that carries it', () => {
    for (const id of GPU_MODEL_IDS) {
      const offerings = gpuModel(id).offerings;
      for (const o of offerings.aws ?? [])
        expect({ sku: o.sku, known: o.sku in facts.aws.offerings.instanceTypes }).toEqual({ sku: o.sku, known: true });
      for (const o of offerings.azure ?? [])
        expect({ sku: o.sku, known: o.sku in facts.azure.vmSizes.sizes }).toEqual({ sku: o.sku, known: true });
    }
  });

  test('the regions are many and named as the clouds name them', () => {
    expect(AWS_REGION_NAMES.length).toBeGreaterThan(30);
    expect(AZURE_REGION_NAMES.length).toBeGreaterThan(50);
    for (const r of AWS_REGION_NAMES) expect(r).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
    for (const r of AZURE_REGION_NAMES) expect(r).toMatch(/^[a-z][a-z0-9]+$/);
  });
});

describe('cloud facts: what is refused and what is only unknown', () => {
  test('an unknown region is refused with the nearest names', () => {
    expect(awsRegionProblem('us-east-1')).toBeUndefined();
    expect(awsRegionProblem('ap-northeast-9')).toMatch(
      /^is not a region of AWS \(AWS endpoints, 2026-08-07\); did you mean ap-northeast-\d, ap-northeast-\d, ap-northeast-\d\?$/,
    );
    expect(azureRegionProblem('swedencentrall')).toMatch(/did you mean swedencentral,/);
    expect(nearestNames('westeurop', AZURE_REGION_NAMES, 1)).toEqual(['westeurope']);
  });

  test('zone IDs are read from the list, never derived: ca-central-1 has no az3', () => {
    expect(awsZoneIdProblem('ca-central-1', 'cac1-az4')).toBeUndefined();
    expect(awsZoneIdProblem('ca-central-1', 'cac1-az3')).toMatch(
      /^is not a zone of ca-central-1, whose zone IDs are cac1-az1, cac1-az2, cac1-az4/,
    );
  });

  test('Azure regions without zones, and GZRS where a region lacks zones or a pair', () => {
    expect(azureZonesProblem('westus')).toMatch(
      /^westus has no availability zones .*regions with zones nearby by name: westus\d/,
    );
    expect(azureZonesProblem('westeurope')).toBeUndefined();
    expect(azureGzrsProblem('eastus2')).toBeUndefined();
    expect(azureGzrsProblem('westus')).toMatch(/has no availability zones/);
    expect(azureGzrsProblem('italynorth')).toMatch(/^italynorth has no paired region \(/);
  });

  test('an instance type absent from a region the source covers is absent; elsewhere unknown', () => {
    expect(awsInstanceTypeIn('p5.48xlarge', 'us-east-1')).toEqual({ status: 'offered' });
    expect(awsInstanceTypeIn('p5.48xlarge', 'eu-west-1')).toEqual({
      status: 'absent',
      evidence: expect.stringContaining('lists p5.48xlarge in'),
    });
    expect(awsInstanceTypeIn('p5.48xlarge', 'mx-central-1').status).toBe('unknown');
    expect(awsInstanceTypeIn('z9.huge', 'us-east-1').status).toBe('unknown');
  });

  test('zone level: absent only in a zone the source sees', () => {
    expect(awsInstanceTypeInZone('p6-b200.48xlarge', 'us-east-1', 'use1-az6')).toEqual({ status: 'offered' });
    expect(awsInstanceTypeInZone('p6-b200.48xlarge', 'us-east-1', 'use1-az1').status).toBe('absent');
    expect(awsInstanceTypeInZone('p5.48xlarge', 'ap-northeast-1', 'apne1-az3').status).toBe('unknown');
  });

  test('GB200 Capacity Blocks: only in a Local Zone of us-east-1, absent from every other region', () => {
    expect(awsCapacityBlockIn('p6e-gb200.36xlarge', 'us-east-1')).toEqual({
      status: 'unknown',
      why: expect.stringContaining('only in its Local Zone us-east-1-dfw-2a'),
    });
    expect(awsCapacityBlockIn('p6e-gb200.36xlarge', 'us-west-2').status).toBe('absent');
    expect(awsCapacityBlockIn('p6e-gb300.36xlarge', 'us-west-2').status).toBe('unknown');
  });

  test('Azure sizes: absent where the SKU list covers the region, unknown where it does not', () => {
    expect(azureVmSizeIn('Standard_ND96isr_H100_v5', 'eastus2')).toEqual({ status: 'offered' });
    expect(azureVmSizeIn('Standard_ND128isr_NDR_GB200_v6', 'westeurope').status).toBe('absent');
    expect(azureVmSizeIn('Standard_ND96isr_H100_v5', 'chilecentral').status).toBe('unknown');
  });
});
