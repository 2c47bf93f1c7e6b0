/** Each invariant holds on the frozen fixture config and reports a platform that breaks it. */
import type { StackJson } from '../../constructs/shared/stack-json';
import type { PoolDescription } from '../../constructs/cloud-neutral/parity';
import { SHARED_SYNTHS, sharedOutput } from '../helpers/shared-synth';
import { build } from '../helpers/synth';
import { INVARIANTS, synthesizedPlatform, violatedInvariants, type SynthesizedPlatform } from './invariants';

type Resource = Record<string, unknown>;

const config = SHARED_SYNTHS.frozen();
const built = build(config);

/** The frozen platform, its stacks and clusters deep-copied so a test may break them. */
function frozenPlatform(): SynthesizedPlatform & { stacks: Map<string, StackJson> } {
  const stacks = new Map([...sharedOutput('frozen').stacks].map(([n, s]) => [n, structuredClone(s)]));
  const platform = synthesizedPlatform(config, built, stacks);
  return { ...platform, stacks, clusters: structuredClone(platform.clusters) };
}

/** The violations of the one invariant whose name contains `name`, after `breakIt`. */
function violationsAfter(name: string, breakIt: (platform: ReturnType<typeof frozenPlatform>) => void): string[] {
  const invariant = INVARIANTS.find((i) => i.name.includes(name));
  if (!invariant) throw new Error(`no invariant named like "${name}"`);
  const platform = frozenPlatform();
  breakIt(platform);
  return invariant.violations(platform);
}

function first(stack: StackJson, type: string, match: (r: Resource) => boolean = () => true): Resource {
  const found = Object.values(stack.resource?.[type] ?? {}).find(match);
  if (!found) throw new Error(`no matching ${type}`);
  return found;
}

const HOST = 'prod-azure-host-eastus2';
const DIST = 'prod-aws-dist-us-east-1';

