/**
 * Audit, lineage and link health on the frozen fixture config: prod has two AWS regions in one
 * account and one subscription; dev has one of each and governance-mode archives.
 */
import {
  ACTIVITY_LOG_CATEGORIES,
  AKS_AUDIT_CATEGORIES,
  AUDIT_TABLES,
} from '../../constructs/azure/audit/audit-archive';
import { SECURITY_METRICS } from '../../constructs/aws/audit/security-alarms';
import { BLOB_LOG_CATEGORIES } from '../../constructs/azure/storage-account';
import {
  policyStatements,
  referencedAddress,
  resourcesOfType,
  type Attributes,
  type StackJson,
} from '../../constructs/shared/stack-json';
import { parsePlatformConfig, selectEnvironments } from '../../config/load';
import { frozenConfig, type ConfigInput } from '../helpers/config-fixture';
import { sharedOutput } from '../helpers/shared-synth';
import { synthesize } from '../helpers/synth';

const { stacks } = sharedOutput('frozen');
const config = parsePlatformConfig(frozenConfig());
const envOf = (stack: string) => config.environments[stack.split('-')[0]];
const each = (type: string) =>
  [...stacks].flatMap(([name, stack]) => resourcesOfType(stack, type).map((r) => ({ ...r, stack: name, json: stack })));

/** Diagnostic settings by the resource they watch. */
function settingsOn(stack: StackJson, target: (id: string) => boolean): Attributes[] {
  return resourcesOfType(stack, 'azurerm_monitor_diagnostic_setting')
    .map((s) => s.attributes)
    .filter((s) => target(String(s.target_resource_id)));
}
const categoriesOf = (setting: Attributes) =>
  (setting.enabled_log as { category?: string; category_group?: string }[]).map((l) => l.category ?? l.category_group);

