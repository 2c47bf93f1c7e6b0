/**
 * Deploy prerequisites, checked on the synthesized JSON: what each cloud needs to exist, and be
 * waited for, before a resource can be created or can work. Every rule is a pure function of
 * one stack (or, for account-global resources, of all stacks), names the resource and the fix,
 * and reads what was written, so a resource added by a fork or an escape hatch is checked too.
 * `main.ts` runs them after every synth and fails it on any finding; the tests run them on
 * fixtures with each prerequisite removed.
 */
import {
  block,
  policyStatements,
  propagatedGrants,
  reference,
  referencedAddress,
  resourceAt,
  resourcesOfType,
  waitsFor,
  type Attributes,
  type StackJson,
  type StackResource,
} from '../shared/stack-json';
import { PROVIDER_PREREQUISITE_RULES } from './provider-rules';
import { undeclaredReferences } from './references';

/** One missing prerequisite. */
export interface PrerequisiteFinding {
  readonly rule: string;
  readonly stack: string;
  /** The Terraform address of the resource that would fail. */
  readonly address: string;
  /** The construct path of that resource, where the finding gives it. */
  readonly path?: string;
  readonly problem: string;
  readonly fix: string;
}

/** A rule over one stack. */
export interface PrerequisiteRule {
  /** `PRE-<CLOUD>-<n>`. */
  readonly id: string;
  /** What must hold, in one line. */
  readonly description: string;
  check(stack: StackJson): Omit<PrerequisiteFinding, 'rule' | 'stack'>[];
}

type Finding = Omit<PrerequisiteFinding, 'rule' | 'stack'>;

const AUTOMATIC_VERSION_CHANNELS = ['patch', 'stable', 'rapid'];

/** The principal-id reference of an AKS cluster's user-assigned control-plane identity. */
function clusterPrincipal(cluster: StackResource): string | undefined {
  const identity = referencedAddress(((block(cluster.attributes.identity)?.identity_ids as string[]) ?? [])[0]);
  return identity && `\${${identity}.principal_id}`;
}

/** The grant a resource waits for, propagated, of `role` to `principal` (on `scope` when given). */
function hasPropagatedGrant(
  stack: StackJson,
  resource: StackResource,
  principal: string | undefined,
  role: string,
  scope?: string | readonly string[],
): boolean {
  const scopes = scope === undefined ? undefined : [scope].flat();
  return propagatedGrants(stack, resource).some(
    (grant) =>
      grant.attributes.role_definition_name === role &&
      grant.attributes.principal_id === principal &&
      (scopes === undefined || scopes.includes(grant.attributes.scope as string)),
  );
}

/**
 * The key resource a key reference names: `${azurerm_key_vault_key.k.id}` directly, or through
 * the data source that reads its newest version (`data.azurerm_key_vault_key.d`, named after
 * `${azurerm_key_vault_key.k.name}`).
 */
function keyOf(stack: StackJson, keyRef: unknown): StackResource | undefined {
  const address = referencedAddress(keyRef);
  if (address?.startsWith('data.azurerm_key_vault_key.')) {
    const lookup = stack.data?.azurerm_key_vault_key?.[address.split('.')[2]];
    return lookup && keyOf(stack, lookup.name);
  }
  return address?.startsWith('azurerm_key_vault_key.') ? resourceAt(stack, address) : undefined;
}

/** The vault reference of a key reference (the key's `key_vault_id`). */
function vaultOfKey(stack: StackJson, keyRef: unknown): string | undefined {
  return keyOf(stack, keyRef)?.attributes.key_vault_id as string | undefined;
}

/** Where a grant to use a key may sit: on the key itself (its versionless Resource Manager id) or its vault. */
function keyScopes(stack: StackJson, keyRef: unknown): string[] | undefined {
  const key = keyOf(stack, keyRef);
  return key && [reference(key, 'resource_versionless_id'), key.attributes.key_vault_id as string];
}

/** Built-in roles that create keys in a vault. */
const KEY_CREATING_ROLES = ['Key Vault Crypto Officer', 'Key Vault Administrator'];
/** Data actions that include creating a key. */
const KEY_CREATING_DATA_ACTIONS = ['Microsoft.KeyVault/vaults/keys/*', 'Microsoft.KeyVault/vaults/keys/create/action'];

/**
 * Whether a role assignment lets its principal create keys: a built-in role that does, or a
 * custom role of the stack whose data actions include key creation (and do not exclude it).
 */
