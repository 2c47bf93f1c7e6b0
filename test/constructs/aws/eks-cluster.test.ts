import { EKS_ADDONS, EKS_CONTROL_PLANE_LOG_TYPES } from '../../../constructs/aws/eks-cluster';
import { frozenConfig } from '../../helpers/config-fixture';
import { IMDS_HOP_LIMIT } from '../../../constructs/aws/eks-launch-template';
import { CAPACITY_BLOCK_ID, ODCR_ID } from '../../helpers/gpu-fixture';
import { policyStatements } from '../../../constructs/shared/stack-json';
import { resourcesOf, sharedOutput, type StackJson } from '../../helpers/shared-synth';

type Resource = Record<string, unknown>;

const byName = (stack: StackJson, type: string, key = 'name'): Record<string, Resource> =>
  Object.fromEntries(Object.values(resourcesOf(stack, type)).map((r) => [String(r[key]), r]));
const only = (stack: StackJson, type: string): Resource => {
  const all = Object.values(resourcesOf(stack, type));
  expect(all).toHaveLength(1);
  return all[0];
};
const resourcesOfData = (stack: StackJson, type: string): Record<string, Resource> => stack.data?.[type] ?? {};
/** The launch template a node group uses. */
function launchTemplateOf(stack: StackJson, group: Resource): Resource {
  const ref = String((group.launch_template as Resource).id).match(/aws_launch_template\.([\w-]+)\.id/)![1];
  return resourcesOf(stack, 'aws_launch_template')[ref];
}

