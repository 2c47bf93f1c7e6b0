/** Cloud-neutral description of one region's private network. Both clouds build from it. */
export interface NetworkSpec {
  /** Short, stable name used inside resource names, for example `prod-eastus2`. */
  readonly name: string;
  /** The cloud region, in that cloud's spelling (`us-east-1`, `eastus2`). */
  readonly region: string;
  /** The network's address space; disjoint from every other network of the environment. */
  readonly cidr: string;
  /** The zones subnets and nodes spread over, in that cloud's spelling (`us-east-1a`, `1`). */
  readonly zones: readonly string[];
}