function createsKeys(stack: StackJson, assignment: StackResource): boolean {
  if (KEY_CREATING_ROLES.includes(String(assignment.attributes.role_definition_name))) return true;
  const definition = resourceAt(stack, referencedAddress(assignment.attributes.role_definition_id));
  if (definition?.type !== 'azurerm_role_definition') return false;
  const permissions = block(definition.attributes.permissions);
  const excluded = (permissions?.not_data_actions as string[] | undefined) ?? [];
  return ((permissions?.data_actions as string[] | undefined) ?? []).some(
    (a) => KEY_CREATING_DATA_ACTIONS.includes(a) && !excluded.includes('Microsoft.KeyVault/vaults/keys/create/action'),
  );
}

/** Resources that grant an IAM role something: an inline policy or an attached managed policy. */
const ROLE_GRANT_TYPES = ['aws_iam_role_policy', 'aws_iam_role_policy_attachment'];

const RBAC_FIX = 'grant it with grantRoles() (constructs/azure/role-grants.ts) and depend on the returned `ready` wait';

export const PREREQUISITE_RULES: readonly PrerequisiteRule[] = [
  {
    id: 'PRE-TF-1',
    description: 'Every reference in a stack names a resource, data source, variable or local that stack declares',
    check: (stack) =>
      undeclaredReferences(stack).map((r) => ({
        address: r.address,
        path: r.path,
        problem: `${r.attribute} refers to ${r.reference}, which this stack does not declare: terraform plans one stack at a time and stops at "Reference to undeclared resource"`,
        fix: 'pass a value from another stack while the stack is built, so cdktf reads it through remote state; a value set later (by an aspect or an override during synthesis) must first be bound to a local of the stack, as boundEveryRole does (constructs/aws/iam/permissions-boundary.ts)',
      })),
  },
  {
    id: 'PRE-AZ-1',
    description: 'An AKS cluster waits for every role its control-plane identity needs at creation, propagated',
    check: (stack) =>
      resourcesOfType(stack, 'azurerm_kubernetes_cluster').flatMap((cluster) => {
        const a = cluster.attributes;
        const principal = clusterPrincipal(cluster);
        const kms = block(a.key_management_service);
        const vault = kms && vaultOfKey(stack, kms.key_vault_key_id);
        const needed: { role: string; scope?: string | string[]; why: string }[] = [
          { role: 'Network Contributor', why: 'to join its subnets' },
          ...(typeof a.private_dns_zone_id === 'string' && a.private_dns_zone_id.startsWith('${')
            ? [
                {
                  role: 'Private DNS Zone Contributor',
                  scope: a.private_dns_zone_id,
                  why: 'to register its private API name',
                },
              ]
            : []),
          ...(kms
            ? [
                {
                  role: 'Key Vault Crypto User',
                  scope: keyScopes(stack, kms.key_vault_key_id),
                  why: 'to encrypt secrets with the KMS key',
                },
              ]
            : []),
          ...(kms?.key_vault_network_access === 'Private'
            ? [
                {
                  role: 'Key Vault Contributor',
                  scope: vault,
                  why: 'to create the private link to its private KMS vault',
                },
              ]
            : []),
          ...(a.disk_encryption_set_id
            ? [{ role: 'Reader', scope: a.disk_encryption_set_id as string, why: 'to read its disk encryption set' }]
            : []),
        ];
        return needed
          .filter((n) => !hasPropagatedGrant(stack, cluster, principal, n.role, n.scope))
          .map((n) => ({
            address: cluster.address,
            problem: `the control-plane identity lacks ${n.role}${n.scope ? ` on ${[n.scope].flat().join(' or ')}` : ''} ${n.why}, granted and propagated before the cluster`,
            fix: RBAC_FIX,
          }));
      }),
  },
  {
    id: 'PRE-AZ-2',
    description: 'An AKS cluster waits for its disk encryption set to reach its key',
    check: (stack) =>
      resourcesOfType(stack, 'azurerm_kubernetes_cluster').flatMap((cluster): Finding[] => {
        const des = resourceAt(stack, referencedAddress(cluster.attributes.disk_encryption_set_id));
        if (!des) return [];
        const principal = `\${${des.address}.identity[0].principal_id}`;
        const scopes = keyScopes(stack, des.attributes.key_vault_key_id);
        return hasPropagatedGrant(stack, cluster, principal, 'Key Vault Crypto Service Encryption User', scopes)
          ? []
          : [
              {
                address: cluster.address,
                problem: `${des.address} cannot unwrap its key when the cluster's disks are created`,
                fix: `grant Key Vault Crypto Service Encryption User to the set's identity; ${RBAC_FIX}`,
              },
            ];
      }),
  },
  {
    id: 'PRE-AZ-3',
    description: 'An AKS node pool in a proximity placement group waits for the cluster identity to write it',
    check: (stack) =>
      resourcesOfType(stack, 'azurerm_kubernetes_cluster_node_pool').flatMap((pool): Finding[] => {
        const placement = pool.attributes.proximity_placement_group_id;
        if (!placement) return [];
        const cluster = resourceAt(stack, referencedAddress(pool.attributes.kubernetes_cluster_id));
        const principal = cluster && clusterPrincipal(cluster);
        return hasPropagatedGrant(stack, pool, principal, 'Contributor', placement as string)
          ? []
          : [
              {
                address: pool.address,
                problem: `the cluster identity cannot write ${String(placement)} (LinkedAuthorizationFailed)`,
                fix: `grant Contributor on the placement group to the cluster identity; ${RBAC_FIX}`,
              },
            ];
      }),
  },
  {
    id: 'PRE-AZ-4',
    description: 'Nothing depends on a role assignment directly: only on its propagation wait',
    check: (stack) =>
      Object.keys(stack.resource ?? {})
        .filter((type) => type !== 'time_sleep')
        .flatMap((type) => resourcesOfType(stack, type))
        .flatMap((resource) =>
          ((resource.attributes.depends_on as string[] | undefined) ?? [])
            .filter((a) => a.startsWith('azurerm_role_assignment.'))
            .map((a) => ({
              address: resource.address,
              problem: `depends on ${a} directly, so it may be created before the role propagates`,
              fix: RBAC_FIX,
            })),
        ),
  },
  {
    id: 'PRE-AZ-5',
    description: 'A Key Vault key waits for the deployer role, propagated, and for the vault private endpoint',
    check: (stack) =>
      resourcesOfType(stack, 'azurerm_key_vault_key').flatMap((key) => {
        const vault = key.attributes.key_vault_id as string;
        const problems: Finding[] = [];
        const deployerGranted = propagatedGrants(stack, key).some(
          (g) => g.attributes.scope === vault && createsKeys(stack, g),
        );
        if (!deployerGranted) {
          problems.push({
            address: key.address,
            problem: 'is created before the deployer may write keys in the vault (403 on the data plane)',
            fix: `grant Key Vault Crypto Officer to the deployer; ${RBAC_FIX}`,
          });
        }
        const endpoint = [...waitsFor(stack, key)]
          .map((a) => resourceAt(stack, a))
          .find(
            (r) =>
              r?.type === 'azurerm_private_endpoint' &&
              block(r.attributes.private_service_connection)?.private_connection_resource_id === vault &&
              block(r.attributes.private_dns_zone_group) !== undefined,
          );
        if (!endpoint) {
          problems.push({
            address: key.address,
            problem:
              "does not wait for the vault's private endpoint and DNS zone group, the path runners in the VNet take",
            fix: 'depend on AzureKeyVault.keyPrerequisites (constructs/azure/key-vault.ts)',
          });
        }
        return problems;
      }),
  },
  {
    id: 'PRE-AZ-6',
    description: 'Storage accounts that deny networks are managed with the storage data plane off',
    check: (stack) => {
      const locked = resourcesOfType(stack, 'azurerm_storage_account').filter(
        (s) => block(s.attributes.network_rules)?.default_action === 'Deny',
      );
      const storage = block(block(block(stack.provider?.azurerm)?.features)?.storage);
      if (locked.length === 0 || storage?.data_plane_available === false) return [];
      return locked.map((s) => ({
        address: s.address,
        problem:
          'azurerm reads queue and static-website properties through the data plane, which this account refuses (403)',
        fix: 'set the azurerm provider feature storage.data_plane_available = false (stacks/providers.ts)',
      }));
    },
  },
  {
    id: 'PRE-AZ-7',
    description: 'Flow logs into a storage account without shared keys write as an identity holding a blob data role',
    check: (stack) => {
      const keyless = (ref: unknown) =>
        resourceAt(stack, referencedAddress(ref))?.attributes.shared_access_key_enabled === false;
      const legacy = resourcesOfType(stack, 'azurerm_network_watcher_flow_log')
        .filter((f) => keyless(f.attributes.storage_account_id))
        .map((f) => ({
          address: f.address,
          problem: 'writes with the storage account keys, which the account refuses: no flow log is recorded',
          fix: 'declare the flow log with a user-assigned identity (AzureVnetFlowLog, through azapi)',
        }));
      const withIdentity = resourcesOfType(stack, 'azapi_resource')
        .filter((r) => String(r.attributes.type).startsWith('Microsoft.Network/networkWatchers/flowLogs@'))
        .filter((r) => keyless(block((r.attributes.body as Attributes)?.properties)?.storageId))
        .flatMap((flowLog): Finding[] => {
          const identity = referencedAddress(((block(flowLog.attributes.identity)?.identity_ids as string[]) ?? [])[0]);
          const storage = block((flowLog.attributes.body as Attributes).properties)!.storageId as string;
          const principal = identity && `\${${identity}.principal_id}`;
          return hasPropagatedGrant(stack, flowLog, principal, 'Storage Blob Data Contributor', storage)
            ? []
            : [
                {
                  address: flowLog.address,
                  problem: 'has no identity with Storage Blob Data Contributor on its storage account, propagated',
                  fix: `give it a user-assigned identity and ${RBAC_FIX}`,
                },
              ];
        });
      return [...legacy, ...withIdentity];
    },
  },
  {
    id: 'PRE-AZ-8',
    description: 'A storage account encrypted with a customer-managed key waits for its identity to reach the key',
    check: (stack) =>
      resourcesOfType(stack, 'azurerm_storage_account').flatMap((account): Finding[] => {
        const cmk = block(account.attributes.customer_managed_key);
        if (!cmk) return [];
        const principal = `\${${referencedAddress(cmk.user_assigned_identity_id)}.principal_id}`;
        return hasPropagatedGrant(stack, account, principal, 'Key Vault Crypto Service Encryption User')
          ? []
          : [
              {
                address: account.address,
                problem: 'is created before its identity may unwrap the customer-managed key',
                fix: `grant Key Vault Crypto Service Encryption User on the key to the account's identity; ${RBAC_FIX}`,
              },
            ];
      }),
  },
  {
    id: 'PRE-AZ-9',
    description: 'AKS with managed-identity monitoring has a Container Insights data collection rule',
    check: (stack) =>
      resourcesOfType(stack, 'azurerm_kubernetes_cluster')
        .filter((c) => block(c.attributes.oms_agent)?.msi_auth_for_monitoring_enabled === true)
        .filter(
          (c) =>
            !resourcesOfType(stack, 'azurerm_monitor_data_collection_rule_association').some((assoc) => {
              const rule = resourceAt(stack, referencedAddress(assoc.attributes.data_collection_rule_id));
              const extensions = (block(rule?.attributes.data_sources)?.extension as Attributes[] | undefined) ?? [];
              return (
                assoc.attributes.target_resource_id === reference(c, 'id') &&
                extensions.some((e) => e.extension_name === 'ContainerInsights')
              );
            }),
        )
        .map((c) => ({
          address: c.address,
          problem:
            'Container Insights authenticates with its identity but has no data collection rule: it collects nothing',
          fix: 'add AzureContainerInsights (constructs/azure/logging/container-insights.ts) for the cluster',
        })),
  },
  {
    id: 'PRE-AZ-10',
    description: "Defender for Containers publishes through a workspace that accepts its sensor's keys",
    check: (stack) =>
      resourcesOfType(stack, 'azurerm_kubernetes_cluster').flatMap((c): Finding[] => {
        const defender = block(c.attributes.microsoft_defender);
        const workspace = defender && resourceAt(stack, referencedAddress(defender.log_analytics_workspace_id));
        return workspace?.attributes.local_authentication_enabled === false
          ? [
              {
                address: c.address,
                problem: `Defender's publisher pods use workspace keys, which ${workspace.address} refuses: they crash`,
                fix: 'give Defender its own workspace with localAuthentication (AzureHostStack)',
              },
            ]
          : [];
      }),
  },
  {
    id: 'PRE-AZ-11',
    description: 'An AKS upgrade channel that moves the Kubernetes version owns it: Terraform ignores it',
    check: (stack) =>
      resourcesOfType(stack, 'azurerm_kubernetes_cluster')
        .filter(
          (c) =>
            AUTOMATIC_VERSION_CHANNELS.includes(String(c.attributes.automatic_upgrade_channel)) &&
            c.attributes.kubernetes_version !== undefined &&
            !((c.attributes.lifecycle as Attributes | undefined)?.ignore_changes as string[] | undefined)?.includes(
              'kubernetes_version',
            ),
        )
        .map((c) => ({
          address: c.address,
          problem: `channel ${String(c.attributes.automatic_upgrade_channel)} upgrades the cluster; the pinned kubernetes_version makes the next plan downgrade it`,
          fix: 'ignore kubernetes_version (aksIgnoredChanges in constructs/azure/aks-version-policy.ts)',
        })),
  },
  {
    id: 'PRE-AZ-12',
    description: 'AKS spot node pools declare the label AKS adds, or every plan shows a diff',
    check: (stack) =>
      resourcesOfType(stack, 'azurerm_kubernetes_cluster_node_pool')
        .filter((p) => p.attributes.priority === 'Spot')
        .filter(
          (p) =>
            (p.attributes.node_labels as Attributes | undefined)?.['kubernetes.azure.com/scalesetpriority'] !== 'spot',
        )
        .map((p) => ({
          address: p.address,
          problem: 'lacks the label kubernetes.azure.com/scalesetpriority=spot that AKS puts on spot nodes',
          fix: 'carry SPOT_LABEL in the pool labels (gpuNodeScheduling, constructs/cloud-neutral/cluster.ts)',
        })),
  },
  {
    id: 'PRE-AZ-13',
    description: 'A role assigned to an identity created in the same apply names its principal type',
    check: (stack) =>
      resourcesOfType(stack, 'azurerm_role_assignment')
        .filter((grant) => {
          const principal = resourceAt(stack, referencedAddress(grant.attributes.principal_id));
          const createdHere =
            principal?.type === 'azurerm_user_assigned_identity' ||
            /\.identity\[0\]\.principal_id\}$/.test(String(grant.attributes.principal_id));
          return createdHere && grant.attributes.principal_type !== 'ServicePrincipal';
        })
        .map((grant) => ({
          address: grant.address,
          problem:
            'assigns a role to an identity created in the same apply: the directory lookup fails with PrincipalNotFound while Entra ID replicates it',
          fix: 'set principal_type = "ServicePrincipal" (grantRoles\' default)',
        })),
  },
  {
    id: 'PRE-AWS-1',
    description: "EKS clusters and node groups depend on their IAM role's policies: created before, deleted after",
    check: (stack) =>
      [
        ...resourcesOfType(stack, 'aws_eks_cluster').map((r) => [r, r.attributes.role_arn] as const),
        ...resourcesOfType(stack, 'aws_eks_node_group').map((r) => [r, r.attributes.node_role_arn] as const),
      ].flatMap(([resource, roleArn]) => {
        const role = resourceAt(stack, referencedAddress(roleArn));
        if (!role) return [];
        const waited = waitsFor(stack, resource);
        const policies = [
          ...resourcesOfType(stack, 'aws_iam_role_policy_attachment'),
          ...resourcesOfType(stack, 'aws_iam_role_policy'),
        ]
          .filter((p) => referencedAddress(p.attributes.role) === role.address)
          .filter((p) => !waited.has(p.address));
        return policies.map((p) => ({
          address: resource.address,
          problem: `does not depend on ${p.address}: it may start without the permission, and on destroy lose it first`,
          fix: 'put the role policies in depends_on (AwsServiceRole.attachments)',
        }));
      }),
  },
  {
    id: 'PRE-AWS-2',
    description: 'KMS key policies name service-linked roles through a reference, so the role exists first',
    check: (stack) =>
      resourcesOfType(stack, 'aws_kms_key')
        .filter((k) =>
          (policyStatements(stack, k.attributes.policy) ?? []).some((s) =>
            Object.values(s.principals)
              .flat()
              .some((p) => /arn:aws[\w-]*:iam::\d{12}:role\/aws-service-role\//.test(p)),
          ),
        )
        .map((k) => ({
          address: k.address,
          problem:
            'names a service-linked role by literal ARN: on an account without it, KMS rejects the policy (MalformedPolicyDocumentException)',
          fix: 'reference the role from the account stack (AwsServiceLinkedRole.arn)',
        })),
  },
  {
    id: 'PRE-AWS-4',
    description:
      'Node groups of a cluster whose VPC CNI uses IRSA wait for the add-on, which waits for its role policy',
    check: (stack) =>
      resourcesOfType(stack, 'aws_eks_addon')
        .filter((addon) => addon.attributes.addon_name === 'vpc-cni' && addon.attributes.service_account_role_arn)
        .flatMap((addon) => {
          const role = resourceAt(stack, referencedAddress(addon.attributes.service_account_role_arn));
          const addonWaits = waitsFor(stack, addon);
          const unattached = resourcesOfType(stack, 'aws_iam_role_policy_attachment')
            .filter((p) => role && referencedAddress(p.attributes.role) === role.address)
            .filter((p) => !addonWaits.has(p.address))
            .map((p) => ({
              address: addon.address,
              problem: `does not depend on ${p.address}: aws-node starts without its ENI permissions`,
              fix: 'put the CNI role policies in the add-on depends_on',
            }));
          const early = resourcesOfType(stack, 'aws_eks_node_group')
            .filter((g) => g.attributes.cluster_name === addon.attributes.cluster_name)
            .filter((g) => !waitsFor(stack, g).has(addon.address))
            .map((g) => ({
              address: g.address,
              problem: `does not depend on ${addon.address}: nodes no longer carry the CNI permissions and stay NotReady until the add-on has its role`,
              fix: 'put the vpc-cni add-on in the node group depends_on (AwsEksCluster joinPrerequisites)',
            }));
          return [...unattached, ...early];
        }),
  },
  {
    id: 'PRE-AWS-5',
    description:
      'A CloudTrail trail waits for the bucket policy that admits it and for the policy of its CloudWatch Logs role',
    check: (stack) =>
      resourcesOfType(stack, 'aws_cloudtrail').flatMap((trail) => {
        const waited = waitsFor(stack, trail);
        const bucket = resourcesOfType(stack, 'aws_s3_bucket').find(
          (b) => reference(b, 'id') === trail.attributes.s3_bucket_name,
        );
        const role = resourceAt(stack, referencedAddress(trail.attributes.cloud_watch_logs_role_arn));
        const needed = [
          ...resourcesOfType(stack, 'aws_s3_bucket_policy').filter(
            (p) => bucket && referencedAddress(p.attributes.bucket) === bucket.address,
          ),
          ...resourcesOfType(stack, 'aws_iam_role_policy').filter(
            (p) => role && referencedAddress(p.attributes.role) === role.address,
          ),
        ];
        return needed
          .filter((p) => !waited.has(p.address))
          .map((p) => ({
            address: trail.address,
            problem: `does not depend on ${p.address}: CloudTrail checks at creation that it may write to its bucket and log group (InsufficientS3BucketPolicyException, InvalidCloudWatchLogsRoleArnException)`,
            fix: 'put the bucket policy and the role policy in the trail depends_on (AwsAccountTrail)',
          }));
      }),
  },
  {
    id: 'PRE-AWS-6',
    description: 'S3 server access logging waits for the target bucket policy that admits log delivery',
    check: (stack) =>
      resourcesOfType(stack, 'aws_s3_bucket_logging').flatMap((logging) => {
        const target = referencedAddress(logging.attributes.target_bucket);
        const waited = waitsFor(stack, logging);
        return resourcesOfType(stack, 'aws_s3_bucket_policy')
          .filter((p) => referencedAddress(p.attributes.bucket) === target && !waited.has(p.address))
          .map((p) => ({
            address: logging.address,
            problem: `does not depend on ${p.address}: with ACLs off, only the target's bucket policy admits logging.s3.amazonaws.com, and deliveries before it are lost`,
            fix: 'put the target bucket policy in depends_on (AwsSecureBucket.ready)',
          }));
      }),
  },
  {
    id: 'PRE-AWS-7',
    description:
      "A trail's CloudWatch Logs role trusts CloudTrail without aws:SourceArn or aws:SourceAccount, which that role does not support",
    check: (stack) =>
      resourcesOfType(stack, 'aws_cloudtrail').flatMap((trail) => {
        const role = resourceAt(stack, referencedAddress(trail.attributes.cloud_watch_logs_role_arn));
        const trust = role && policyStatements(stack, role.attributes.assume_role_policy);
        const unsupported = (trust ?? [])
          .filter((s) => s.principals.Service?.includes('cloudtrail.amazonaws.com'))
          .flatMap((s) => s.conditions)
          .filter((c) => ['aws:sourcearn', 'aws:sourceaccount'].includes(c.variable.toLowerCase()));
        return unsupported.map((c) => ({
          address: role!.address,
          problem: `trusts CloudTrail on condition ${c.variable}, which the CloudTrail user guide says this role does not support ("Role policy document for CloudTrail to use CloudWatch Logs for monitoring"): CreateTrail fails, or delivery to ${String(trail.attributes.cloud_watch_logs_group_arn)} stops and the alarms on it never fire`,
          fix: 'trust cloudtrail.amazonaws.com without conditions and confine the role by its policy to the one log group (AwsAccountTrail)',
        }));
      }),
  },
  {
    id: 'PRE-AWS-8',
    description: 'A bucket policy is applied after every other resource configuring its bucket',
    check: (stack) =>
      resourcesOfType(stack, 'aws_s3_bucket_policy').flatMap((policy) => {
        const bucket = referencedAddress(policy.attributes.bucket);
        const waited = waitsFor(stack, policy);
        return Object.keys(stack.resource ?? {})
          .filter((type) => type.startsWith('aws_s3_bucket_') && type !== 'aws_s3_bucket_policy')
          .flatMap((type) => resourcesOfType(stack, type))
          .filter(
            (setting) =>
              bucket && referencedAddress(setting.attributes.bucket) === bucket && !waited.has(setting.address),
          )
          .map((setting) => ({
            address: policy.address,
            problem: `does not wait for ${setting.address}: a policy that denies principals can shut Terraform out of the settings it has yet to apply, and the settings race it`,
            fix: 'make the policy depend on every setting of its bucket (AwsSecureBucket applies its policy last; policyAfter() for settings declared outside it)',
          }));
      }),
  },
  {
    id: 'PRE-AWS-9',
    description: 'A bucket policy that denies every principal but a list admits the principal running the deploy',
    check: (stack) =>
      resourcesOfType(stack, 'aws_s3_bucket_policy').flatMap((policy) =>
        (policyStatements(stack, policy.attributes.policy) ?? [])
          .filter((s) => s.effect === 'Deny' && s.actions.some((a) => a === 's3:*'))
          .flatMap((s) =>
            s.conditions.filter(
              (c) =>
                ['ArnNotEquals', 'ArnNotLike', 'StringNotEquals', 'StringNotLike'].includes(c.test) &&
                c.variable.toLowerCase() === 'aws:principalarn' &&
                !c.values.some((v) => /^\$\{data\.aws_iam_session_context\.[\w-]+\.issuer_arn\}$/.test(v)),
            ),
          )
          .map(() => ({
            address: policy.address,
            problem:
              'denies every principal but a list that does not name the one running the deploy: a deploy by anyone else locks itself out of the bucket (every later read, change or destroy of it is refused)',
            fix: 'admit the deployer read at plan time (AwsDeployer: data.aws_iam_session_context issuer_arn) beside the listed admins',
          })),
      ),
  },
  {
    id: 'PRE-AWS-10',
    description: 'A stack attaches policies only to IAM roles it declares',
    check: (stack) =>
      ROLE_GRANT_TYPES.flatMap((type) => resourcesOfType(stack, type))
        .filter((grant) => resourceAt(stack, referencedAddress(grant.attributes.role))?.type !== 'aws_iam_role')
        .map((grant) => ({
          address: grant.address,
          problem: `attaches to role ${String(grant.attributes.role)}, which another stack (or nobody) declares: when that stack replaces the role, the grant is lost without a plan showing it, until this stack is applied again`,
          fix: 'declare the grant in the stack that declares the role (grantFederatedStores, constructs/aws/workload-identities.ts), naming resources of other stacks by name',
        })),
  },
  {
    id: 'PRE-AWS-11',
    description:
      "Security Hub standards wait for the region's AWS Config recorder, turned on, where the stack declares one",
    check: (stack) => {
      const recording = resourcesOfType(stack, 'aws_config_configuration_recorder_status');
      return resourcesOfType(stack, 'aws_securityhub_standards_subscription').flatMap((standard) => {
        const waited = waitsFor(stack, standard);
        return recording
          .filter((status) => !waited.has(status.address))
          .map((status) => ({
            address: standard.address,
            problem: `does not depend on ${status.address}: its controls are AWS Config rules, which fail with "AWS Config is not enabled" until the recorder runs`,
            fix: 'pass the recorder status to AwsSecurityHub `after` (AwsRegionalBaseline)',
          }));
      });
    },
  },
  {
    id: 'PRE-AZ-14',
    description: 'A data collection rule that writes a custom table waits for the table',
    check: (stack) =>
      resourcesOfType(stack, 'azurerm_monitor_data_collection_rule').flatMap((rule) => {
        const waited = waitsFor(stack, rule);
        const outputs = ((rule.attributes.data_flow ?? []) as Attributes[])
          .map((flow) => String(flow.output_stream ?? ''))
          .filter((s) => s.startsWith('Custom-'))
          .map((s) => s.replace(/^Custom-/, ''));
        return resourcesOfType(stack, 'azurerm_log_analytics_workspace_table_custom_log')
          .filter((t) => outputs.includes(String(t.attributes.name)) && !waited.has(t.address))
          .map((t) => ({
            address: rule.address,
            problem: `does not depend on ${t.address}: Azure rejects a rule whose output stream names a table that does not exist yet`,
            fix: 'put the custom table in the rule depends_on (AzureWorkloadLogs)',
          }));
      }),
  },
];