describe('EKS cluster', () => {
  const { stacks } = sharedOutput('frozen');
  const prod = stacks.get('prod-aws-dist-us-east-1')!;
  const dev = stacks.get('dev-aws-dist-us-east-1')!;
  const fixture = sharedOutput('capacity-paths').stacks.get('prod-aws-dist-us-east-1')!;

  describe('control plane', () => {
    test('the endpoint is private, and public access is off in prod', () => {
      expect(only(prod, 'aws_eks_cluster').vpc_config).toMatchObject({
        endpoint_private_access: true,
        endpoint_public_access: false,
      });
      expect((only(prod, 'aws_eks_cluster').vpc_config as Resource).public_access_cidrs).toBeUndefined();
    });

    test('dev opens the public endpoint only to the configured CIDRs', () => {
      const vpc = only(dev, 'aws_eks_cluster').vpc_config as Resource;
      expect(vpc).toMatchObject({
        endpoint_private_access: true,
        endpoint_public_access: true,
        public_access_cidrs: ['203.0.113.0/24'],
      });
      expect(vpc.public_access_cidrs).not.toContain('0.0.0.0/0');
    });

    test('control-plane ENIs live in the intra subnets', () => {
      const subnets = (only(prod, 'aws_eks_cluster').vpc_config as Resource).subnet_ids as string[];
      expect(subnets).toHaveLength(3);
      for (const s of subnets) expect(s).toMatch(/network_intra-use1-az[124]_/);
    });

    test('secrets are envelope-encrypted with a rotating, protected customer-managed key', () => {
      const cluster = only(prod, 'aws_eks_cluster');
      expect(cluster.encryption_config).toEqual({
        provider: { key_arn: expect.stringContaining('eks_secrets-key') },
        resources: ['secrets'],
      });
      const key = Object.entries(resourcesOf(prod, 'aws_kms_key')).find(([id]) => id.includes('secrets-key'))![1];
      expect(key).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
    });

    test('all five control-plane log types go to an encrypted log group kept for the retention', () => {
      const cluster = only(prod, 'aws_eks_cluster');
      expect(cluster.enabled_cluster_log_types).toEqual([...EKS_CONTROL_PLANE_LOG_TYPES]);
      expect(EKS_CONTROL_PLANE_LOG_TYPES).toHaveLength(5);
      const group = byName(prod, 'aws_cloudwatch_log_group')['/aws/eks/gpuplat-prod-us-east-1/cluster'];
      expect(group).toMatchObject({
        retention_in_days: 365,
        kms_key_id: expect.stringContaining('aws_kms_key.log-key'),
      });
      expect(cluster.depends_on).toContainEqual(expect.stringContaining('eks_control-plane-logs'));
    });

    test('authentication uses access entries, with cluster-admin for the configured principals only', () => {
      expect(only(prod, 'aws_eks_cluster').access_config).toEqual({
        authentication_mode: 'API',
        bootstrap_cluster_creator_admin_permissions: false,
      });
      // The admin role of the account is looked up at plan: a missing one fails the plan, not the apply.
      const [lookup, role] = Object.entries(prod.data!.aws_iam_role!)[0];
      expect(role).toMatchObject({ name: 'platform-admins' });
      expect(only(prod, 'aws_eks_access_entry').principal_arn).toBe(`\${data.aws_iam_role.${lookup}.arn}`);
      expect(only(prod, 'aws_eks_access_policy_association')).toMatchObject({
        policy_arn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
        access_scope: { type: 'cluster' },
      });
    });

    test('an IAM OIDC provider trusts the cluster issuer for STS', () => {
      expect(only(prod, 'aws_iam_openid_connect_provider')).toMatchObject({
        client_id_list: ['sts.amazonaws.com'],
        url: expect.stringMatching(/aws_eks_cluster\.eks_cluster_\w+\.identity\[0\]\.oidc\[0\]\.issuer/),
      });
    });

    test('the core add-ons, Pod Identity included', () => {
      const addons = Object.values(resourcesOf(prod, 'aws_eks_addon')).map((a) => a.addon_name);
      expect(addons.sort()).toEqual([...EKS_ADDONS].sort());
      expect(addons).toEqual(expect.arrayContaining(['vpc-cni', 'coredns', 'kube-proxy', 'eks-pod-identity-agent']));
    });

    test("each add-on's version is EKS's default for the cluster's configured Kubernetes version", () => {
      for (const [env, stack] of [
        ['prod', prod],
        ['dev', dev],
      ] as const) {
        const versions = resourcesOfData(stack, 'aws_eks_addon_version');
        const kubernetesVersion = (
          frozenConfig() as { environments: Record<string, { kubernetes: { version: string } }> }
        ).environments[env].kubernetes.version;
        for (const addon of Object.values(resourcesOf(stack, 'aws_eks_addon'))) {
          const ref = /^\$\{data\.aws_eks_addon_version\.([\w-]+)\.version\}$/.exec(String(addon.addon_version));
          expect({ addon: addon.addon_name, pinned: Boolean(ref) }).toEqual({ addon: addon.addon_name, pinned: true });
          // The configured version, a literal: read at plan, so the plan shows what will be installed.
          expect(versions[ref![1]]).toMatchObject({
            addon_name: addon.addon_name,
            kubernetes_version: kubernetesVersion,
            most_recent: false,
          });
          expect(addon).toMatchObject({
            resolve_conflicts_on_create: 'OVERWRITE',
            resolve_conflicts_on_update: 'OVERWRITE',
          });
        }
        expect(Object.keys(versions)).toHaveLength(EKS_ADDONS.length);
      }
    });

    test('no IAM policy grants wildcard actions', () => {
      const policies = Object.values(resourcesOf(prod, 'aws_iam_role_policy'));
      expect(policies.length).toBeGreaterThan(0);
      for (const policy of policies) {
        for (const statement of policyStatements(prod, policy.policy)!) {
          expect(statement.actions).not.toContain('*');
        }
      }
    });

    test('the VPC CNI holds its permissions through IRSA, not the node role, and exists before any node', () => {
      const attachments = Object.values(resourcesOf(prod, 'aws_iam_role_policy_attachment'));
      const cni = attachments.filter((a) => String(a.policy_arn).endsWith('/AmazonEKS_CNI_Policy'));
      expect(cni).toHaveLength(1);
      expect(String(cni[0].role)).toContain('vpc-cni-role');
      const addon = Object.entries(resourcesOf(prod, 'aws_eks_addon')).find(([, a]) => a.addon_name === 'vpc-cni')!;
      expect(String(addon[1].service_account_role_arn)).toMatch(/aws_iam_role\.eks_vpc-cni-role/);
      for (const group of Object.values(resourcesOf(prod, 'aws_eks_node_group'))) {
        expect(group.depends_on).toContain(`aws_eks_addon.${addon[0]}`);
      }
    });
  });

  describe('node groups', () => {
    const groups = byName(prod, 'aws_eks_node_group', 'node_group_name');

    test('the system group runs general-purpose instances across every zone', () => {
      expect(groups.system).toMatchObject({
        instance_types: ['m7i.2xlarge'],
        ami_type: 'AL2023_x86_64_STANDARD',
        taint: [],
      });
      expect(groups.system.subnet_ids).toHaveLength(3);
    });

    test('GPU groups use the catalog instance type, the NVIDIA AMI, and the shared labels and taint', () => {
      expect(groups.serve).toMatchObject({
        instance_types: ['p5.48xlarge'],
        ami_type: 'AL2023_x86_64_NVIDIA',
        capacity_type: 'ON_DEMAND',
      });
      expect(groups.infer).toMatchObject({ instance_types: ['g5.8xlarge'], ami_type: 'AL2023_x86_64_NVIDIA' });
      expect(groups.infer.labels).toEqual({
        'gpu-platform.io/gpu-model': 'a10',
        'gpu-platform.io/purpose': 'inference',
        'gpu-platform.io/pool': 'infer',
        'gpu-platform.io/capacity': 'on-demand',
      });
      expect(groups.infer.taint).toEqual([{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }]);
      expect(groups.infer.scaling_config).toEqual({ min_size: 2, desired_size: 3, max_size: 12 });
      expect(groups.train).toBeUndefined();
    });

    test('every launch template requires IMDSv2 with the documented hop limit, encrypts gp3 roots and gives no public IP', () => {
      expect(IMDS_HOP_LIMIT).toBe(1);
      for (const template of Object.values(resourcesOf(prod, 'aws_launch_template'))) {
        expect(template.metadata_options).toMatchObject({ http_tokens: 'required', http_put_response_hop_limit: 1 });
        const [root] = template.block_device_mappings as Resource[];
        expect(root.ebs).toMatchObject({
          volume_type: 'gp3',
          encrypted: 'true',
          kms_key_id: expect.stringContaining('eks_volume-key'),
        });
        for (const nic of template.network_interfaces as Resource[])
          expect(nic.associate_public_ip_address).toBe('false');
      }
      expect((launchTemplateOf(prod, groups.infer).block_device_mappings as Resource[])[0]).toMatchObject({
        ebs: { volume_size: 300 },
      });
    });

    test('a fabric pool gets every EFA interface, a self-referencing group, one zone and a placement group', () => {
      const template = launchTemplateOf(prod, groups.serve);
      const nics = template.network_interfaces as Resource[];
      expect(nics).toHaveLength(32);
      expect(nics.every((n) => n.interface_type === 'efa')).toBe(true);
      expect(nics.map((n) => n.network_card_index)).toEqual([...Array(32).keys()]);
      expect(groups.serve.subnet_ids).toEqual([expect.stringContaining('network_nodes-use1-az1_')]);
      expect(template.placement).toEqual({ group_name: expect.stringContaining('aws_placement_group') });
      expect(only(prod, 'aws_placement_group').strategy).toBe('cluster');
      const efa = Object.values(resourcesOf(prod, 'aws_security_group')).find((g) =>
        String(g.name).endsWith('-serve-efa'),
      )!;
      expect(efa.ingress).toEqual([expect.objectContaining({ protocol: '-1', self: true })]);
      expect(efa.egress).toEqual([expect.objectContaining({ protocol: '-1', self: true })]);
    });

    test('dev runs spot GPU nodes that carry the spot taint too', () => {
      const infer = byName(dev, 'aws_eks_node_group', 'node_group_name').infer;
      expect(infer).toMatchObject({ capacity_type: 'SPOT', instance_types: ['g4dn.2xlarge'] });
      expect(infer.taint).toContainEqual({
        key: 'kubernetes.azure.com/scalesetpriority',
        value: 'spot',
        effect: 'NO_SCHEDULE',
      });
    });
  });

  describe('capacity paths (fixture)', () => {
    const groups = byName(fixture, 'aws_eks_node_group', 'node_group_name');

    test('a Capacity Block pool targets its block, sets the market type and has no placement group', () => {
      expect(groups.serve.capacity_type).toBe('CAPACITY_BLOCK');
      const template = launchTemplateOf(fixture, groups.serve);
      expect(template.instance_market_options).toEqual({ market_type: 'capacity-block' });
      expect(template.capacity_reservation_specification).toEqual({
        capacity_reservation_target: { capacity_reservation_id: CAPACITY_BLOCK_ID },
      });
      expect(template.placement).toBeUndefined();
      expect(groups.serve.subnet_ids).toEqual([expect.stringContaining('network_nodes-use1-az2_')]);
    });

    test('an On-Demand Capacity Reservation pool targets it without a placement group', () => {
      expect(groups.tune.capacity_type).toBe('ON_DEMAND');
      const template = launchTemplateOf(fixture, groups.tune);
      expect(template.capacity_reservation_specification).toEqual({
        capacity_reservation_target: { capacity_reservation_id: ODCR_ID },
      });
      expect(template.placement).toBeUndefined();
      expect(template.network_interfaces).toHaveLength(4);
      expect(Object.keys(resourcesOf(fixture, 'aws_placement_group'))).toHaveLength(0);
    });

    test('a 4-GPU T4 spot pool maps to g4dn.12xlarge', () => {
      expect(groups.burst).toMatchObject({ capacity_type: 'SPOT', instance_types: ['g4dn.12xlarge'] });
    });
  });
});
