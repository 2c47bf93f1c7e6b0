import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { LINK_INGRESS } from '../cloud-neutral/link-ingress';
import { planLinkAclEntries } from './network-acl-plan';
import { networkAclRule, networkAclRuleId } from './network-acls';

/** Props of {@link AwsLinkIngress}. */
export interface AwsLinkIngressProps {
  /** The group on the nodes for the peer's traffic (`AwsEksCluster.peerIngressSecurityGroup`). */
  readonly securityGroupId: string;
  /** The network ACL of the node subnets. */
  readonly networkAclId: string;
  /**
   * The peer cloud's sources: the subnets of its cluster nodes, never its whole network or a
   * wider range.
   */
  readonly peerCidrs: readonly string[];
}

/**
 * Lets traffic that Azure's clusters start over the link reach the EKS nodes: one ingress rule
 * per peer CIDR and {@link LINK_INGRESS} entry, on the nodes' peer-ingress group and, since
 * network ACLs are stateless and the nodes' ACL admits no HTTPS from outside the VPC, on that ACL
 * too. Replies leave through the ACL's open egress. Without them the link works one way.
 */
export class AwsLinkIngress extends Construct {
  readonly rules: readonly VpcSecurityGroupIngressRule[];

  constructor(scope: Construct, id: string, props: AwsLinkIngressProps) {
    super(scope, id);
    this.rules = props.peerCidrs.flatMap((cidr, c) =>
      LINK_INGRESS.map(
        (rule, r) =>
          new VpcSecurityGroupIngressRule(this, `peer-${c}-${rule.protocol}-${r}`, {
            securityGroupId: props.securityGroupId,
            cidrIpv4: cidr,
            ipProtocol: rule.protocol,
            fromPort: rule.from,
            toPort: rule.to,
            description: rule.purpose,
          }),
      ),
    );
    for (const entry of planLinkAclEntries(props.peerCidrs, LINK_INGRESS)) {
      networkAclRule(this, `acl-${networkAclRuleId(entry)}`, props.networkAclId, entry);
    }
  }
}