/** The IAM resources that are global to an AWS account, and what makes two of them the same. */
const ACCOUNT_GLOBAL_IDENTITIES: Readonly<Record<string, (a: Attributes) => unknown>> = {
  aws_iam_role: (a) => a.name,
  aws_iam_policy: (a) => a.name,
  aws_iam_openid_connect_provider: (a) => a.url,
  aws_iam_service_linked_role: (a) =>
    `${String(a.aws_service_name)}${a.custom_suffix ? `_${String(a.custom_suffix)}` : ''}`,
  aws_iam_user: (a) => a.name,
  aws_iam_group: (a) => a.name,
};

/** The AWS account a stack deploys into, from its provider's `allowed_account_ids`. */
function awsAccountOf(stack: StackJson): string | undefined {
  return (block(stack.provider?.aws)?.allowed_account_ids as string[] | undefined)?.[0];
}

/**
 * Finds account-global IAM resources declared by more than one stack of one account: the second
 * apply fails with EntityAlreadyExists, or worse, two stacks fight over one resource. Fed one
 * stack at a time, it keeps only the identities it has seen, not the stacks.
 */
class AccountGlobalsTracker {
  private readonly seen = new Map<string, { stack: string; address: string }>();
  readonly findings: PrerequisiteFinding[] = [];

