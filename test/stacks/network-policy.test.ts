import { nsgRuleAdmitsFromWorld, securityGroupRuleAdmitsFromWorld } from '../../constructs/shared/policy-rules';
import { cidrsOverlap, mustParseCidr } from '../../constructs/spec/cidr';
import { resourcesOf, shippedOutput, type StackJson } from '../helpers/synth';

type Rule = Record<string, unknown>;

function envOf(stackName: string): string {
  return stackName.split('-')[0];
}

describe('network policy across both clouds', () => {
  const { stacks } = shippedOutput();
  const all = [...stacks.entries()];

  test('no security group or NSG opens SSH or RDP to the world', () => {
    const offenders: string[] = [];
    for (const [name, stack] of all) {
      for (const [id, sg] of Object.entries(resourcesOf(stack, 'aws_security_group'))) {
        for (const rule of (sg.ingress as Rule[]) ?? []) {
          for (const port of [22, 3389])
            if (securityGroupRuleAdmitsFromWorld(rule, port)) offenders.push(`${name} ${id} :${port}`);
        }
      }
      for (const [id, rule] of Object.entries(resourcesOf(stack, 'aws_vpc_security_group_ingress_rule'))) {
        const asRule = { ...rule, cidr_blocks: [rule.cidr_ipv4].filter(Boolean), protocol: rule.ip_protocol };
        for (const port of [22, 3389])
          if (securityGroupRuleAdmitsFromWorld(asRule, port)) offenders.push(`${name} ${id} :${port}`);
      }
      for (const [id, nsg] of Object.entries(resourcesOf(stack, 'azurerm_network_security_group'))) {
        for (const rule of (nsg.security_rule as Rule[]) ?? []) {
          for (const port of [22, 3389])
            if (nsgRuleAdmitsFromWorld(rule, port)) offenders.push(`${name} ${id} :${port}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  test('every VPC and every VNet has a flow log', () => {
    for (const [name, stack] of all) {
      const vpcs = Object.keys(resourcesOf(stack, 'aws_vpc')).length;
      const vnets = Object.keys(resourcesOf(stack, 'azurerm_virtual_network')).length;
      expect({ name, flowLogs: Object.keys(resourcesOf(stack, 'aws_flow_log')).length }).toEqual({
        name,
        flowLogs: vpcs,
      });
      const vnetFlowLogs = Object.values(resourcesOf(stack, 'azapi_resource')).filter((r) =>
        String(r.type).startsWith('Microsoft.Network/networkWatchers/flowLogs@'),
      );
      expect({ name, flowLogs: vnetFlowLogs.length }).toEqual({
        name,
        flowLogs: vnets,
      });
    }
  });

  test('the networks of one environment do not overlap', () => {
    const networksByEnv = new Map<string, { name: string; cidr: string }[]>();
    const add = (stackName: string, cidr: string) => {
      const list = networksByEnv.get(envOf(stackName)) ?? [];
      list.push({ name: stackName, cidr });
      networksByEnv.set(envOf(stackName), list);
    };
    for (const [name, stack] of all as [string, StackJson][]) {
      for (const vpc of Object.values(resourcesOf(stack, 'aws_vpc'))) add(name, vpc.cidr_block as string);
      for (const vnet of Object.values(resourcesOf(stack, 'azurerm_virtual_network'))) {
        for (const cidr of vnet.address_space as string[]) add(name, cidr);
      }
    }
    expect([...networksByEnv.keys()].sort()).toEqual(['dev', 'prod']);
    for (const networks of networksByEnv.values()) {
      expect(networks.length).toBeGreaterThanOrEqual(2);
      networks.forEach((a, i) =>
        networks.slice(i + 1).forEach((b) => {
          expect({ a, b, overlap: cidrsOverlap(mustParseCidr(a.cidr), mustParseCidr(b.cidr)) }).toEqual({
            a,
            b,
            overlap: false,
          });
        }),
      );
    }
  });
});
