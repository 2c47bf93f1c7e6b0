/** Kubernetes versions on both clouds, judged against their published support calendars. */
import { aksSupportFindings, calendarKnows, eksSupportFindings } from '../../../cloud-neutral/kubernetes-support';
import { block, type StackResource } from '../../../shared/stack-json';
import { eachResource, strings, type PolicyRule } from '../rule';

/** The version and, on EKS, the support type a cluster resource pins. */
function pinned(resource: StackResource): { version?: string; eks?: 'standard' | 'extended' } {
  const { attributes } = resource;
  if (resource.type === 'aws_eks_cluster') {
    const support = String(block(attributes.upgrade_policy)?.support_type ?? 'EXTENDED').toLowerCase();
    return { version: strings(attributes.version)[0], eks: support === 'standard' ? 'standard' : 'extended' };
  }
  return { version: strings(attributes.kubernetes_version)[0] };
}

export const KUBERNETES_VERSION_RULES: readonly PolicyRule[] = [
  {
    id: 'GPUP-K8S-1',
    severity: 'error',
    title:
      'Clusters run a Kubernetes version their cloud still supports (EKS: in its support type; AKS: before end of life)',
    rationale:
      'Unsupported versions get no security patches; on EKS standard support AWS upgrades the control plane itself, and a plan pinned to the old version then fails',
    fix: 'set kubernetes.version to a version both clouds support today (docs/kubernetes-upgrades.md)',
    resourceTypes: ['aws_eks_cluster', 'azurerm_kubernetes_cluster'],
    controls: { awsFsbp: ['EKS.2'], checkov: ['CKV_AWS_339'] },
    check: eachResource(['aws_eks_cluster', 'azurerm_kubernetes_cluster'], (resource, _stack, { today }) => {
      const { version, eks } = pinned(resource);
      if (version === undefined) return 'must pin a Kubernetes version';
      const cloud = eks ? 'aws' : 'azure';
      // Without a day to judge on, only what does not age: a version the calendar knows.
      if (today === undefined)
        return calendarKnows(cloud, version) ? undefined : `runs ${version}, which the ${cloud} calendar does not know`;
      const [error] = (eks ? eksSupportFindings(version, today, eks) : aksSupportFindings(version, today)).errors;
      return error && `runs ${version}: ${error}`;
    }),
  },
];
