import { DefaultNetworkAcl } from '@cdktf/provider-aws/lib/default-network-acl';
import { NetworkAcl } from '@cdktf/provider-aws/lib/network-acl';
import { NetworkAclRule } from '@cdktf/provider-aws/lib/network-acl-rule';
import type { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Construct } from 'constructs';
import { planNetworkAcl, type NetworkAclEntry, type NetworkAclTier } from './network-acl-plan';

/** Props of {@link AwsNetworkAcls}. */
export interface AwsNetworkAclsProps {
  readonly vpcId: string;
  /** The VPC's CIDR: what every tier admits from. */
  readonly vpcCidr: string;
  /** The VPC's default network ACL, emptied here. */
  readonly defaultNetworkAclId: string;
  /** The subnets of each tier. */
  readonly tiers: Readonly<Record<NetworkAclTier, readonly Subnet[]>>;
  /** `Name` tag prefix, for example the network's name. */
  readonly namePrefix: string;
}

/**
 * One entry as an `aws_network_acl_rule`: standalone rules (never inline ones) so that the link
 * stack can add its own to an ACL of this stack, and a change shows up rule by rule.
 */
export function networkAclRule(
  scope: Construct,
  id: string,
  networkAclId: string,
  entry: NetworkAclEntry,
): NetworkAclRule {
  return new NetworkAclRule(scope, id, {
    networkAclId,
    ruleNumber: entry.ruleNumber,
    egress: entry.egress,
    ruleAction: entry.action,
    protocol: entry.protocol,
    cidrBlock: entry.cidr,
    fromPort: entry.fromPort,
    toPort: entry.toPort,
    icmpType: entry.icmpType,
    icmpCode: entry.icmpCode,
  });
}

/** `ingress-100`, `egress-100`: unique on one ACL, since a rule number is unique per direction. */
export function networkAclRuleId(entry: NetworkAclEntry): string {
  return `${entry.egress ? 'egress' : 'ingress'}-${entry.ruleNumber}`;
}

/**
 * A network ACL per subnet tier with the rules {@link planNetworkAcl} gives it, and the VPC's
 * default ACL emptied: every subnet is on its tier's ACL, and a subnet added without one admits
 * nothing (like the emptied default security group). The default ACL waits for the tiers' ACLs,
 * so no subnet is ever left on an empty ACL while the ACLs change.
 */
export class AwsNetworkAcls extends Construct {
  readonly acls: Readonly<Record<NetworkAclTier, NetworkAcl>>;

  constructor(scope: Construct, id: string, props: AwsNetworkAclsProps) {
    super(scope, id);
    const tiers = Object.keys(props.tiers) as NetworkAclTier[];
    const acls = Object.fromEntries(
      tiers.map((tier) => {
        const acl = new NetworkAcl(this, tier, {
          vpcId: props.vpcId,
          subnetIds: props.tiers[tier].map((s) => s.id),
          tags: { Name: `${props.namePrefix}-${tier}` },
        });
        for (const entry of planNetworkAcl(tier, props.vpcCidr)) {
          networkAclRule(this, `${tier}-${networkAclRuleId(entry)}`, acl.id, entry);
        }
        return [tier, acl];
      }),
    ) as Record<NetworkAclTier, NetworkAcl>;
    this.acls = acls;
    new DefaultNetworkAcl(this, 'default', {
      defaultNetworkAclId: props.defaultNetworkAclId,
      tags: { Name: `${props.namePrefix}-default-unused` },
      // Subnets leave it for their tier's ACL; Terraform must not try to move them back.
      lifecycle: { ignoreChanges: ['subnet_ids'] },
      dependsOn: Object.values(acls),
    });
  }
}