describe('audit and link health (frozen fixture)', () => {
  test('every log group keeps its kind’s retention, KMS-encrypted; the trail group keeps the audit retention', () => {
    const groups = each('aws_cloudwatch_log_group');
    expect(groups.length).toBeGreaterThan(8);
    for (const g of groups) {
      const logging = envOf(g.stack).logging;
      const audit = String(g.attributes.name).startsWith('/aws/cloudtrail/');
      expect({ group: g.attributes.name, retention: g.attributes.retention_in_days }).toEqual({
        group: g.attributes.name,
        retention: audit ? logging.auditRetentionDays : logging.retentionDays,
      });
      expect(g.attributes.kms_key_id).toMatch(/aws_kms_key\.\S+\.arn/);
    }
  });

  test('every workspace keeps the operational retention and every audit table the audit retention then the archive', () => {
    for (const [name, stack] of stacks.entries()) {
      if (!name.includes('azure-host')) continue;
      const logging = envOf(name).logging;
      for (const w of resourcesOfType(stack, 'azurerm_log_analytics_workspace')) {
        // Defender's workspace only routes its sensor's data and keeps none (docs/deploy.md): the shortest retention.
        const expected = String(w.attributes.name).endsWith('-defender') ? 30 : logging.retentionDays;
        expect(w.attributes.retention_in_days).toBe(expected);
        expect(
          w.attributes.local_authentication_enabled === false || String(w.attributes.name).endsWith('-defender'),
        ).toBe(true);
      }
      const tables = resourcesOfType(stack, 'azurerm_log_analytics_workspace_table').map((t) => t.attributes);
      expect(tables.map((t) => t.name).sort()).toEqual([...AUDIT_TABLES].sort());
      for (const t of tables) {
        expect(t).toMatchObject({
          retention_in_days: logging.auditRetentionDays,
          total_retention_in_days: logging.archiveDays,
        });
      }
    }
  });

  test('exactly one trail per AWS account: multi-region, validated, KMS-encrypted, to CloudWatch Logs and the audit bucket', () => {
    const trails = each('aws_cloudtrail');
    expect(trails.map((t) => t.stack).sort()).toEqual(['dev-aws-account', 'prod-aws-account']);
    for (const t of trails) {
      expect(t.attributes).toMatchObject({
        is_multi_region_trail: true,
        include_global_service_events: true,
        enable_log_file_validation: true,
        kms_key_id: expect.stringMatching(/aws_kms_key\.log-key/),
        cloud_watch_logs_group_arn: expect.stringMatching(/aws_cloudwatch_log_group\.trail_log-group\S+\.arn\}:\*$/),
        cloud_watch_logs_role_arn: expect.stringMatching(/aws_iam_role\.trail_logs-role/),
      });
      const selectors = t.attributes.advanced_event_selector as { field_selector: Attributes[] }[];
      expect(selectors[1].field_selector).toEqual(
        expect.arrayContaining([{ field: 'resources.ARN', starts_with: ['arn:aws:s3:::gpuplat-models-'] }]),
      );
      // Every model store of the account is under that prefix.
      for (const [name, stack] of stacks) {
        if (!name.startsWith(t.stack.split('-')[0]) || !name.includes('aws-dist')) continue;
        const store = resourcesOfType(stack, 'aws_s3_bucket').filter((b) => b.id.startsWith('model-store_bucket'));
        expect(store).toHaveLength(1);
        expect(String(store[0].attributes.bucket).startsWith('gpuplat-models-')).toBe(true);
      }
    }
  });

  test('the trail role may write only to the trail log group; CloudTrail assumes it without the conditions it does not support', () => {
    const stack = stacks.get('prod-aws-account')!;
    const role = resourcesOfType(stack, 'aws_iam_role').find((r) => r.id.startsWith('trail_logs-role'))!;
    const trust = policyStatements(stack, role.attributes.assume_role_policy)!;
    // CloudTrail user guide: this role does not support aws:SourceArn or aws:SourceAccount.
    expect(trust).toEqual([
      expect.objectContaining({
        effect: 'Allow',
        principals: { Service: ['cloudtrail.amazonaws.com'] },
        actions: ['sts:AssumeRole'],
        conditions: [],
      }),
    ]);
    const policy = resourcesOfType(stack, 'aws_iam_role_policy').find((p) => p.id.startsWith('trail_logs-role-write'))!;
    expect(policyStatements(stack, policy.attributes.policy)).toEqual([
      expect.objectContaining({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [expect.stringMatching(/aws_cloudwatch_log_group\.trail_log-group\S+\.arn\}:log-stream:\*$/)],
      }),
    ]);
  });

  test('the audit bucket: Object Lock in the configured mode and period, KMS, versioned, logged elsewhere, CloudTrail by source ARN only', () => {
    for (const [envName, mode] of [
      ['prod', 'COMPLIANCE'],
      ['dev', 'GOVERNANCE'],
    ] as const) {
      const stack = stacks.get(`${envName}-aws-account`)!;
      const logging = config.environments[envName].logging;
      const bucket = resourcesOfType(stack, 'aws_s3_bucket').find((b) => b.id.startsWith('trail_audit_bucket'))!;
      expect(bucket.attributes).toMatchObject({ object_lock_enabled: true, lifecycle: { prevent_destroy: true } });
      const forBucket = (type: string) =>
        resourcesOfType(stack, type).find((r) => referencedAddress(r.attributes.bucket) === bucket.address)!.attributes;
      expect(forBucket('aws_s3_bucket_object_lock_configuration').rule).toEqual({
        default_retention: { mode, days: logging.archiveDays },
      });
      expect(forBucket('aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
      expect(forBucket('aws_s3_bucket_public_access_block')).toMatchObject({
        block_public_policy: true,
        restrict_public_buckets: true,
      });
      const [rule] = forBucket('aws_s3_bucket_server_side_encryption_configuration').rule as Attributes[];
      expect(rule.apply_server_side_encryption_by_default).toMatchObject({ sse_algorithm: 'aws:kms' });
      expect(referencedAddress(forBucket('aws_s3_bucket_logging').target_bucket)).not.toBe(bucket.address);
      const statements = policyStatements(stack, forBucket('aws_s3_bucket_policy').policy)!;
      for (const s of statements.filter((st) => st.principals.Service?.includes('cloudtrail.amazonaws.com'))) {
        expect(s.conditions).toContainEqual({
          test: 'StringEquals',
          variable: 'aws:SourceArn',
          values: [
            `arn:aws:cloudtrail:us-east-1:${config.environments[envName].aws.accountId}:trail/gpuplat-${envName}`,
          ],
        });
      }
      expect(statements.find((s) => s.sid === 'DenyWithoutTls')).toBeDefined();
    }
  });

  test('the log key lets CloudWatch Logs, this trail and this account’s alarms use it, in this region only, and rotates', () => {
    const stack = stacks.get('prod-aws-account')!;
    const key = resourcesOfType(stack, 'aws_kms_key').find((k) => k.id.startsWith('log-key'))!;
    expect(key.attributes.enable_key_rotation).toBe(true);
    const statements = policyStatements(stack, key.attributes.policy)!;
    const byService = (service: string) => statements.filter((s) => s.principals.Service?.includes(service));
    expect(byService('logs.us-east-1.amazonaws.com')[0].conditions[0].values).toEqual([
      'arn:aws:logs:us-east-1:222222222222:log-group:*',
    ]);
    for (const s of byService('cloudtrail.amazonaws.com')) {
      expect(s.conditions).toContainEqual(expect.objectContaining({ variable: 'aws:SourceArn' }));
    }
    expect(byService('cloudwatch.amazonaws.com')[0].conditions[0].values).toEqual([
      'arn:aws:cloudwatch:us-east-1:222222222222:alarm:*',
    ]);
  });

  test('the CIS monitoring set alarms to an encrypted topic', () => {
    const stack = stacks.get('prod-aws-account')!;
    const filters = resourcesOfType(stack, 'aws_cloudwatch_log_metric_filter');
    expect(filters.map((f) => f.attributes.pattern).sort()).toEqual(SECURITY_METRICS.map((m) => m.pattern).sort());
    const alarms = resourcesOfType(stack, 'aws_cloudwatch_metric_alarm');
    expect(alarms).toHaveLength(SECURITY_METRICS.length);
    const topic = resourcesOfType(stack, 'aws_sns_topic')[0];
    expect(topic.attributes.kms_master_key_id).toMatch(/aws_kms_key\.log-key/);
    for (const a of alarms) expect(a.attributes.alarm_actions).toEqual([`\${${topic.address}.arn}`]);
    expect(SECURITY_METRICS.map((m) => m.id)).toEqual(
      expect.arrayContaining([
        'root-account-use',
        'unauthorized-api-calls',
        'iam-policy-changes',
        'cloudtrail-changes',
        'kms-key-disabled-or-deleted',
        'security-group-changes',
        'nacl-changes',
      ]),
    );
  });

  test('every AKS cluster, Key Vault and storage account has its audit diagnostic settings', () => {
    for (const [name, stack] of stacks.entries()) {
      if (!name.includes('azure-host')) continue;
      const archive = resourcesOfType(stack, 'azurerm_storage_account').find((a) => a.id.startsWith('audit-archive'))!;
      const isArchive = (s: Attributes) => referencedAddress(s.storage_account_id) === archive.address;
      for (const cluster of resourcesOfType(stack, 'azurerm_kubernetes_cluster')) {
        const settings = settingsOn(stack, (t) => t.includes(cluster.address));
        expect(categoriesOf(settings.find((s) => s.log_analytics_workspace_id)!)).toEqual(
          expect.arrayContaining(['kube-audit', 'kube-audit-admin', 'guard', 'kube-apiserver', 'cluster-autoscaler']),
        );
        expect(categoriesOf(settings.find(isArchive)!)).toEqual([...AKS_AUDIT_CATEGORIES]);
      }
      for (const vault of resourcesOfType(stack, 'azurerm_key_vault')) {
        const settings = settingsOn(stack, (t) => t.includes(vault.address));
        expect(settings.map(categoriesOf)).toEqual([['audit'], ['audit']]);
        expect(settings.some(isArchive)).toBe(true);
      }
      for (const account of resourcesOfType(stack, 'azurerm_storage_account')) {
        const [setting] = settingsOn(stack, (t) => t === `\${${account.address}.id}/blobServices/default`);
        expect(categoriesOf(setting)).toEqual([...BLOB_LOG_CATEGORIES]);
        expect(setting.log_analytics_workspace_id).toBeDefined();
        // Every account but the archive itself is archived too.
        expect(isArchive(setting)).toBe(account.address !== archive.address);
      }
    }
  });

  test('one Activity Log setting per subscription, to the workspace and the archive', () => {
    const activity = each('azurerm_monitor_diagnostic_setting').filter((s) =>
      /^\/subscriptions\/[^/]+$/.test(String(s.attributes.target_resource_id)),
    );
    expect(activity.map((s) => s.attributes.target_resource_id).sort()).toEqual([
      `/subscriptions/${config.environments.dev.azure.subscriptionId}`,
      `/subscriptions/${config.environments.prod.azure.subscriptionId}`,
    ]);
    for (const s of activity) {
      expect(categoriesOf(s.attributes)).toEqual([...ACTIVITY_LOG_CATEGORIES]);
      expect(s.attributes.storage_account_id).toMatch(/audit-archive/);
    }
  });

  test('the archive account is immutable, created Unlocked (Azure takes nothing else), hardened, and kept', () => {
    for (const [envName, state, replication] of [
      ['prod', 'Unlocked', 'GZRS'],
      ['dev', 'Unlocked', 'ZRS'],
    ] as const) {
      const stack = stacks.get(`${envName}-azure-host-eastus2`)!;
      const archive = resourcesOfType(stack, 'azurerm_storage_account').find((a) => a.id.startsWith('audit-archive'))!;
      // Prod's archive survives the loss of its region: a copy is kept in the pair.
      expect(archive.attributes.account_replication_type).toBe(replication);
      expect(archive.attributes).toMatchObject({
        immutability_policy: {
          state,
          period_since_creation_in_days: config.environments[envName].logging.archiveDays,
          allow_protected_append_writes: true,
        },
        min_tls_version: 'TLS1_2',
        shared_access_key_enabled: false,
        allow_nested_items_to_be_public: false,
        infrastructure_encryption_enabled: true,
        customer_managed_key: expect.objectContaining({ key_vault_key_id: expect.stringMatching(/audit-archive_cmk/) }),
        blob_properties: expect.objectContaining({ versioning_enabled: true }),
        lifecycle: { prevent_destroy: true },
      });
    }
  });

  test('no log destination is public', () => {
    for (const [, stack] of stacks) {
      for (const block of resourcesOfType(stack, 'aws_s3_bucket_public_access_block')) {
        expect(block.attributes).toMatchObject({
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        });
      }
      expect(resourcesOfType(stack, 'aws_s3_bucket').length).toBe(
        resourcesOfType(stack, 'aws_s3_bucket_public_access_block').length,
      );
      for (const account of resourcesOfType(stack, 'azurerm_storage_account')) {
        expect(account.attributes.allow_nested_items_to_be_public).toBe(false);
        // Public network access, where Azure's trusted services need it, denies every network.
        if (account.attributes.public_network_access_enabled !== false) {
          expect(account.attributes.network_rules).toMatchObject({ default_action: 'Deny' });
        }
      }
      for (const topic of resourcesOfType(stack, 'aws_sns_topic_policy')) {
        for (const s of policyStatements(stack, topic.attributes.policy)!.filter((st) => st.effect === 'Allow')) {
          expect(s.principals['*']).toBeUndefined();
          expect(s.conditions.length).toBeGreaterThan(0);
        }
      }
    }
  });

  test('every VPN connection has its tunnel alarm, per the objective, and the Azure gateway its peer alerts', () => {
    for (const envName of ['dev', 'prod']) {
      const link = stacks.get(`${envName}-link`)!;
      const objectives = config.environments[envName].link.objectives;
      const connections = resourcesOfType(link, 'aws_vpn_connection');
      const alarms = resourcesOfType(link, 'aws_cloudwatch_metric_alarm');
      expect(alarms.map((a) => (a.attributes.dimensions as Attributes).VpnId).sort()).toEqual(
        connections.map((c) => `\${${c.address}.id}`).sort(),
      );
      for (const a of alarms) {
        expect(a.attributes).toMatchObject({
          namespace: 'AWS/VPN',
          metric_name: 'TunnelState',
          comparison_operator: 'LessThanThreshold',
          threshold: objectives.minTunnelsUp / 2,
          evaluation_periods: objectives.alarmAfterMinutes / 5,
          treat_missing_data: 'breaching',
          alarm_actions: [expect.stringMatching(/cross-stack-output-aws_sns_topicalarm-topic_\w+arn/)],
        });
      }
      const alerts = resourcesOfType(link, 'azurerm_monitor_metric_alert');
      expect(alerts).toHaveLength(2);
      for (const a of alerts) {
        expect(a.attributes.scopes).toEqual([expect.stringMatching(/azurerm_virtual_network_gateway\./)]);
        expect((a.attributes.criteria as Attributes[])[0]).toMatchObject({
          metric_name: 'BgpPeerStatus',
          threshold: 1,
        });
        expect((a.attributes.action as Attributes[])[0].action_group_id).toMatch(/azurerm_monitor_action_group\./);
      }
    }
  });

  describe('changing a retention in config changes every log destination of that kind, and nothing else', () => {
    /** Every leaf that differs between two outputs, as `stack resource-type.id attribute.path`. */
    function differences(before: ReadonlyMap<string, StackJson>, after: ReadonlyMap<string, StackJson>): string[] {
      const out: string[] = [];
      const walk = (a: unknown, b: unknown, path: string) => {
        if (JSON.stringify(a) === JSON.stringify(b)) return;
        if (a && b && typeof a === 'object' && typeof b === 'object') {
          for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
            walk((a as Attributes)[k], (b as Attributes)[k], `${path}.${k}`);
          }
        } else out.push(path);
      };
      for (const [name, stack] of after) walk(before.get(name)!.resource, stack.resource, name);
      return out;
    }
    /** Only prod is synthesized: its stacks are the same with or without dev beside them. */
    const edited = (edit: (logging: ConfigInput, environment: ConfigInput) => void) => {
      const input = frozenConfig();
      edit(input.environments.prod.logging, input.environments.prod);
      return synthesize(selectEnvironments(parsePlatformConfig(input), 'prod', 'test')).stacks;
    };

    test('audit retention: the trail log groups and the audit tables', () => {
      const changed = differences(
        stacks,
        edited((l) => (l.auditRetentionDays = 400)),
      );
      expect(changed.length).toBeGreaterThan(0);
      for (const path of changed) {
        expect(path).toMatch(
          /^prod-(aws-account\.aws_cloudwatch_log_group\.trail_log-group_\w+\.retention_in_days|azure-host-eastus2\.azurerm_log_analytics_workspace_table\.audit-table-\w+\.retention_in_days|azure-host-eastus2\.azurerm_storage_account\.audit-archive_account_\w+\.blob_properties\.delete_retention_policy\.days)$/,
        );
      }
    });

    test('operational retention: the other log groups, the workspace, and operational storage', () => {
      const changed = differences(
        stacks,
        // Shorter than the policy floor: the environment lowers it in config, visibly.
        edited((l, environment) => {
          l.retentionDays = 180;
          environment.policy.minimumLogRetentionDays = 180;
        }),
      );
      expect(changed).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/azurerm_log_analytics_workspace\.log-analytics_workspace_\w+\.retention_in_days$/),
        ]),
      );
      for (const path of changed) {
        expect(path).toMatch(/^prod-/);
        expect(path).not.toMatch(/trail_log-group|audit-table|audit-archive/);
        expect(path).toMatch(/retention|days|expiration|noncurrent/);
      }
    });
  });
});
