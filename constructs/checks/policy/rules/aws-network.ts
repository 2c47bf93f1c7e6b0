/** AWS VPCs: flow logs, the default security group and network ACL, public addressing, ACL admin ports. */
import {
  referencedAddress,
  reference,
  resourcesOfType,
  type Attributes,
  type StackJson,
} from '../../../shared/stack-json';
import { eachResource, strings, type PolicyRule } from '../rule';
import { WORLD_SOURCES } from './network-exposure';

const ADMIN_PORTS = [22, 3389];
/** NACL protocols that carry ports 22 and 3389: all, TCP, UDP (by name or number). */
const PORT_PROTOCOLS = ['-1', 'all', 'tcp', 'udp', '6', '17'];

/**
 * The admin ports one inbound NACL entry admits from the internet, read alone (as checkov and the
 * Config rule behind EC2.21 read it): an allow from `0.0.0.0/0` or `::/0` whose protocol carries
 * ports and whose range spans 22 or 3389. Entries of `aws_network_acl_rule` and inline ones alike.
 */
export function naclEntryAdmitsAdminPorts(entry: Attributes): number[] {
  const action = String(entry.rule_action ?? entry.action);
  if (action !== 'allow' || entry.egress === true) return [];
  const sources = [...strings(entry.cidr_block), ...strings(entry.ipv6_cidr_block)];
  if (!sources.some((s) => WORLD_SOURCES.includes(s))) return [];
  const protocol = String(entry.protocol).toLowerCase();
  if (!PORT_PROTOCOLS.includes(protocol)) return [];
  if (protocol === '-1' || protocol === 'all') return ADMIN_PORTS;
  return ADMIN_PORTS.filter((port) => Number(entry.from_port) <= port && port <= Number(entry.to_port));
}

/**
 * A VPC's default security group or ACL (`type`, found by `attribute` = `vpcReference`) must be
 * declared, and declared without rules, which empties it.
 */
function emptyDefault(
  stack: StackJson,
  type: string,
  attribute: string,
  vpcReference: string,
  whenMissing: string,
): string | undefined {
  const managed = resourcesOfType(stack, type).find((r) => r.attributes[attribute] === vpcReference);
  if (!managed) return `has no ${type}: ${whenMissing}`;
  const rules = [managed.attributes.ingress, managed.attributes.egress].flat().filter(Boolean);
  return rules.length > 0 ? `${managed.address} has rules; it must have none` : undefined;
}

export const AWS_NETWORK_RULES: readonly PolicyRule[] = [
  {
    id: 'GPUP-AWS-NET-1',
    severity: 'error',
    title: 'Every VPC records flow logs of all traffic',
    rationale: 'Flow logs are the only record of who talked to what after an incident',
    fix: 'add an aws_flow_log with vpc_id = the VPC and traffic_type = "ALL" (AwsVpcFlowLog)',
    resourceTypes: ['aws_vpc'],
    controls: { awsFsbp: ['EC2.6'], cisAws: ['3.7'], checkov: ['CKV2_AWS_11'] },
    check: eachResource(['aws_vpc'], (vpc, stack) =>
      resourcesOfType(stack, 'aws_flow_log').some(
        (f) => referencedAddress(f.attributes.vpc_id) === vpc.address && f.attributes.traffic_type === 'ALL',
      )
        ? undefined
        : 'has no flow log of ALL traffic',
    ),
  },
  {
    id: 'GPUP-AWS-NET-2',
    severity: 'error',
    title: "Every VPC's default security group is managed and admits nothing",
    rationale: 'Anything launched without a security group lands in the default one; it must not pass traffic',
    fix: 'add an aws_default_security_group for the VPC with ingress = [] and egress = []',
    resourceTypes: ['aws_vpc', 'aws_default_security_group'],
    controls: { awsFsbp: ['EC2.2'], cisAws: ['5.4'], checkov: ['CKV2_AWS_12'] },
    check: eachResource(['aws_vpc'], (vpc, stack) =>
      emptyDefault(
        stack,
        'aws_default_security_group',
        'vpc_id',
        reference(vpc, 'id'),
        'its default group admits traffic within the group',
      ),
    ),
  },
  {
    id: 'GPUP-AWS-NET-3',
    severity: 'error',
    title: 'No subnet assigns public IP addresses on launch',
    rationale: 'Auto-assigned addresses put whatever is launched there on the internet by default',
    fix: 'set map_public_ip_on_launch = false (load balancers and NAT gateways get addresses of their own)',
    resourceTypes: ['aws_subnet'],
    controls: { awsFsbp: ['EC2.15'], checkov: ['CKV_AWS_130'] },
    check: eachResource(['aws_subnet'], ({ attributes }) =>
      attributes.map_public_ip_on_launch === true ? 'sets map_public_ip_on_launch' : undefined,
    ),
  },
  {
    id: 'GPUP-AWS-NET-4',
    severity: 'error',
    title: 'No network ACL admits SSH or RDP from the internet',
    rationale:
      'Remote administration ports open to the world are the first thing scanned; nodes are reached through Session Manager',
    fix: 'deny TCP/UDP 22 and 3389 from 0.0.0.0/0 first and split any allow from the internet around them (network-acl-plan.ts)',
    resourceTypes: ['aws_network_acl_rule', 'aws_network_acl', 'aws_default_network_acl'],
    controls: { awsFsbp: ['EC2.21'], cisAws: ['5.1'], checkov: ['CKV_AWS_231', 'CKV_AWS_232'] },
    check: eachResource(
      ['aws_network_acl_rule', 'aws_network_acl', 'aws_default_network_acl'],
      ({ type, attributes }) => {
        const entries = type === 'aws_network_acl_rule' ? [attributes] : ((attributes.ingress ?? []) as Attributes[]);
        const ports = [...new Set(entries.flatMap(naclEntryAdmitsAdminPorts))];
        return ports.length > 0 ? `admits port ${ports.join(' and ')} from the internet` : undefined;
      },
    ),
  },
  {
    id: 'GPUP-AWS-NET-5',
    severity: 'error',
    title: "Every VPC's default network ACL is managed and admits nothing",
    rationale: 'AWS creates the default ACL admitting all traffic from anywhere; a subnet left on it has no ACL at all',
    fix: 'add an aws_default_network_acl for the VPC without rules, and put every subnet on an ACL of its tier (AwsNetworkAcls)',
    resourceTypes: ['aws_vpc', 'aws_default_network_acl'],
    controls: { awsFsbp: ['EC2.21'], cisAws: ['5.1'] },
    check: eachResource(['aws_vpc'], (vpc, stack) =>
      emptyDefault(
        stack,
        'aws_default_network_acl',
        'default_network_acl_id',
        reference(vpc, 'default_network_acl_id'),
        'its default ACL admits everything from anywhere',
      ),
    ),
  },
];
