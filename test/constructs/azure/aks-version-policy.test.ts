import { aksIgnoredChanges, channelMovesKubernetesVersion } from '../../../constructs/azure/aks-version-policy';

describe('AKS version ownership', () => {
  test.each(['patch', 'stable', 'rapid'] as const)('channel %s owns the Kubernetes version', (channel) => {
    expect(channelMovesKubernetesVersion(channel)).toBe(true);
    expect(aksIgnoredChanges(channel)).toEqual(['default_node_pool[0].node_count', 'kubernetes_version']);
  });

  test('node-image upgrades images only: Terraform keeps the version', () => {
    expect(aksIgnoredChanges('node-image')).toEqual(['default_node_pool[0].node_count']);
  });
});
