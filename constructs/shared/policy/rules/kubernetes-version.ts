/** Kubernetes versions on both clouds. */
import { eachResource, strings, type PolicyRule } from '../rule';

/** The oldest Kubernetes minor both EKS (standard support) and AKS (GA) still support; raise it as they retire versions. */
export const OLDEST_SUPPORTED_KUBERNETES = '1.31';

/** `1.31` as a comparable number (1031). */
function minorNumber(version: string): number {
  const [major, minor] = version.split('.').map(Number);
  return major * 1000 + minor;
}

export const KUBERNETES_VERSION_RULES: readonly PolicyRule[] = [
  {
    id: 'GPUP-K8S-1',
    severity: 'error',
    title: `Clusters run a supported Kubernetes version (${OLDEST_SUPPORTED_KUBERNETES} or later)`,
    rationale: 'Unsupported versions get no security patches, and EKS bills extended support for them',
    fix: `set kubernetes.version to ${OLDEST_SUPPORTED_KUBERNETES} or later`,
    resourceTypes: ['aws_eks_cluster', 'azurerm_kubernetes_cluster'],
    controls: { awsFsbp: ['EKS.2'], checkov: ['CKV_AWS_339'] },
    check: eachResource(['aws_eks_cluster', 'azurerm_kubernetes_cluster'], ({ attributes }) => {
      const version = strings(attributes.version ?? attributes.kubernetes_version)[0];
      if (version === undefined) return 'must pin a Kubernetes version';
      return minorNumber(version) >= minorNumber(OLDEST_SUPPORTED_KUBERNETES)
        ? undefined
        : `runs ${version}, older than ${OLDEST_SUPPORTED_KUBERNETES}`;
    }),
  },
];
