/** Config validation of rack-scale (NVL72) pools: whole domains, preview opt-in, what each cloud sells them through. */
import { readFileSync } from 'fs';
import * as path from 'path';
import { configProblems, type ConfigInput } from '../helpers/config-fixture';
import { gb200ConfigInput } from '../helpers/gb200-fixture';

const POOL = 'environments.prod.gpuPools[0]';

/** The problems the GB200 fixture yields after `edit`, as "path: message" lines. */
function problemsAfter(edit: (pool: ConfigInput, prod: ConfigInput) => void): string[] {
  const config = gb200ConfigInput();
  edit(config.environments.prod.gpuPools[0], config.environments.prod);
  return configProblems(config);
}

describe('rack-scale GPU pools', () => {
  test('the GB200 fixture is valid: whole domains, a Capacity Block, the GPU Operator, preview opted in', () => {
    expect(problemsAfter(() => {})).toEqual([]);
  });

  test('a node count that is not whole NVLink domains names the domain and the nearest valid counts', () => {
    expect(problemsAfter((pool) => (pool.nodes = { min: 0, desired: 20, max: 40 }))).toEqual([
      `${POOL}.nodes.desired: must be a whole number of NVLink domains: p6e-gb200.36xlarge comes in domains of 18 nodes (u-p6e-gb200x72 UltraServer); the nearest valid counts are 18 and 36`,
      `${POOL}.nodes.max: must be a whole number of NVLink domains: p6e-gb200.36xlarge comes in domains of 18 nodes (u-p6e-gb200x72 UltraServer); the nearest valid counts are 36 and 54`,
    ]);
  });

  test('a max below one domain offers only the first whole domain', () => {
    expect(problemsAfter((pool) => (pool.nodes = { min: 0, desired: 0, max: 9 }))).toEqual([
      expect.stringMatching(/nodes\.max: .* the nearest valid counts are 18$/),
    ]);
  });

  test('a preview offering without opt-in says what is preview and where to read more', () => {
    expect(problemsAfter((pool) => delete pool.allowPreview)).toEqual([
      `${POOL}.gpuModel: gb200 on azure (Standard_ND128isr_NDR_GB200_v6) is preview: AKS does not list Standard_ND128isr_NDR_GB200_v6 among its GPU sizes: the pool runs with gpuDriver none, the NVIDIA GPU Operator installing drivers, outside AKS support; read https://learn.microsoft.com/azure/aks/use-nvidia-gpu, then set "allowPreview": true on this pool to build it anyway`,
    ]);
  });

  test('an AWS-only GB200 pool needs no opt-in: EKS supports it', () => {
    expect(
      problemsAfter((pool) => {
        delete pool.allowPreview;
        pool.clouds = ['aws'];
        delete pool.capacity.azure;
      }),
    ).toEqual([]);
  });

  test('GB300 on AWS is rejected as unconfirmed, with its source', () => {
    expect(
      problemsAfter((pool, prod) => {
        pool.gpuModel = 'gb300';
        pool.clouds = ['aws', 'azure'];
        // Azure offers ND GB300 v6 in eastus2 (cloud facts), not in the fixture's eastus.
        prod.azure.regions[0].region = 'eastus2';
      }),
    ).toEqual([expect.stringMatching(/clouds\[0\]: aws does not offer GPU model gb300 \(.*not confirmed \(https:/)]);
  });

  test('on AWS it must be a Capacity Block; on Azure the GPU Operator installs drivers', () => {
    expect(
      problemsAfter((pool) => {
        pool.capacity.aws.capacityBlock = false;
        pool.gpuDriver = 'install';
      }),
    ).toEqual([
      `${POOL}.capacity: p6e-gb200.36xlarge is sold only through EC2 Capacity Blocks for ML: set "type": "reserved" with "aws": { "capacityReservationId": "<the block's cr- id>", "capacityBlock": true }`,
      `${POOL}.gpuDriver: must be "none" for Standard_ND128isr_NDR_GB200_v6: AKS's managed driver install does nothing on arm64 nodes, so the NVIDIA GPU Operator installs the drivers (see docs/gpu-pools.md, rack-scale pools)`,
    ]);
  });

  test('one zone only, fabric or not', () => {
    expect(
      problemsAfter((pool) => {
        pool.fabric = false;
        pool.zones = [1, 2];
      }),
    ).toEqual([
      `${POOL}.zones: must name one zone: an NVLink domain (u-p6e-gb200x72 UltraServer) lives in one zone`,
      `${POOL}.zones: must name one zone: an NVLink domain (GB200 NVL72 rack) lives in one zone`,
    ]);
  });

  test('a Kubernetes version older than EKS runs GB200 on is rejected on the version, naming the pool', () => {
    expect(problemsAfter((_pool, prod) => (prod.kubernetes.version = '1.32'))).toEqual([
      'environments.prod.kubernetes.version: is 1.32, but gpuPools[0] (nvl) needs 1.33 or later: aws runs gb200 from Kubernetes 1.33',
    ]);
  });

  test('the reservation target is an id or a resource group ARN, exactly one', () => {
    const arn = 'arn:aws:resource-groups:us-east-1:123456789012:group/gb200-blocks';
    expect(
      problemsAfter((pool) => {
        delete pool.capacity.aws.capacityReservationId;
        pool.capacity.aws.capacityReservationResourceGroupArn = arn;
      }),
    ).toEqual([]);
    expect(problemsAfter((pool) => (pool.capacity.aws.capacityReservationResourceGroupArn = arn))).toEqual([
      `${POOL}.capacity.aws: must name exactly one reservation target, or one per region, of: capacityReservationId, capacityReservationResourceGroupArn, regions; it names capacityReservationId and capacityReservationResourceGroupArn`,
    ]);
  });
});

describe('the GPU pools page', () => {
  test("the rack-scale pool example is the fixture's pool, and valid with real-looking ids", () => {
    const page = readFileSync(path.join(__dirname, '..', '..', 'docs', 'gpu-pools.md'), 'utf8');
    const section = page.slice(page.indexOf('## Rack-scale pools'));
    const start = section.indexOf('```json') + 7;
    const example = JSON.parse(section.slice(start, section.indexOf('```', start)));
    const fixture = gb200ConfigInput().environments.prod.gpuPools[0];
    example.capacity.azure = fixture.capacity.azure;
    expect(example).toEqual(fixture);
  });
});
