/**
 * The GB200 fixture (test/helpers/gb200-fixture.ts) synthesized on both clouds: one NVL72 pool as
 * an EKS node group on P6e-GB200 UltraServers and an AKS node pool of ND GB200 v6 VMs, passing
 * the policy gate (the shared synth fails otherwise), the deploy prerequisites, every invariant
 * and parity.
 */
import { checkPrerequisites } from '../../constructs/checks/prerequisites';
import type { StackJson } from '../../constructs/shared/stack-json';
import { GPU_LABELS } from '../../constructs/cloud-neutral/cluster';
import { compareClusters, formatParityReport } from '../../constructs/cloud-neutral/parity';
import { synthesizedPlatform, violatedInvariants } from '../invariants/invariants';
import { GB200_POOL } from '../helpers/gb200-fixture';
import { CAPACITY_BLOCK_ID, CRG_ID } from '../helpers/gpu-fixture';
import { SHARED_SYNTHS, resourcesOf, sharedOutput } from '../helpers/shared-synth';
import { build } from '../helpers/synth';

type Resource = Record<string, unknown>;

const config = SHARED_SYNTHS.gb200();
const built = build(config);
const output = sharedOutput('gb200');
const dist = output.stacks.get('prod-aws-dist-us-east-1')!;
const host = output.stacks.get('prod-azure-host-eastus')!;

function only(stack: StackJson, type: string, match: (r: Resource) => boolean): Resource {
  const found = Object.values(resourcesOf(stack, type)).filter(match);
  expect(found).toHaveLength(1);
  return found[0];
}

const nodeGroup = only(dist, 'aws_eks_node_group', (g) => g.node_group_name === GB200_POOL);
const launchTemplate = only(dist, 'aws_launch_template', (t) => String(t.name).endsWith(`-${GB200_POOL}`));
const nodePool = only(host, 'azurerm_kubernetes_cluster_node_pool', (p) => p.name === GB200_POOL);

describe('GB200 fixture', () => {
  test('passes every invariant and the deploy prerequisites', () => {
    expect(violatedInvariants(synthesizedPlatform(config, built, output.stacks))).toEqual({});
    expect(checkPrerequisites(output.stacks)).toEqual([]);
  });

  test('the pool matches across clouds: GPUs, NVLink domains, arm64, RDMA, reserved', () => {
    const aws = built.environments.prod.awsDistributions[0].cluster.describe();
    const azure = built.environments.prod.azureHosts[0].cluster.describe();
    const report = compareClusters(aws, azure);
    expect(formatParityReport(report)).toBe(`parity: match\n  security: match\n  ${GB200_POOL}: match`);
    expect(aws.pools[0]).toMatchObject({
      gpuModel: 'gb200',
      gpusPerNode: 4,
      minGpus: 0,
      maxGpus: 144,
      cpuArchitecture: 'arm64',
      nvlinkDomainNodes: 18,
      minDomains: 0,
      maxDomains: 2,
      fabric: 'rdma',
      capacity: 'reserved',
    });
  });
});

describe('EKS GB200 node group', () => {
  test('arm64 NVIDIA AMI on a Capacity Block, beside the x86 system group', () => {
    expect(nodeGroup).toMatchObject({
      instance_types: ['p6e-gb200.36xlarge'],
      ami_type: 'AL2023_ARM_64_NVIDIA',
      capacity_type: 'CAPACITY_BLOCK',
      scaling_config: { min_size: 0, desired_size: 18, max_size: 36 },
    });
    expect(only(dist, 'aws_eks_node_group', (g) => g.node_group_name === 'system').ami_type).toBe(
      'AL2023_x86_64_STANDARD',
    );
  });

  test('one zone: a single subnet', () => {
    expect(nodeGroup.subnet_ids).toHaveLength(1);
  });

  test('its launch template sets the capacity-block market type and the reservation target', () => {
    expect(launchTemplate).toMatchObject({
      instance_market_options: { market_type: 'capacity-block' },
      capacity_reservation_specification: {
        capacity_reservation_target: { capacity_reservation_id: CAPACITY_BLOCK_ID },
      },
    });
    expect(launchTemplate.placement).toBeUndefined();
  });

  test('card 0 is the ENA interface; EFA-only interfaces follow on cards 1, 5, 9 and 13', () => {
    const interfaces = launchTemplate.network_interfaces as Resource[];
    expect(interfaces.map((i) => [i.network_card_index, i.device_index, i.interface_type])).toEqual([
      [0, 0, undefined],
      [1, 0, 'efa-only'],
      [5, 0, 'efa-only'],
      [9, 0, 'efa-only'],
      [13, 0, 'efa-only'],
    ]);
  });
});

describe('AKS GB200 node pool', () => {
  test('the arm64 ND GB200 v6 size on Ubuntu, drivers left to the GPU Operator, from the reservation group', () => {
    expect(nodePool).toMatchObject({
      vm_size: 'Standard_ND128isr_NDR_GB200_v6',
      os_sku: 'Ubuntu',
      gpu_driver: 'None',
      capacity_reservation_group_id: CRG_ID,
      min_count: 0,
      node_count: 18,
      max_count: 36,
    });
  });

  test('one zone, in a proximity placement group there', () => {
    expect(nodePool.zones).toEqual(['1']);
    expect(nodePool.proximity_placement_group_id).toBeDefined();
  });
});

describe('both clouds', () => {
  test('carry the same scheduling labels and taint; the node images are arm64 on both', () => {
    const labels = { aws: nodeGroup.labels, azure: nodePool.node_labels };
    expect(labels.aws).toEqual(labels.azure);
    expect(labels.aws).toMatchObject({ [GPU_LABELS.model]: 'gb200', [GPU_LABELS.pool]: GB200_POOL });
    expect(nodePool.node_taints).toEqual(['nvidia.com/gpu=present:NoSchedule']);
    // kubelet labels every node kubernetes.io/arch from its image: arm64 for both of these.
    const pools = [
      built.environments.prod.awsDistributions[0].cluster.describe().pools[0],
      built.environments.prod.azureHosts[0].cluster.describe().pools[0],
    ];
    expect(pools.map((p) => p.cpuArchitecture)).toEqual(['arm64', 'arm64']);
  });
});
