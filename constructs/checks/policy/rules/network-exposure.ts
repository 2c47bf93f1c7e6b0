/**
 * Ingress from the internet, on both clouds: admin ports (SSH, RDP) and all-ports rules, over
 * AWS security groups (inline and standalone rules) and Azure NSGs (inline and standalone rules).
 */
import type { Attributes } from '../../../shared/stack-json';
import { eachResource, strings, type PolicyRule } from '../rule';

/** Source spellings that mean "anywhere" on AWS and Azure. */
export const WORLD_SOURCES = ['0.0.0.0/0', '::/0', '*', 'Internet', 'Any'];
const ADMIN_PORTS = [22, 3389];

function admitsPort(from: unknown, to: unknown, port: number): boolean {
  return Number(from) <= port && port <= Number(to);
}

/** An NSG port spec: `*`, `443` or `20-25`. */
function nsgPortAdmits(spec: string, port: number): boolean {
  if (spec === '*') return true;
  const [from, to = from] = spec.split('-');
  return admitsPort(from, to, port);
}

/** Whether one AWS ingress rule (inline, or `aws_vpc_security_group_ingress_rule`) admits `port` from the whole internet. */
export function securityGroupRuleAdmitsFromWorld(rule: Attributes, port: number): boolean {
  const sources = [
    ...strings(rule.cidr_blocks),
    ...strings(rule.ipv6_cidr_blocks),
    ...strings(rule.cidr_ipv4),
    ...strings(rule.cidr_ipv6),
  ];
  if (!sources.some((s) => WORLD_SOURCES.includes(s))) return false;
  const protocol = String(rule.protocol ?? rule.ip_protocol);
  return protocol === '-1' || protocol === 'all' || admitsPort(rule.from_port, rule.to_port, port);
}

/** Whether one NSG rule (inline, or `azurerm_network_security_rule`) admits `port` from the whole internet. */
export function nsgRuleAdmitsFromWorld(rule: Attributes, port: number): boolean {
  if (rule.access !== 'Allow' || rule.direction !== 'Inbound') return false;
  const sources = [...strings(rule.source_address_prefix), ...strings(rule.source_address_prefixes)];
  if (!sources.some((s) => WORLD_SOURCES.includes(s))) return false;
  const ports = [...strings(rule.destination_port_range), ...strings(rule.destination_port_ranges)];
  return ports.some((spec) => nsgPortAdmits(spec, port));
}

/** Whether an AWS ingress rule admits every port (protocol all, or 0-65535). */
function securityGroupRuleAdmitsAllFromWorld(rule: Attributes): boolean {
  const protocol = String(rule.protocol ?? rule.ip_protocol);
  const allPorts =
    protocol === '-1' || protocol === 'all' || (Number(rule.from_port) <= 0 && Number(rule.to_port) >= 65535);
  return allPorts && securityGroupRuleAdmitsFromWorld(rule, 0);
}

/** Whether an NSG rule admits every port from the internet. */
function nsgRuleAdmitsAllFromWorld(rule: Attributes): boolean {
  const ports = [...strings(rule.destination_port_range), ...strings(rule.destination_port_ranges)];
  return ports.some((p) => p === '*' || p === '0-65535') && nsgRuleAdmitsFromWorld(rule, 0);
}

const INGRESS_TYPES = [
  'aws_security_group',
  'aws_vpc_security_group_ingress_rule',
  'aws_security_group_rule',
  'azurerm_network_security_group',
  'azurerm_network_security_rule',
];

/** The ingress rules a resource of INGRESS_TYPES writes, by cloud. */
function ingressRules(type: string, attributes: Attributes): { aws: Attributes[]; azure: Attributes[] } {
  switch (type) {
    case 'aws_security_group':
      return { aws: (attributes.ingress as Attributes[] | undefined) ?? [], azure: [] };
    case 'aws_vpc_security_group_ingress_rule':
      return { aws: [attributes], azure: [] };
    case 'aws_security_group_rule':
      return { aws: attributes.type === 'ingress' ? [attributes] : [], azure: [] };
    case 'azurerm_network_security_group':
      return { aws: [], azure: (attributes.security_rule as Attributes[] | undefined) ?? [] };
    default:
      return { aws: [], azure: [attributes] };
  }
}

export const NETWORK_EXPOSURE_RULES: readonly PolicyRule[] = [
  {
    id: 'GPUP-NET-1',
    severity: 'error',
    title: 'No security group or NSG admits SSH (22) or RDP (3389) from the internet',
    rationale: 'Admin ports open to the world are the first thing scanners try',
    fix: 'remove the rule; reach nodes through SSM Session Manager (AWS) or Bastion (Azure)',
    resourceTypes: INGRESS_TYPES,
    controls: {
      cisAws: ['5.2', '5.3'],
      cisAzure: ['6.1', '6.2'],
      checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AZURE_9', 'CKV_AZURE_10'],
    },
    check: eachResource(INGRESS_TYPES, ({ type, attributes }) => {
      const { aws, azure } = ingressRules(type, attributes);
      const open = ADMIN_PORTS.filter(
        (port) =>
          aws.some((r) => securityGroupRuleAdmitsFromWorld(r, port)) ||
          azure.some((r) => nsgRuleAdmitsFromWorld(r, port)),
      );
      return open.length > 0 ? `admits port ${open.join(' and ')} from the internet` : undefined;
    }),
  },
  {
    id: 'GPUP-NET-2',
    severity: 'error',
    title: 'No security group or NSG admits all ports from the internet',
    rationale: 'An all-ports rule exposes every service a node will ever run, including ones added later',
    fix: 'admit only the ports a service needs, from the ranges that need them',
    resourceTypes: INGRESS_TYPES,
    controls: { awsFsbp: ['EC2.18', 'EC2.19'], checkov: ['CKV_AWS_277'] },
    check: eachResource(INGRESS_TYPES, ({ type, attributes }) => {
      const { aws, azure } = ingressRules(type, attributes);
      return aws.some(securityGroupRuleAdmitsAllFromWorld) || azure.some(nsgRuleAdmitsAllFromWorld)
        ? 'admits every port from the internet'
        : undefined;
    }),
  },
];
