/**
 * Who owns an AKS cluster's Kubernetes version after creation. Pure, so the rule is tested
 * apart from the construct.
 */

/** AKS automatic upgrade channels the config accepts. */
export type AksUpgradeChannel = 'patch' | 'stable' | 'rapid' | 'node-image';

/**
 * Whether the channel moves `kubernetes_version` by itself. `stable` and `rapid` upgrade minor
 * versions and `patch` patch versions; a pinned version then makes the next plan try to
 * downgrade (Azure/terraform-azurerm-aks #280, #335), so Terraform must ignore it and the config's
 * version is the one the cluster is created with. `node-image` upgrades node images only.
 */
export function channelMovesKubernetesVersion(channel: AksUpgradeChannel): boolean {
  return channel !== 'node-image';
}

/** Attributes of `azurerm_kubernetes_cluster` Terraform leaves to AKS after creation. */
export function aksIgnoredChanges(channel: AksUpgradeChannel): string[] {
  // The autoscaler owns the system pool's node count.
  const ignored = ['default_node_pool[0].node_count'];
  if (channelMovesKubernetesVersion(channel)) ignored.push('kubernetes_version');
  return ignored;
}