describe('invariants', () => {
  test('all hold on the frozen fixture config', () => {
    expect(violatedInvariants(frozenPlatform())).toEqual({});
  });

  test('a missing stack is found', () => {
    expect(violationsAfter('every environment has its stacks', (p) => p.stacks.delete('dev-link'))).toEqual([
      'dev-link: not synthesized',
    ]);
  });

  test('a provider pinned to another account is found', () => {
    const found = violationsAfter('providers are pinned', (p) => {
      p.stacks.get('prod-aws-dist-eu-west-1')!.provider!.aws[0].allowed_account_ids = ['111111111111'];
    });
    expect(found).toEqual([expect.stringMatching(/^prod-aws-dist-eu-west-1: aws provider .*111111111111/)]);
  });

  test('a node pool built otherwise than the config asks is found by the ledger, naming the field', () => {
    const found = violationsAfter('the capacity ledger reads every node group', (p) => {
      first(p.stacks.get(HOST)!, 'azurerm_kubernetes_cluster_node_pool', (r) => r.name === 'infer').priority = 'Spot';
    });
    expect(found).toEqual([
      expect.stringMatching(
        /^prod-azure-host-eastus2: azurerm_kubernetes_cluster_node_pool\.\S+ differs from environments\.prod\.gpuPools\[2\]: capacity spot, config on-demand$/,
      ),
    ]);
  });

  test('a pool that differs across clouds is found, with the report', () => {
    const found = violationsAfter('matches across them', (p) => {
      const pools = p.clusters.prod.aws[1].pools as PoolDescription[];
      const infer = pools.findIndex((pool) => pool.name === 'infer');
      pools[infer] = { ...pools[infer], gpusPerNode: 4 };
    });
    expect(found).toEqual([expect.stringContaining('infer: gpusPerNode aws=4 azure=1')]);
  });

  test('a pool one cloud leaves out is found', () => {
    const found = violationsAfter('exactly the GPU pools', (p) => {
      (p.clusters.prod.azure[0].pools as PoolDescription[]).pop();
    });
    expect(found).toEqual([expect.stringMatching(/^prod azure gpuplat-prod-eastus2: builds train, serve; config: /)]);
  });

  test('labels that differ across clouds are found', () => {
    const found = violationsAfter('same labels and taints', (p) => {
      const pool = first(p.stacks.get(HOST)!, 'azurerm_kubernetes_cluster_node_pool', (r) => r.name === 'infer');
      pool.node_labels = { ...(pool.node_labels as object), extra: 'x' };
    });
    expect(found).toEqual([
      expect.stringMatching(/^prod infer \(us-east-1 \/ eastus2\): labels/),
      expect.stringMatching(/^prod infer \(eu-west-1 \/ eastus2\): labels/),
    ]);
  });

  test('a pool on fewer zones than its region has is found', () => {
    const found = violationsAfter('every zone of each region', (p) => {
      const group = first(p.stacks.get(DIST)!, 'aws_eks_node_group', (r) => r.node_group_name === 'infer');
      group.subnet_ids = (group.subnet_ids as string[]).slice(0, 2);
    });
    expect(found).toEqual([
      'prod-aws-dist-us-east-1 infer: zones ["use1-az1","use1-az2"], expected ["use1-az1","use1-az2","use1-az4"]',
    ]);
  });

  test('a missing or wrong tag is found', () => {
    const found = violationsAfter('full tag set', (p) => {
      const vpc = first(p.stacks.get(DIST)!, 'aws_vpc');
      vpc.tags = { ...(vpc.tags as object), environment: 'dev', owner: '' };
    });
    expect(found).toEqual([
      expect.stringMatching(/^prod-aws-dist-us-east-1 aws_vpc\.\S+: missing owner; wrong environment=dev$/),
    ]);
  });

  test('an unprotected stateful resource is found', () => {
    const found = violationsAfter('prevent_destroy', (p) => {
      delete first(p.stacks.get(HOST)!, 'azurerm_key_vault').lifecycle;
    });
    expect(found).toEqual([expect.stringMatching(/^prod-azure-host-eastus2 azurerm_key_vault\.\S+: not protected$/)]);
  });

  test('a missing deploy prerequisite is found', () => {
    const found = violationsAfter('prerequisite', (p) => {
      delete first(p.stacks.get(HOST)!, 'azurerm_role_assignment', (r) =>
        String(r.principal_id).includes('aks_identity'),
      ).principal_type;
    });
    expect(found).toEqual([expect.stringContaining('[PRE-AZ-13]')]);
  });

  test('SSH open to the world is found', () => {
    const found = violationsAfter('SSH or RDP', (p) => {
      const nsg = first(p.stacks.get(HOST)!, 'azurerm_network_security_group');
      nsg.security_rule = [
        ...(nsg.security_rule as Resource[]),
        { access: 'Allow', direction: 'Inbound', source_address_prefix: '*', destination_port_range: '22' },
      ];
    });
    expect(found).toEqual([expect.stringMatching(/azurerm_network_security_group\.\S+: admits :22 from the world$/)]);
  });

  test('a VPC without a flow log is found', () => {
    const found = violationsAfter('flow log', (p) => {
      delete p.stacks.get(DIST)!.resource!.aws_flow_log;
    });
    expect(found).toEqual(['prod-aws-dist-us-east-1: 1 VPCs, 0 flow logs']);
  });

  test('overlapping networks are found', () => {
    const found = violationsAfter('do not overlap', (p) => {
      first(p.stacks.get('prod-aws-dist-eu-west-1')!, 'aws_vpc').cidr_block = '10.110.0.0/16';
    });
    expect(found).toEqual([expect.stringContaining('10.110.0.0/16 overlaps prod-aws-dist-eu-west-1 10.110.0.0/16')]);
  });

  test('a link that reads a non-primary region is found', () => {
    const found = violationsAfter('primary regions', (p) => {
      const remote = p.stacks.get('prod-link')!.data!.terraform_remote_state;
      remote['cross-stack-reference-input-prod-aws-dist-eu-west-1'] = remote[`cross-stack-reference-input-${DIST}`];
    });
    expect(found).toEqual([expect.stringMatching(/^prod-link: reads the state of .*eu-west-1/)]);
  });

  test('a literal pre-shared key is found', () => {
    const found = violationsAfter('pre-shared key', (p) => {
      first(p.stacks.get('prod-link')!, 'azurerm_virtual_network_gateway_connection').shared_key = 'hunter2';
    });
    expect(found).toEqual([
      expect.stringMatching(/^prod-link resource\.azurerm_virtual_network_gateway_connection\.\S+\.shared_key: /),
    ]);
  });

  test('an absolute path is found', () => {
    const found = violationsAfter('absolute path', (p) => {
      p.stacks.get(DIST)!.terraform.backend = { local: { path: '/home/someone/state.tfstate' } };
    });
    expect(found).toEqual(['prod-aws-dist-us-east-1: holds an absolute path']);
  });
});
