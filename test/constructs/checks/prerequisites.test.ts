import {
  checkPrerequisites,
  duplicateAccountGlobals,
  formatFindings,
  PREREQUISITE_RULES,
} from '../../../constructs/checks/prerequisites';
import { resourcesOfType, type StackJson } from '../../../constructs/shared/stack-json';
import { sharedOutput } from '../../helpers/shared-synth';

type Resource = Record<string, unknown>;

const HOST = 'prod-azure-host-eastus2';
const DIST = 'prod-aws-dist-us-east-1';

/** A deep copy of the frozen fixture's stacks, for breaking one prerequisite at a time. */
function frozenCopy(): Map<string, StackJson> {
  const { stacks } = sharedOutput('frozen');
  return new Map([...stacks].map(([name, stack]) => [name, JSON.parse(JSON.stringify(stack)) as StackJson]));
}

function entries(stack: StackJson, type: string): [string, Resource][] {
  return Object.entries(stack.resource?.[type] ?? {});
}

function find(stack: StackJson, type: string, idPart: string): Resource {
  const found = entries(stack, type).find(([id]) => id.includes(idPart));
  if (!found) throw new Error(`no ${type} with ${idPart}`);
  return found[1];
}

function remove(stack: StackJson, type: string, idPart: string): void {
  const [id] = entries(stack, type).find(([key]) => key.includes(idPart))!;
  delete stack.resource![type][id];
}

/** Findings of one rule after `breakIt` changed the fixture's stacks. */
function findingsAfter(rule: string, breakIt: (stacks: Map<string, StackJson>) => void): string[] {
  const stacks = frozenCopy();
  breakIt(stacks);
  return checkPrerequisites(stacks)
    .filter((f) => f.rule === rule)
    .map((f) => `${f.stack} ${f.address}: ${f.problem}`);
}

