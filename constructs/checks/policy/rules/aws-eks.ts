/** EKS control planes: endpoint exposure, secrets encryption, logs, access. */
import { block, referencedAddress } from '../../../shared/stack-json';
import { eachResource, missing, strings, type PolicyRule } from '../rule';
import { WORLD_SOURCES } from './network-exposure';

/** Every control-plane log type EKS can send to CloudWatch. */
export const EKS_CONTROL_PLANE_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

export const AWS_EKS_RULES: readonly PolicyRule[] = [
  {
    id: 'GPUP-AWS-EKS-1',
    severity: 'error',
    title: 'An EKS API endpoint is never public to the whole internet',
    rationale: 'An API server reachable from anywhere is one stolen credential or CVE away from the cluster',
    fix: 'set vpc_config.endpoint_public_access = false, or list public_access_cidrs (kubernetes.publicAccessCidrs)',
    resourceTypes: ['aws_eks_cluster'],
    controls: { checkov: ['CKV_AWS_38'] },
    check: eachResource(['aws_eks_cluster'], ({ attributes }) => {
      const vpc = block(attributes.vpc_config);
      if (vpc?.endpoint_public_access === false) return undefined;
      const cidrs = strings(vpc?.public_access_cidrs);
      return cidrs.length === 0 || cidrs.some((c) => WORLD_SOURCES.includes(c))
        ? 'the public API endpoint admits 0.0.0.0/0'
        : undefined;
    }),
  },
  {
    id: 'GPUP-AWS-EKS-2',
    severity: 'warning',
    title: 'An EKS API endpoint is private only',
    rationale: 'A private endpoint keeps the API off the internet altogether, even from allowed ranges',
    fix: 'set vpc_config.endpoint_private_access = true and endpoint_public_access = false; reach it over VPN',
    resourceTypes: ['aws_eks_cluster'],
    controls: { awsFsbp: ['EKS.1'], checkov: ['CKV_AWS_39'] },
    check: eachResource(['aws_eks_cluster'], ({ attributes }) => {
      const vpc = block(attributes.vpc_config);
      return missing({
        'vpc_config.endpoint_private_access = true': vpc?.endpoint_private_access === true,
        'vpc_config.endpoint_public_access = false': vpc?.endpoint_public_access === false,
      });
    }),
  },
  {
    id: 'GPUP-AWS-EKS-3',
    severity: 'error',
    title: 'EKS encrypts Kubernetes secrets with a customer-managed KMS key',
    rationale: 'Envelope encryption keeps secrets unreadable in etcd backups and lets the key owner revoke access',
    fix: 'set encryption_config { resources = ["secrets"], provider.key_arn = <aws_kms_key>.arn }',
    resourceTypes: ['aws_eks_cluster'],
    controls: { awsFsbp: ['EKS.3'], checkov: ['CKV_AWS_58'] },
    check: eachResource(['aws_eks_cluster'], ({ attributes }) => {
      const encryption = block(attributes.encryption_config);
      const key = block(encryption?.provider)?.key_arn;
      return missing({
        'encryption_config.resources = ["secrets"]': strings(encryption?.resources).includes('secrets'),
        'encryption_config.provider.key_arn to a KMS key': referencedAddress(key)?.startsWith('aws_kms_key.') ?? false,
      });
    }),
  },
  {
    id: 'GPUP-AWS-EKS-4',
    severity: 'error',
    title: 'EKS sends every control-plane log type, audit included, to CloudWatch',
    rationale: 'Without audit and authenticator logs nobody can tell who did what to the cluster',
    fix: `set enabled_cluster_log_types = ${JSON.stringify(EKS_CONTROL_PLANE_LOG_TYPES)}`,
    resourceTypes: ['aws_eks_cluster'],
    controls: { awsFsbp: ['EKS.8'], checkov: ['CKV_AWS_37'] },
    check: eachResource(['aws_eks_cluster'], ({ attributes }) => {
      const enabled = strings(attributes.enabled_cluster_log_types);
      const absent = EKS_CONTROL_PLANE_LOG_TYPES.filter((t) => !enabled.includes(t));
      return absent.length > 0 ? `does not log ${absent.join(', ')}` : undefined;
    }),
  },
  {
    id: 'GPUP-AWS-EKS-5',
    severity: 'error',
    title: 'EKS grants access through IAM access entries only: no aws-auth ConfigMap, no implicit creator admin',
    rationale:
      'Access entries are auditable IAM resources; the ConfigMap and the creator grant are invisible local accounts',
    fix: 'set access_config { authentication_mode = "API", bootstrap_cluster_creator_admin_permissions = false }',
    resourceTypes: ['aws_eks_cluster'],
    controls: {},
    check: eachResource(['aws_eks_cluster'], ({ attributes }) => {
      const access = block(attributes.access_config);
      return missing({
        'access_config.authentication_mode = "API"': access?.authentication_mode === 'API',
        'access_config.bootstrap_cluster_creator_admin_permissions = false':
          access?.bootstrap_cluster_creator_admin_permissions === false,
      });
    }),
  },
  {
    id: 'GPUP-AWS-EKS-6',
    severity: 'error',
    title: 'EKS enforces Kubernetes network policies (VPC CNI network policy agent)',
    rationale: 'Without an enforcing agent, NetworkPolicy objects are accepted and silently ignored',
    fix: 'configure the vpc-cni aws_eks_addon with configuration_values {"enableNetworkPolicy": "true"}',
    resourceTypes: ['aws_eks_cluster'],
    controls: {},
    check: eachResource(['aws_eks_cluster'], (cluster, stack) => {
      const cni = Object.values(stack.resource?.aws_eks_addon ?? {}).find(
        (a) => a.addon_name === 'vpc-cni' && referencedAddress(a.cluster_name) === cluster.address,
      );
      const values = cni?.configuration_values
        ? (JSON.parse(String(cni.configuration_values)) as Record<string, unknown>)
        : {};
      return String(values.enableNetworkPolicy) === 'true'
        ? undefined
        : 'has no vpc-cni add-on with enableNetworkPolicy: network policies are not enforced';
    }),
  },
];
