import type { StackJson } from '../../../constructs/shared/stack-json';
import { architectureModels, type ArchitectureModel } from '../../../tools/diagram/architecture';
import { sharedOutput } from '../../helpers/shared-synth';

const models = architectureModels(sharedOutput('frozen').stacks);
const prod = models.find((m) => m.environment === 'prod')!;
const region = (model: ArchitectureModel, cloud: string, name: string) =>
  model.regions.find((r) => r.cloud === cloud && r.region === name)!;

describe('architecture model (frozen fixture)', () => {
  test('one model per environment, with its stacks, Azure regions before AWS, each by name', () => {
    expect(models.map((m) => m.environment)).toEqual(['dev', 'prod']);
    expect(prod.stacks).toEqual([
      'prod-aws-account',
      'prod-aws-dist-eu-west-1',
      'prod-aws-dist-us-east-1',
      'prod-azure-host-eastus2',
      'prod-link',
    ]);
    expect(prod.regions.map((r) => `${r.cloud} ${r.region} ${r.network.kind} ${r.network.cidrs.join()}`)).toEqual([
      'azure eastus2 VNet 10.120.0.0/16',
      'aws eu-west-1 VPC 10.111.0.0/16',
      'aws us-east-1 VPC 10.110.0.0/16',
    ]);
  });

  test('each cluster lists its system pool first, then its GPU pools by name, with SKU and node range', () => {
    const aks = region(prod, 'azure', 'eastus2').cluster!;
    expect(aks).toMatchObject({ kind: 'AKS', name: 'gpuplat-prod-eastus2' });
    expect(
      aks.pools.map((p) => `${p.role} ${p.name} ${p.sku} ${p.minNodes}-${p.maxNodes} ${p.gpuModel ?? ''}`),
    ).toEqual([
      'system system Standard_D8ds_v5 3-6 ',
      'gpu infer Standard_NV36ads_A10_v5 2-12 a10',
      'gpu serve Standard_ND96isr_H100_v5 2-8 h100',
      'gpu train Standard_ND96isr_H100_v5 2-16 h100',
    ]);
    const eks = region(prod, 'aws', 'us-east-1').cluster!;
    expect(
      eks.pools.map((p) => `${p.role} ${p.name} ${p.sku} ${p.minNodes}-${p.maxNodes} ${p.capacity ?? ''}`),
    ).toEqual([
      'system system m7i.2xlarge 3-6 ',
      'gpu infer g5.8xlarge 2-12 on-demand',
      'gpu serve p5.48xlarge 2-8 on-demand',
    ]);
  });

  test('model stores: the Azure containers with their account; per AWS region the bucket, not its log bucket', () => {
    expect(region(prod, 'azure', 'eastus2').stores).toEqual([
      { kind: 'container', name: 'datasets', account: 'gpuplatprodeastus2models' },
      { kind: 'container', name: 'models', account: 'gpuplatprodeastus2models' },
    ]);
    expect(region(prod, 'aws', 'eu-west-1').stores).toEqual([
      { kind: 'bucket', name: 'gpuplat-models-prod-eu-west-1-222222222222' },
    ]);
  });

  test('audit sinks: the trail and its locked bucket; the workspace and archive diagnostic settings send to', () => {
    expect(prod.account).toEqual({
      stack: 'prod-aws-account',
      trail: {
        name: 'gpuplat-prod',
        multiRegion: true,
        bucket: 'gpuplat-prod-audit-222222222222',
        lock: 'COMPLIANCE 2556 d',
      },
    });
    const sinks = region(prod, 'azure', 'eastus2').auditSinks;
    // The Defender workspace receives no diagnostic setting: it is not an audit sink.
    expect(sinks.map((s) => `${s.kind} ${s.name} ${s.detail}`)).toEqual([
      'log-analytics log-gpuplat-prod-eastus2 365 d',
      'archive gpuplatprodeastus2audit immutable 2556 d, Unlocked',
    ]);
    expect(sinks[1].sources).toEqual(['AKS', 'Activity Log', 'Key Vault', 'storage']);
  });

  test('the link: both gateways with their regions, two VPN connections, four tunnels each matched to its Azure connection', () => {
    const link = prod.link!;
    expect(link.azureGateway).toEqual({
      name: 'vgw-gpuplat-prod-eastus2',
      sku: 'VpnGw2AZ',
      asn: '65020',
      activeActive: true,
      region: 'eastus2',
    });
    expect(link.awsGateway).toEqual({ asn: '64513', region: 'us-east-1' });
    expect(
      link.connections.flatMap((c) =>
        c.tunnels.map((t) => `${c.number}.${t.index} ${t.insideCidr} ${t.azureConnection} ${c.azurePublicIp}`),
      ),
    ).toEqual([
      '1.1 169.254.21.0/30 cn-gpuplat-prod-eastus2-aws-1-1 pip-gpuplat-prod-eastus2-vpn-1',
      '1.2 169.254.22.0/30 cn-gpuplat-prod-eastus2-aws-1-2 pip-gpuplat-prod-eastus2-vpn-1',
      '2.1 169.254.21.4/30 cn-gpuplat-prod-eastus2-aws-2-1 pip-gpuplat-prod-eastus2-vpn-2',
      '2.2 169.254.22.4/30 cn-gpuplat-prod-eastus2-aws-2-2 pip-gpuplat-prod-eastus2-vpn-2',
    ]);
  });

  test('the model path: the publisher reads the Azure container, assumes the role through the AKS issuer, writes each region’s bucket', () => {
    expect(prod.federations).toEqual([
      {
        role: 'gpuplat-prod-artifact-publisher',
        issuer: { cluster: 'gpuplat-prod-eastus2', region: 'eastus2' },
        subjects: ['system:serviceaccount:publishing:artifact-publisher'],
        identities: [
          {
            name: 'id-gpuplat-prod-eastus2-artifact-publisher',
            region: 'eastus2',
            subject: 'system:serviceaccount:publishing:artifact-publisher',
            reads: [{ container: 'models', role: 'Storage Blob Data Reader' }],
          },
        ],
        grants: [
          {
            region: 'eu-west-1',
            bucket: 'gpuplat-models-prod-eu-west-1-222222222222',
            actions: ['s3:AbortMultipartUpload', 's3:PutObject'],
          },
          {
            region: 'us-east-1',
            bucket: 'gpuplat-models-prod-us-east-1-222222222222',
            actions: ['s3:AbortMultipartUpload', 's3:PutObject'],
          },
        ],
      },
    ]);
  });

  test('the same stacks in another order give the same model', () => {
    const reversed = new Map([...sharedOutput('frozen').stacks].reverse());
    expect(architectureModels(reversed)).toEqual(models);
  });
});

