/** AWS VPCs: flow logs, the default security group, public addressing. */
import { referencedAddress, reference, resourcesOfType } from '../../../shared/stack-json';
import { eachResource, type PolicyRule } from '../rule';

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
    check: eachResource(['aws_vpc'], (vpc, stack) => {
      const group = resourcesOfType(stack, 'aws_default_security_group').find(
        (g) => g.attributes.vpc_id === reference(vpc, 'id'),
      );
      if (!group) return 'has no aws_default_security_group: its default group admits traffic within the group';
      const rules = [group.attributes.ingress, group.attributes.egress].flat().filter(Boolean);
      return rules.length > 0 ? `${group.address} has rules; it must have none` : undefined;
    }),
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
];