describe('deploy prerequisites', () => {
  test('the fixtures miss none', () => {
    expect(formatFindings(checkPrerequisites(sharedOutput('frozen').stacks))).toBe('Deploy prerequisites missing: 0');
    expect(checkPrerequisites(sharedOutput('capacity-paths').stacks)).toEqual([]);
  });

  test('every rule has a unique id and a description', () => {
    const ids = PREREQUISITE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of PREREQUISITE_RULES) expect(rule.description.length).toBeGreaterThan(20);
  });

  describe('PRE-TF-1: every reference names something the stack declares', () => {
    test('a role bounded by a raw reference to the account stack is found, with its construct path', () => {
      const stacks = frozenCopy();
      const role = find(stacks.get(DIST)!, 'aws_iam_role', 'eks_node-role');
      role.permissions_boundary = '${aws_iam_policy.permissions-boundary_policy_975183E1.arn}';
      expect(checkPrerequisites(stacks).filter((f) => f.rule === 'PRE-TF-1')).toEqual([
        expect.objectContaining({
          stack: DIST,
          address: expect.stringMatching(/^aws_iam_role\.eks_node-role_/),
          path: `${DIST}/eks/node-role/role`,
          problem: expect.stringContaining(
            'permissions_boundary refers to aws_iam_policy.permissions-boundary_policy_975183E1.arn, which this stack does not declare',
          ),
        }),
      ]);
      expect(formatFindings(checkPrerequisites(stacks))).toContain(`(${DIST}/eks/node-role/role)`);
    });
  });

  describe("PRE-AWS-7: the trail's log role trust takes no source conditions", () => {
    test('an aws:SourceArn condition on the role trust is found', () => {
      const stacks = frozenCopy();
      const account = stacks.get('prod-aws-account')!;
      const trust = find(account, 'aws_iam_role', 'trail_logs-role').assume_role_policy as string;
      const document = Object.entries(account.data!.aws_iam_policy_document).find(
        ([id]) => trust === `\${data.aws_iam_policy_document.${id}.json}`,
      )![1] as { statement: Record<string, unknown>[] };
      document.statement[0].condition = [{ test: 'StringEquals', variable: 'aws:SourceArn', values: ['arn:x'] }];
      expect(checkPrerequisites(stacks).filter((f) => f.rule === 'PRE-AWS-7')).toEqual([
        expect.objectContaining({
          stack: 'prod-aws-account',
          address: expect.stringMatching(/^aws_iam_role\.trail_logs-role/),
          problem: expect.stringContaining('trusts CloudTrail on condition aws:SourceArn'),
        }),
      ]);
    });
  });

  describe('PRE-AWS-8 and PRE-AWS-9: bucket policies come last and never shut the deployer out', () => {
    const storePolicy = (stacks: Map<string, StackJson>) =>
      find(stacks.get(DIST)!, 'aws_s3_bucket_policy', 'model-store_policy');

    test('a policy that does not wait for its bucket lifecycle is found', () => {
      const stacks = frozenCopy();
      const policy = storePolicy(stacks);
      policy.depends_on = (policy.depends_on as string[]).filter((d) => !d.startsWith('aws_s3_bucket_lifecycle'));
      expect(checkPrerequisites(stacks).filter((f) => f.rule === 'PRE-AWS-8')).toEqual([
        expect.objectContaining({
          stack: DIST,
          address: expect.stringMatching(/^aws_s3_bucket_policy\.model-store_policy/),
          problem: expect.stringMatching(
            /^does not wait for aws_s3_bucket_lifecycle_configuration\.model-store_lifecycle/,
          ),
        }),
      ]);
    });

    test('a deny-all-but policy without the deployer is found', () => {
      const stacks = frozenCopy();
      const dist = stacks.get(DIST)!;
      const reference = storePolicy(stacks).policy as string;
      const [, document] = Object.entries(dist.data!.aws_iam_policy_document).find(
        ([id]) => reference === `\${data.aws_iam_policy_document.${id}.json}`,
      )!;
      const statements = (document as { statement: { condition?: { values: string[] }[] }[] }).statement;
      for (const s of statements)
        for (const c of s.condition ?? []) c.values = c.values.filter((v) => !v.includes('aws_iam_session_context'));
      expect(checkPrerequisites(stacks).filter((f) => f.rule === 'PRE-AWS-9')).toEqual([
        expect.objectContaining({
          stack: DIST,
          problem: expect.stringContaining('does not name the one running the deploy'),
        }),
      ]);
    });
  });

  describe('PRE-AWS-10: a stack attaches policies only to roles it declares', () => {
    test('an inline policy on a role of the account stack, named through remote state, is found', () => {
      const stacks = frozenCopy();
      const dist = stacks.get(DIST)!;
      const [id, policy] = entries(dist, 'aws_iam_role_policy').find(([key]) => key.includes('model-server'))!;
      policy.role = '${data.terraform_remote_state.cross-stack-reference-input-prod-aws-account.outputs.x}';
      const attachment = find(dist, 'aws_iam_role_policy_attachment', 'eks_node-role');
      attachment.role = 'gpuplat-prod-some-role';
      expect(checkPrerequisites(stacks).filter((f) => f.rule === 'PRE-AWS-10')).toEqual([
        expect.objectContaining({
          stack: DIST,
          address: `aws_iam_role_policy.${id}`,
          problem: expect.stringContaining('which another stack (or nobody) declares'),
        }),
        expect.objectContaining({
          stack: DIST,
          address: expect.stringMatching(/^aws_iam_role_policy_attachment\.eks_node-role/),
          problem: expect.stringContaining('attaches to role gpuplat-prod-some-role'),
        }),
      ]);
    });

    test('the fixture attaches every grant in the stack of its role', () => {
      for (const [, stack] of sharedOutput('frozen').stacks)
        for (const type of ['aws_iam_role_policy', 'aws_iam_role_policy_attachment'])
          for (const grant of resourcesOfType(stack, type))
            expect(String(grant.attributes.role)).toMatch(/^\$\{aws_iam_role\.[\w-]+\.(id|name)\}$/);
    });
  });

  describe("PRE-AWS-11: Security Hub standards wait for the region's Config recorder", () => {
    test('a standard subscribed without waiting for the recorder status is found', () => {
      const stacks = frozenCopy();
      const standard = find(stacks.get(DIST)!, 'aws_securityhub_standards_subscription', 'baseline_security-hub_cis');
      standard.depends_on = (standard.depends_on as string[]).filter((d) => !d.includes('recorder_status'));
      expect(checkPrerequisites(stacks).filter((f) => f.rule === 'PRE-AWS-11')).toEqual([
        expect.objectContaining({
          stack: DIST,
          address: expect.stringMatching(/^aws_securityhub_standards_subscription\.baseline_security-hub_cis/),
          problem: expect.stringContaining('AWS Config is not enabled'),
        }),
      ]);
    });
  });

  describe('PRE-AZ-1: AKS waits for its control-plane roles', () => {
    test('without Key Vault Contributor on the private KMS vault', () => {
      expect(
        findingsAfter('PRE-AZ-1', (s) => remove(s.get(HOST)!, 'azurerm_role_assignment', 'identity-kms-private-link')),
      ).toEqual([
        expect.stringMatching(
          /azurerm_kubernetes_cluster\.aks_cluster_\w+: .*lacks Key Vault Contributor on \$\{azurerm_key_vault\.kms-key-vault/,
        ),
      ]);
    });

    test('with Crypto User on another key than the KMS key', () => {
      expect(
        findingsAfter('PRE-AZ-1', (s) => {
          const grant = find(s.get(HOST)!, 'azurerm_role_assignment', 'identity-kms_');
          grant.scope = String(grant.scope).replace(/aks_kms-key_\w+/, (m) => m.replace('kms-key', 'disk-key'));
        }),
      ).toEqual([
        expect.stringMatching(
          /lacks Key Vault Crypto User on \$\{azurerm_key_vault_key\.aks_kms-key_\w+\.resource_versionless_id\} or /,
        ),
      ]);
    });

    test('without read on the disk encryption set', () => {
      expect(
        findingsAfter('PRE-AZ-1', (s) =>
          remove(s.get(HOST)!, 'azurerm_role_assignment', 'identity-disk-encryption-set'),
        ),
      ).toEqual([expect.stringContaining('lacks Reader on ${azurerm_disk_encryption_set.aks_disk-encryption')]);
    });

    test('with the roles granted but not waited for', () => {
      const found = findingsAfter('PRE-AZ-1', (s) => {
        const cluster = find(s.get(HOST)!, 'azurerm_kubernetes_cluster', 'aks_cluster');
        cluster.depends_on = (cluster.depends_on as string[]).filter((d) => !d.startsWith('time_sleep.'));
      });
      expect(found).toHaveLength(5);
    });
  });

  test('PRE-AZ-2: the disk encryption set reaches its key before the cluster', () => {
    expect(
      findingsAfter('PRE-AZ-2', (s) => remove(s.get(HOST)!, 'azurerm_role_assignment', 'aks_disk-encryption-key')),
    ).toHaveLength(1);
  });

  test('PRE-AZ-3: a placement-group pool waits for the cluster identity to write the group', () => {
    expect(
      findingsAfter('PRE-AZ-3', (s) => remove(s.get(HOST)!, 'azurerm_role_assignment', 'gpu-train_placement-write')),
    ).toEqual([expect.stringMatching(/node_pool\.aks_gpu-train_pool_\w+: the cluster identity cannot write/)]);
  });

  test('PRE-AZ-4: nothing depends on a role assignment directly', () => {
    const found = findingsAfter('PRE-AZ-4', (s) => {
      const cluster = find(s.get(HOST)!, 'azurerm_kubernetes_cluster', 'aks_cluster');
      (cluster.depends_on as string[]).push('azurerm_role_assignment.aks_identity-network_0');
    });
    expect(found).toEqual([
      expect.stringContaining('depends on azurerm_role_assignment.aks_identity-network_0 directly'),
    ]);
  });

  describe('PRE-AZ-5: keys wait for the deployer role and the private endpoint', () => {
    test('a custom deployer role counts when it creates keys, and not when it excludes creating them', () => {
      expect(findingsAfter('PRE-AZ-5', () => undefined)).toEqual([]);
      const found = findingsAfter('PRE-AZ-5', (s) => {
        const role = find(s.get(HOST)!, 'azurerm_role_definition', 'key-officer-role');
        const [permissions] = role.permissions as { not_data_actions: string[] }[];
        permissions.not_data_actions.push('Microsoft.KeyVault/vaults/keys/create/action');
      });
      expect(found).toEqual([
        expect.stringMatching(/model-signing_key-g1_\w+: is created before the deployer may write keys/),
      ]);
    });

    test('without the private endpoint', () => {
      const found = findingsAfter('PRE-AZ-5', (s) => {
        const key = find(s.get(HOST)!, 'azurerm_key_vault_key', 'kms-key');
        key.depends_on = (key.depends_on as string[]).filter((d) => !d.startsWith('azurerm_private_endpoint.'));
      });
      expect(found).toEqual([expect.stringContaining("does not wait for the vault's private endpoint")]);
    });

    test('without the deployer role', () => {
      // The deployer's role on both cluster vaults: the platform keys' and the KMS key's.
      const found = findingsAfter('PRE-AZ-5', (s) => {
        remove(s.get(HOST)!, 'azurerm_role_assignment', 'key-vault_deployer-crypto-officer');
        remove(s.get(HOST)!, 'azurerm_role_assignment', 'kms-key-vault_deployer-crypto-officer');
      });
      // Every key of the cluster vaults: KMS, disks and the storage accounts' keys.
      expect(found).toHaveLength(
        resourcesOfType(sharedOutput('frozen').stacks.get(HOST)!, 'azurerm_key_vault_key').filter((k) =>
          /^\$\{azurerm_key_vault\.(kms-)?key-vault_/.test(String(k.attributes.key_vault_id)),
        ).length,
      );
      for (const f of found) expect(f).toContain('before the deployer may write keys');
    });
  });

  test('PRE-AZ-6: a network-locked storage account needs the storage data plane off', () => {
    const found = findingsAfter('PRE-AZ-6', (s) => {
      delete (s.get(HOST)!.provider!.azurerm[0].features as Resource[])[0].storage;
    });
    // Every network-locked account: the audit archive, the flow-log store and the model store.
    expect(found).toEqual([
      expect.stringMatching(/azurerm_storage_account\.audit-archive_account_\w+: azurerm reads queue/),
      expect.stringMatching(/azurerm_storage_account\.flow-log-storage_account_\w+: azurerm reads queue/),
      expect.stringMatching(/azurerm_storage_account\.model-store_account_\w+: azurerm reads queue/),
    ]);
  });

  test('PRE-AZ-7: flow logs into a keyless account write as an identity with the blob data role', () => {
    expect(findingsAfter('PRE-AZ-7', (s) => remove(s.get(HOST)!, 'azurerm_role_assignment', 'storage-writer'))).toEqual(
      [expect.stringContaining('has no identity with Storage Blob Data Contributor')],
    );
    const legacy = findingsAfter('PRE-AZ-7', (s) => {
      s.get(HOST)!.resource!.azurerm_network_watcher_flow_log = {
        legacy: { storage_account_id: '${azurerm_storage_account.flow-log-storage_account_13ECC22F.id}' },
      };
    });
    expect(legacy).toEqual([expect.stringContaining('writes with the storage account keys')]);
  });

  test('PRE-AZ-8: a CMK-encrypted account waits for its identity to reach the key', () => {
    expect(
      findingsAfter('PRE-AZ-8', (s) => remove(s.get(HOST)!, 'azurerm_role_assignment', 'cmk-access')),
    ).toHaveLength(1);
  });

  test('PRE-AZ-9: managed-identity Container Insights has its data collection rule', () => {
    expect(
      findingsAfter('PRE-AZ-9', (s) =>
        remove(s.get(HOST)!, 'azurerm_monitor_data_collection_rule_association', 'container-insights'),
      ),
    ).toEqual([expect.stringContaining('collects nothing')]);
  });

  test('PRE-AZ-10: Defender does not publish through a workspace that refuses keys', () => {
    const found = findingsAfter('PRE-AZ-10', (s) => {
      find(s.get(HOST)!, 'azurerm_log_analytics_workspace', 'defender-workspace').local_authentication_enabled = false;
    });
    expect(found).toEqual([expect.stringContaining("Defender's publisher pods use workspace keys")]);
  });

  test('PRE-AZ-11: a version-moving upgrade channel owns the version', () => {
    const found = findingsAfter('PRE-AZ-11', (s) => {
      const cluster = find(s.get(HOST)!, 'azurerm_kubernetes_cluster', 'aks_cluster');
      (cluster.lifecycle as Resource).ignore_changes = ['default_node_pool[0].node_count'];
    });
    expect(found).toEqual([expect.stringContaining('channel stable upgrades the cluster')]);
  });

  test('PRE-AZ-12: spot pools carry the spot label', () => {
    const found = findingsAfter('PRE-AZ-12', (s) => {
      const pool = find(s.get('dev-azure-host-eastus2')!, 'azurerm_kubernetes_cluster_node_pool', 'gpu-infer');
      delete (pool.node_labels as Resource)['kubernetes.azure.com/scalesetpriority'];
    });
    expect(found).toEqual([expect.stringContaining('lacks the label kubernetes.azure.com/scalesetpriority=spot')]);
  });

  test('PRE-AZ-13: roles for identities created in the same apply name the principal type', () => {
    const found = findingsAfter('PRE-AZ-13', (s) => {
      delete find(s.get(HOST)!, 'azurerm_role_assignment', 'identity-network').principal_type;
    });
    expect(found).toEqual([
      expect.stringMatching(/azurerm_role_assignment\.aks_identity-network_\w+: .*PrincipalNotFound/),
    ]);
    // The deployer may be a user: Azure looks it up, and the rule leaves it alone.
    const deployer = find(
      sharedOutput('frozen').stacks.get(HOST)!,
      'azurerm_role_assignment',
      'deployer-crypto-officer',
    );
    expect(deployer.principal_type).toBeUndefined();
  });

  test('PRE-AWS-1: EKS cluster and node groups depend on their role policies', () => {
    const found = findingsAfter('PRE-AWS-1', (s) => {
      const stack = s.get(DIST)!;
      const cluster = find(stack, 'aws_eks_cluster', 'eks_cluster');
      cluster.depends_on = (cluster.depends_on as string[]).filter((d) => !d.startsWith('aws_iam_role_policy'));
      delete find(stack, 'aws_eks_node_group', 'eks_system').depends_on;
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /aws_eks_cluster\.\S+: does not depend on aws_iam_role_policy_attachment\.eks_cluster-role_AmazonEKSClusterPolicy/,
        ),
        expect.stringMatching(/aws_eks_cluster\.\S+: does not depend on aws_iam_role_policy\.eks_cluster-role-kms/),
        expect.stringMatching(
          /aws_eks_node_group\.eks_system\S+: does not depend on aws_iam_role_policy_attachment\.eks_node-role_AmazonEKSWorkerNodePolicy/,
        ),
      ]),
    );
  });

  test('PRE-AWS-4: nodes wait for the VPC CNI add-on, and the add-on for its IRSA role policy', () => {
    const found = findingsAfter('PRE-AWS-4', (s) => {
      const stack = s.get(DIST)!;
      const addon = find(stack, 'aws_eks_addon', 'addon-vpc-cni');
      delete addon.depends_on;
      const system = find(stack, 'aws_eks_node_group', 'eks_system');
      system.depends_on = (system.depends_on as string[]).filter((d) => !d.startsWith('aws_eks_addon.'));
    });
    expect(found).toEqual([
      expect.stringMatching(
        /aws_eks_addon\.eks_addon-vpc-cni\S+: does not depend on aws_iam_role_policy_attachment\.eks_vpc-cni-role_AmazonEKS_CNI_Policy/,
      ),
      expect.stringMatching(/aws_eks_node_group\.eks_system\S+: does not depend on aws_eks_addon\.eks_addon-vpc-cni/),
    ]);
  });

  test('PRE-AWS-5: the trail waits for its bucket policy and its log role policy', () => {
    const found = findingsAfter('PRE-AWS-5', (s) => {
      delete find(s.get('prod-aws-account')!, 'aws_cloudtrail', 'trail').depends_on;
    });
    expect(found).toEqual([
      expect.stringMatching(/aws_cloudtrail\.\S+: does not depend on aws_s3_bucket_policy\.trail_audit_policy/),
      expect.stringMatching(/aws_cloudtrail\.\S+: does not depend on aws_iam_role_policy\.trail_logs-role-write/),
    ]);
  });

  test('PRE-AWS-6: access logging waits for the log bucket policy that admits delivery', () => {
    const found = findingsAfter('PRE-AWS-6', (s) => {
      delete find(s.get(DIST)!, 'aws_s3_bucket_logging', 'model-store_access-logging').depends_on;
    });
    expect(found).toEqual([
      expect.stringMatching(
        /aws_s3_bucket_logging\.model-store_access-logging\S+: does not depend on aws_s3_bucket_policy\.model-store_access-logs_policy/,
      ),
    ]);
  });

  test('PRE-AZ-14: the workload log rule waits for its custom table', () => {
    const found = findingsAfter('PRE-AZ-14', (s) => {
      delete find(s.get(HOST)!, 'azurerm_monitor_data_collection_rule', 'workload-logs_rule').depends_on;
    });
    expect(found).toEqual([
      expect.stringMatching(
        /azurerm_monitor_data_collection_rule\.workload-logs_rule\S+: does not depend on azurerm_log_analytics_workspace_table_custom_log\.workload-logs_table/,
      ),
    ]);
  });

  test('PRE-AWS-2: key policies reference service-linked roles instead of naming them', () => {
    const found = findingsAfter('PRE-AWS-2', (s) => {
      const stack = s.get(DIST)!;
      const key = find(stack, 'aws_kms_key', 'volume-key');
      const documentId = String(key.policy).split('.')[2];
      const document = stack.data!.aws_iam_policy_document[documentId];
      document.statement = JSON.parse(
        JSON.stringify(document.statement).replace(
          /\$\{data\.terraform_remote_state[^}]+\}/g,
          'arn:aws:iam::222222222222:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
        ),
      );
    });
    expect(found).toEqual([expect.stringContaining('MalformedPolicyDocumentException')]);
  });

  describe('PRE-AWS-3: account-global IAM is declared once per account', () => {
    test('the fixture declares each service-linked role at most once per account', () => {
      const { stacks } = sharedOutput('frozen');
      const byAccountAndService = new Map<string, number>();
      for (const stack of stacks.values()) {
        const account = (stack.provider?.aws?.[0]?.allowed_account_ids as string[] | undefined)?.[0];
        for (const role of Object.values(stack.resource?.aws_iam_service_linked_role ?? {})) {
          const key = `${account} ${String(role.aws_service_name)}`;
          byAccountAndService.set(key, (byAccountAndService.get(key) ?? 0) + 1);
        }
      }
      expect(byAccountAndService.size).toBeGreaterThan(0);
      for (const count of byAccountAndService.values()) expect(count).toBe(1);
      expect(duplicateAccountGlobals(stacks)).toEqual([]);
    });

    test('the fixture, with two regions in one account, declares the role once for both', () => {
      const slrStacks = [...sharedOutput('frozen').stacks]
        .filter(([, stack]) => Object.keys(stack.resource?.aws_iam_service_linked_role ?? {}).length > 0)
        .map(([name]) => name);
      expect(slrStacks).toEqual(['dev-aws-account', 'prod-aws-account']);
    });

    test('a role declared by two region stacks of one account is found', () => {
      const stacks = frozenCopy();
      const [id, role] = entries(stacks.get(DIST)!, 'aws_iam_role')[0];
      stacks.get('prod-aws-dist-eu-west-1')!.resource!.aws_iam_role[`copy-${id}`] = role;
      expect(duplicateAccountGlobals(stacks)).toEqual([
        expect.objectContaining({
          rule: 'PRE-AWS-3',
          stack: DIST,
          problem: expect.stringContaining('IAM is global to account 222222222222'),
        }),
      ]);
    });
  });
});