describe('architecture model (hand-written stacks)', () => {
  const stack = (resource: StackJson['resource'], extra: Partial<StackJson> = {}): StackJson => ({
    terraform: { backend: {} },
    resource,
    ...extra,
  });

  test('an AKS pool that does not scale shows its fixed count; an EKS group its instance types', () => {
    const stacks = new Map([
      [
        'e1-azure-host-westus3',
        stack({
          azurerm_virtual_network: {
            vnet: { name: 'v', location: 'westus3', address_space: ['10.9.0.0/16', '10.8.0.0/16'] },
          },
          azurerm_kubernetes_cluster: {
            aks: {
              name: 'c',
              kubernetes_version: '1.35',
              default_node_pool: { name: 'sys', vm_size: 'D4', node_count: 3 },
            },
          },
          azurerm_kubernetes_cluster_node_pool: {
            fixed: {
              name: 'fixed',
              vm_size: 'NC',
              node_count: 2,
              kubernetes_cluster_id: '${azurerm_kubernetes_cluster.aks.id}',
              node_labels: { 'gpu-platform.io/gpu-model': 't4' },
            },
            other: {
              name: 'other',
              vm_size: 'NC',
              node_count: 1,
              kubernetes_cluster_id: '${azurerm_kubernetes_cluster.x.id}',
            },
          },
        }),
      ],
      [
        'e1-aws-dist-us-west-1',
        stack(
          {
            aws_vpc: { vpc: { cidr_block: '10.7.0.0/16', tags: { Name: 'n' } } },
            aws_vpc_ipv4_cidr_block_association: {
              extra: { vpc_id: '${aws_vpc.vpc.id}', cidr_block: '100.64.0.0/16' },
            },
            aws_eks_cluster: { eks: { name: 'k', version: '1.35' } },
            aws_eks_node_group: {
              group: {
                node_group_name: 'mixed',
                cluster_name: '${aws_eks_cluster.eks.name}',
                instance_types: ['g6.xlarge', 'g6.2xlarge'],
                capacity_type: 'SPOT',
                scaling_config: { min_size: 0, max_size: 4, desired_size: 1 },
                labels: { 'gpu-platform.io/gpu-model': 'l4', 'gpu-platform.io/capacity': 'spot' },
              },
            },
          },
          { provider: { aws: [{ region: 'us-west-1' }] } },
        ),
      ],
    ]);
    const [model] = architectureModels(stacks);
    expect(model.link).toBeUndefined();
    expect(model.account).toBeUndefined();
    expect(model.federations).toEqual([]);
    const [azure, aws] = model.regions;
    expect(azure.network.cidrs).toEqual(['10.9.0.0/16', '10.8.0.0/16']);
    // The pool of another cluster is not this cluster's.
    expect(azure.cluster!.pools.map((p) => `${p.role} ${p.name} ${p.minNodes}-${p.maxNodes}`)).toEqual([
      'system sys 3-3',
      'gpu fixed 2-2',
    ]);
    expect(aws.network.cidrs).toEqual(['10.7.0.0/16', '100.64.0.0/16']);
    expect(aws.cluster!.pools).toEqual([
      {
        name: 'mixed',
        sku: 'g6.xlarge, g6.2xlarge',
        role: 'gpu',
        gpuModel: 'l4',
        capacity: 'spot',
        minNodes: 0,
        maxNodes: 4,
      },
    ]);
  });

  test('stacks whose names no builder makes are left out', () => {
    expect(architectureModels(new Map([['scratch', stack({})]]))).toEqual([]);
  });
});
