import { cidrsOverlap, mustParseCidr } from '../../constructs/spec/cidr';
import { resourcesOf, shippedOutput, type StackJson } from '../helpers/synth';

type Rule = Record<string, unknown>;

const OPEN_TO_WORLD = ['0.0.0.0/0', '*', 'Internet', '::/0'];

function portInRange(port: number, from: unknown, to: unknown): boolean {
  return Number(from) <= port && port <= Number(to);
}

/** An NSG port spec: `*`, `443` or `20-25`. */
function portSpecAdmits(spec: string, port: number): boolean {
  if (spec === '*') return true;
  const [from, to = from] = spec.split('-');
  return portInRange(port, from, to);
}

function nsgRuleAdmits(rule: Rule, port: number): boolean {
  if (rule.access !== 'Allow' || rule.direction !== 'Inbound') return false;
  const sources = [rule.source_address_prefix, ...((rule.source_address_prefixes as string[]) ?? [])];
  if (!sources.some((s) => OPEN_TO_WORLD.includes(String(s)))) return false;
  const ranges = [rule.destination_port_range, ...((rule.destination_port_ranges as string[]) ?? [])].filter(Boolean);
  return ranges.some((spec) => portSpecAdmits(String(spec), port));
}

function sgRuleAdmits(rule: Rule, port: number): boolean {
  const sources = [...((rule.cidr_blocks as string[]) ?? []), ...((rule.ipv6_cidr_blocks as string[]) ?? [])];
  if (!sources.some((s) => OPEN_TO_WORLD.includes(s))) return false;
  return rule.protocol === '-1' || portInRange(port, rule.from_port, rule.to_port);
}

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
          for (const port of [22, 3389]) if (sgRuleAdmits(rule, port)) offenders.push(`${name} ${id} :${port}`);
        }
      }
      for (const [id, rule] of Object.entries(resourcesOf(stack, 'aws_vpc_security_group_ingress_rule'))) {
        const asRule = { ...rule, cidr_blocks: [rule.cidr_ipv4].filter(Boolean), protocol: rule.ip_protocol };
        for (const port of [22, 3389]) if (sgRuleAdmits(asRule, port)) offenders.push(`${name} ${id} :${port}`);
      }
      for (const [id, nsg] of Object.entries(resourcesOf(stack, 'azurerm_network_security_group'))) {
        for (const rule of (nsg.security_rule as Rule[]) ?? []) {
          for (const port of [22, 3389]) if (nsgRuleAdmits(rule, port)) offenders.push(`${name} ${id} :${port}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  test('the rule checkers catch an open rule', () => {
    expect(sgRuleAdmits({ protocol: 'tcp', from_port: 0, to_port: 1024, cidr_blocks: ['0.0.0.0/0'] }, 22)).toBe(true);
    expect(
      nsgRuleAdmits(
        { access: 'Allow', direction: 'Inbound', source_address_prefix: '*', destination_port_range: '3389' },
        3389,
      ),
    ).toBe(true);
    expect(
      nsgRuleAdmits(
        { access: 'Allow', direction: 'Inbound', source_address_prefix: 'Internet', destination_port_range: '20-25' },
        22,
      ),
    ).toBe(true);
  });

  test('every VPC and every VNet has a flow log', () => {
    for (const [name, stack] of all) {
      const vpcs = Object.keys(resourcesOf(stack, 'aws_vpc')).length;
      const vnets = Object.keys(resourcesOf(stack, 'azurerm_virtual_network')).length;
      expect({ name, flowLogs: Object.keys(resourcesOf(stack, 'aws_flow_log')).length }).toEqual({
        name,
        flowLogs: vpcs,
      });
      expect({ name, flowLogs: Object.keys(resourcesOf(stack, 'azurerm_network_watcher_flow_log')).length }).toEqual({
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
