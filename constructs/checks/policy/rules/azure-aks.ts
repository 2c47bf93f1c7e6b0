/** AKS control planes: private API, secrets encryption, audit logs, Entra ID, network policy. */
import { block, reference, resourcesOfType } from '../../../shared/stack-json';
import { eachResource, missing, type PolicyRule } from '../rule';

/** The AKS resource-log categories that record who did what through the API server. */
export const AKS_AUDIT_LOG_CATEGORIES = ['kube-audit', 'kube-audit-admin'];

export const AZURE_AKS_RULES: readonly PolicyRule[] = [
  {
    id: 'GPUP-AZ-AKS-1',
    severity: 'error',
    title: 'AKS clusters are private: the API server has no public endpoint or FQDN',
    rationale: 'An API server on the internet is one stolen credential or CVE away from the cluster',
    fix: 'set private_cluster_enabled = true and private_cluster_public_fqdn_enabled = false',
    resourceTypes: ['azurerm_kubernetes_cluster'],
    controls: { checkov: ['CKV_AZURE_115'] },
    check: eachResource(['azurerm_kubernetes_cluster'], ({ attributes }) =>
      missing({
        'private_cluster_enabled = true': attributes.private_cluster_enabled === true,
        'private_cluster_public_fqdn_enabled = false': attributes.private_cluster_public_fqdn_enabled !== true,
      }),
    ),
  },
  {
    id: 'GPUP-AZ-AKS-2',
    severity: 'error',
    title: 'AKS encrypts Kubernetes secrets with a Key Vault key (KMS) and node disks with a disk encryption set',
    rationale: 'Customer-managed keys keep etcd and disks unreadable without the key owner',
    fix: 'set key_management_service.key_vault_key_id and disk_encryption_set_id (AzureAksCluster)',
    resourceTypes: ['azurerm_kubernetes_cluster'],
    controls: { checkov: ['CKV_AZURE_117'] },
    check: eachResource(['azurerm_kubernetes_cluster'], ({ attributes }) =>
      missing({
        'key_management_service.key_vault_key_id': Boolean(block(attributes.key_management_service)?.key_vault_key_id),
        disk_encryption_set_id: Boolean(attributes.disk_encryption_set_id),
      }),
    ),
  },
  {
    id: 'GPUP-AZ-AKS-3',
    severity: 'error',
    title: 'AKS sends its audit logs to Log Analytics and runs Container Insights',
    rationale: 'Without kube-audit nobody can tell who did what to the cluster',
    fix: `add an azurerm_monitor_diagnostic_setting on the cluster with ${AKS_AUDIT_LOG_CATEGORIES.join(' and ')}, and set oms_agent`,
    resourceTypes: ['azurerm_kubernetes_cluster', 'azurerm_monitor_diagnostic_setting'],
    controls: { checkov: ['CKV_AZURE_4'] },
    check: eachResource(['azurerm_kubernetes_cluster'], (cluster, stack) => {
      const logged = resourcesOfType(stack, 'azurerm_monitor_diagnostic_setting')
        .filter((d) => d.attributes.target_resource_id === reference(cluster, 'id'))
        .flatMap((d) =>
          ((d.attributes.enabled_log as Record<string, unknown>[] | undefined) ?? []).map((l) => l.category),
        );
      return missing({
        [`a diagnostic setting with ${AKS_AUDIT_LOG_CATEGORIES.join(', ')}`]: AKS_AUDIT_LOG_CATEGORIES.every((c) =>
          logged.includes(c),
        ),
        'oms_agent.log_analytics_workspace_id': Boolean(
          block(cluster.attributes.oms_agent)?.log_analytics_workspace_id,
        ),
      });
    }),
  },
  {
    id: 'GPUP-AZ-AKS-4',
    severity: 'error',
    title: 'AKS authenticates with Entra ID and authorizes with Azure RBAC; local accounts are off',
    rationale: 'The local admin kubeconfig is a shared, unaudited, never-expiring credential',
    fix: 'set local_account_disabled = true and azure_active_directory_role_based_access_control { azure_rbac_enabled = true }',
    resourceTypes: ['azurerm_kubernetes_cluster'],
    controls: { checkov: ['CKV_AZURE_141', 'CKV_AZURE_5'] },
    check: eachResource(['azurerm_kubernetes_cluster'], ({ attributes }) =>
      missing({
        'local_account_disabled = true': attributes.local_account_disabled === true,
        'azure_active_directory_role_based_access_control.azure_rbac_enabled = true':
          block(attributes.azure_active_directory_role_based_access_control)?.azure_rbac_enabled === true,
        role_based_access_control_enabled: attributes.role_based_access_control_enabled !== false,
      }),
    ),
  },
  {
    id: 'GPUP-AZ-AKS-5',
    severity: 'error',
    title: 'AKS enforces Kubernetes network policies',
    rationale: 'Without a policy engine, NetworkPolicy objects are accepted and silently ignored',
    fix: 'set network_profile.network_policy = "cilium" (or "azure", "calico")',
    resourceTypes: ['azurerm_kubernetes_cluster'],
    controls: { checkov: ['CKV_AZURE_7'] },
    check: eachResource(['azurerm_kubernetes_cluster'], ({ attributes }) =>
      block(attributes.network_profile)?.network_policy ? undefined : 'must set network_profile.network_policy',
    ),
  },
  {
    id: 'GPUP-AZ-AKS-6',
    severity: 'error',
    title: 'AKS node pools encrypt at the host and never give nodes public IPs',
    rationale:
      'Host encryption covers temp disks and caches the disk encryption set does not; public node IPs bypass the NSGs',
    fix: 'set host_encryption_enabled = true and node_public_ip_enabled = false on every pool, default pool included',
    resourceTypes: ['azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool'],
    controls: { checkov: ['CKV_AZURE_227'] },
    check: eachResource(
      ['azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool'],
      ({ type, attributes }) => {
        const pool = type === 'azurerm_kubernetes_cluster' ? block(attributes.default_node_pool) : attributes;
        return missing({
          'host_encryption_enabled = true': pool?.host_encryption_enabled === true,
          'node_public_ip_enabled = false': pool?.node_public_ip_enabled !== true,
        });
      },
    ),
  },
];
