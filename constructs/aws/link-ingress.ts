import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { LINK_INGRESS } from '../cloud-neutral/link-ingress';

/** Props of {@link AwsLinkIngress}. */
export interface AwsLinkIngressProps {
  /** The security group on the nodes: the EKS cluster security group. */
  readonly securityGroupId: string;
  /** The peer network's CIDRs: the Azure VNet the link joins, never a wider range. */
  readonly peerCidrs: readonly string[];
}

/**
 * Lets traffic that Azure starts over the link reach the EKS nodes: one ingress rule per peer
 * CIDR and {@link LINK_INGRESS} entry on the cluster security group. Without them the security
 * group drops everything that does not come from the cluster itself, and the link works one way.
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
  }
}
