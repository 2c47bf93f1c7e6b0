import {
  GPU_MODEL_IDS,
  cloudsOffering,
  compareKubernetesVersions,
  cpuArchitecture,
  fabricClass,
  gpuModel,
  isRackScale,
  nearestDomainCounts,
  nvlinkDomainNodes,
  resolveGpuOffering,
  supportStatus,
  supportsEphemeralOsDisk,
} from '../../../constructs/cloud-neutral/gpu-catalog';

describe('GPU catalog', () => {
  test.each([
    ['h100', 'p5.48xlarge', 'Standard_ND96isr_H100_v5'],
    ['h200', 'p5e.48xlarge', 'Standard_ND96isr_H200_v5'],
    ['a100-80gb', 'p4de.24xlarge', 'Standard_ND96amsr_A100_v4'],
  ] as const)('%s maps to %s and %s with 8 GPUs over RDMA on both', (model, awsSku, azureSku) => {
    const aws = resolveGpuOffering(model, 'aws', 8);
    const azure = resolveGpuOffering(model, 'azure', 8);
    expect(aws?.sku).toBe(awsSku);
    expect(azure?.sku).toBe(azureSku);
    expect(fabricClass(aws!.fabric)).toBe('rdma');
    expect(fabricClass(azure!.fabric)).toBe('rdma');
  });

  test('A10-class inference maps g5 to NV*ads_A10_v5', () => {
    expect(resolveGpuOffering('a10', 'aws', 1)?.sku).toMatch(/^g5\./);
    expect(resolveGpuOffering('a10', 'azure', 1)?.sku).toMatch(/^Standard_NV\d+ads_A10_v5$/);
  });

  test('T4 maps g4dn to NC*as_T4_v3 at 1 and 4 GPUs', () => {
    for (const count of [1, 4]) {
      expect(resolveGpuOffering('t4', 'aws', count)?.sku).toMatch(/^g4dn\./);
      expect(resolveGpuOffering('t4', 'azure', count)?.sku).toMatch(/^Standard_NC\d+as_T4_v3$/);
    }
  });

  test('models on one cloud only are marked by their offerings', () => {
    expect(cloudsOffering('l40s')).toEqual(['aws']);
    expect(cloudsOffering('b200')).toEqual(['aws']);
    expect(cloudsOffering('h100-nvl')).toEqual(['azure']);
    expect(cloudsOffering('h100')).toEqual(['aws', 'azure']);
  });

  test('a count one cloud lacks resolves to nothing', () => {
    expect(resolveGpuOffering('a10', 'aws', 2)).toBeUndefined();
  });

  test('every model offers its default GPU count on each cloud that offers it', () => {
    for (const id of GPU_MODEL_IDS) {
      for (const cloud of cloudsOffering(id)) {
        expect(resolveGpuOffering(id, cloud, gpuModel(id).defaultGpusPerNode)).toBeDefined();
      }
    }
  });

  test('AWS RDMA offerings declare their EFA interfaces; Azure ones their temp disk (0: none confirmed)', () => {
    for (const model of GPU_MODEL_IDS.map(gpuModel)) {
      for (const o of model.offerings.aws ?? []) expect(o.efaInterfaces! > 0).toBe(o.fabric === 'efa');
      for (const o of model.offerings.azure ?? []) expect(o.tempDiskGiB).toBeGreaterThanOrEqual(0);
    }
  });

  test('every offering not GA, and every rack-scale one, states its support status with a public source', () => {
    for (const id of GPU_MODEL_IDS) {
      for (const cloud of cloudsOffering(id)) {
        for (const o of gpuModel(id).offerings[cloud] ?? []) {
          if (!isRackScale(o) && supportStatus(o) === 'ga') continue;
          expect({ id, cloud, support: o.support }).toEqual({
            id,
            cloud,
            support: {
              status: expect.stringMatching(/^(ga|preview|unsupported)$/),
              note: expect.any(String),
              source: expect.stringMatching(/^https:\/\/(docs\.aws\.amazon\.com|learn\.microsoft\.com)\//),
            },
          });
        }
      }
    }
  });

  test('GB200 is rack-scale and arm64 on both clouds: GA on EKS, preview on AKS, 18 nodes a domain', () => {
    const aws = resolveGpuOffering('gb200', 'aws', 4)!;
    const azure = resolveGpuOffering('gb200', 'azure', 4)!;
    expect([aws.sku, azure.sku]).toEqual(['p6e-gb200.36xlarge', 'Standard_ND128isr_NDR_GB200_v6']);
    expect([supportStatus(aws), supportStatus(azure)]).toEqual(['ga', 'preview']);
    expect([nvlinkDomainNodes(aws), nvlinkDomainNodes(azure)]).toEqual([18, 18]);
    expect([cpuArchitecture(aws), cpuArchitecture(azure)]).toEqual(['arm64', 'arm64']);
    expect([fabricClass(aws.fabric), fabricClass(azure.fabric)]).toEqual(['rdma', 'rdma']);
    expect(gpuModel('gb200').memoryGiBPerGpu).toBe(185);
  });

  test('GB300 is offered on Azure only; AWS is marked unconfirmed with its source', () => {
    expect(cloudsOffering('gb300')).toEqual(['azure']);
    expect(supportStatus(resolveGpuOffering('gb300', 'azure', 4)!)).toBe('preview');
    expect(gpuModel('gb300').unconfirmed?.aws).toMatch(/not confirmed \(https:\/\/docs\.aws\.amazon\.com\//);
  });

  test('nearest whole-domain counts lie either side, never below the floor', () => {
    expect(nearestDomainCounts(20, 18)).toEqual([18, 36]);
    expect(nearestDomainCounts(9, 18)).toEqual([0, 18]);
    expect(nearestDomainCounts(9, 18, 1)).toEqual([18]);
  });

  test('Kubernetes minor versions compare numerically', () => {
    expect(compareKubernetesVersions('1.9', '1.33')).toBeLessThan(0);
    expect(compareKubernetesVersions('1.34', '1.33')).toBeGreaterThan(0);
    expect(compareKubernetesVersions('1.33', '1.33')).toBe(0);
  });

  test('ephemeral OS disks fit only on a large enough temp disk', () => {
    const t4 = resolveGpuOffering('t4', 'azure', 1)!;
    expect(supportsEphemeralOsDisk(t4, 128)).toBe(true);
    expect(supportsEphemeralOsDisk(t4, 512)).toBe(false);
  });
});
