/**
 * What the link admits from the peer cloud's network, and nothing more. Cloud-neutral: each
 * cloud turns the same list into its own firewall rules.
 *
 * Azure initiates traffic to AWS over the link to call services on the distribution clusters
 * (internal load balancers and ingress, HTTPS only). ICMP "fragmentation needed" must pass too:
 * IPsec shrinks the path MTU, and a node that never hears so black-holes large responses.
 */
export interface LinkIngressRule {
  /** Why the rule exists, written into the rule's description. */
  readonly purpose: string;
  readonly protocol: 'tcp' | 'icmp';
  /** TCP: the port. ICMP: the type. */
  readonly from: number;
  /** TCP: the last port. ICMP: the code. */
  readonly to: number;
}

export const LINK_INGRESS: readonly LinkIngressRule[] = [
  { purpose: 'HTTPS from the peer cloud over the link', protocol: 'tcp', from: 443, to: 443 },
  // ICMP type 3 (destination unreachable), code 4 (fragmentation needed): path MTU discovery.
  { purpose: 'Path MTU discovery across the IPsec tunnels', protocol: 'icmp', from: 3, to: 4 },
];