  add(name: string, stack: StackJson): void {
    const account = awsAccountOf(stack);
    if (!account) return;
    for (const [type, identify] of Object.entries(ACCOUNT_GLOBAL_IDENTITIES)) {
      for (const resource of resourcesOfType(stack, type)) {
        const identity = String(identify(resource.attributes));
        // A value known only at apply (a reference) differs per stack: nothing to compare.
        if (identity.includes('${')) continue;
        const key = `${account} ${type} ${identity}`;
        const first = this.seen.get(key);
        if (first && first.stack !== name) {
          this.findings.push({
            rule: 'PRE-AWS-3',
            stack: name,
            address: resource.address,
            problem: `duplicates ${first.address} of stack ${first.stack}: IAM is global to account ${account}`,
            fix: "declare it once, in the environment's account stack (stacks/aws-account-stack.ts), and reference it",
          });
        } else if (!first) this.seen.set(key, { stack: name, address: resource.address });
      }
    }
  }
}

/** Account-global IAM resources declared by more than one stack of one account. */
export function duplicateAccountGlobals(stacks: Iterable<[string, StackJson]>): PrerequisiteFinding[] {
  const tracker = new AccountGlobalsTracker();
  for (const [name, stack] of stacks) tracker.add(name, stack);
  return tracker.findings;
}

/**
 * Every finding of every rule over every stack, account-global duplicates included. Reads the
 * stacks once, in order, and keeps none of them: pass a lazy iterable and at most one stack is
 * in memory at a time.
 */
export function checkPrerequisites(
  stacks: Iterable<[string, StackJson]>,
  rules: readonly PrerequisiteRule[] = [...PREREQUISITE_RULES, ...PROVIDER_PREREQUISITE_RULES],
): PrerequisiteFinding[] {
  const tracker = new AccountGlobalsTracker();
  const findings: PrerequisiteFinding[] = [];
  for (const [name, stack] of stacks) {
    for (const rule of rules) findings.push(...rule.check(stack).map((f) => ({ rule: rule.id, stack: name, ...f })));
    tracker.add(name, stack);
  }
  return [...findings, ...tracker.findings];
}

/** Findings as the message a failed synth prints. */
export function formatFindings(findings: readonly PrerequisiteFinding[]): string {
  const lines = findings.map(
    (f) => `  - [${f.rule}] ${f.stack} ${f.address}${f.path ? ` (${f.path})` : ''}: ${f.problem}. Fix: ${f.fix}`,
  );
  return [`Deploy prerequisites missing: ${findings.length}`, ...lines].join('\n');
}
