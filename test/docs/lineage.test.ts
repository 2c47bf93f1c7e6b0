/**
 * docs/lineage.md queries real names: every resource name it relies on exists in the frozen
 * fixture's output (whose prod the walkthrough follows), and every column it reads exists.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { WORKLOAD_LOG_COLUMNS, WORKLOAD_LOG_TABLE } from '../../constructs/azure/logging/workload-logs';
import { AUDIT_TABLES } from '../../constructs/azure/audit/audit-archive';
import { sharedOutput } from '../helpers/shared-synth';
import { reference, resourcesOfType } from '../../constructs/shared/stack-json';

const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'lineage.md'), 'utf8');
const output = [...sharedOutput('frozen').stacks.values()].map((s) => JSON.stringify(s)).join('\n');

describe('docs/lineage.md', () => {
  test.each([
    WORKLOAD_LOG_TABLE,
    'log-gpuplat-prod-eastus2',
    'dcr-gpuplat-prod-eastus2-workloads',
    'gpuplatprodeastus2models',
    'blob-audit',
    'id-gpuplat-prod-eastus2-model-trainer',
    'id-gpuplat-prod-eastus2-artifact-publisher',
    'rg-gpuplat-prod-eastus2-security',
    '/aws/cloudtrail/gpuplat-prod',
    'gpuplat-prod-artifact-publisher',
    'system:serviceaccount:publishing:artifact-publisher',
    'system:serviceaccount:serving:model-server',
    'gpuplat-prod-audit-',
    'gpuplat-models-prod-',
    'kv-gpuplat-prod-signing',
    'model-release-g1',
    'model-signing/trust.json',
    '/workloads/gpuplat-prod-',
  ])('names %s, which the stacks create', (name) => {
    expect(doc).toContain(name);
    expect(output).toContain(name);
  });

  test('reads only columns the workload log table has, and audit tables the workspace keeps', () => {
    const columns = WORKLOAD_LOG_COLUMNS.map((c) => c.name);
    for (const used of ['Workload', 'Model', 'ModelVersion', 'Cluster', 'Namespace', 'Pod', 'Level', 'Message']) {
      expect(columns).toContain(used);
    }
    for (const table of ['AKSAudit', 'StorageBlobLogs', 'AzureDiagnostics']) {
      expect(AUDIT_TABLES).toContain(table);
      expect(doc).toContain(`${table}\n| where`);
    }
  });
});

describe('docs/lineage.md, by release digest', () => {
  const { stacks } = sharedOutput('frozen');
  const prod = [...stacks.entries()].filter(([name]) => name.startsWith('prod-'));

  test("the signing vault's sign events reach AzureDiagnostics: AuditEvent, in the workspace, not a dedicated table", () => {
    const [, host] = prod.find(([name]) => name.includes('-azure-host-'))!;
    const vault = resourcesOfType(host, 'azurerm_key_vault').find(
      (v) => v.attributes.name === 'kv-gpuplat-prod-signing',
    )!;
    const toWorkspace = resourcesOfType(host, 'azurerm_monitor_diagnostic_setting').filter(
      (d) => d.attributes.target_resource_id === reference(vault, 'id') && d.attributes.log_analytics_workspace_id,
    );
    expect(toWorkspace).toHaveLength(1);
    // The audit group is AuditEvent; without a destination type, Key Vault writes AzureDiagnostics.
    expect(toWorkspace[0].attributes.enabled_log).toEqual([{ category_group: 'audit' }]);
    expect(toWorkspace[0].attributes.log_analytics_destination_type).toBeUndefined();
    expect(doc).toContain('Category == "AuditEvent" and OperationName == "KeySign"');
  });

  test("the trail records the bundle's and the trust set's object events in every region's model bucket", () => {
    const [, account] = prod.find(([name]) => name.endsWith('-aws-account'))!;
    const [trail] = resourcesOfType(account, 'aws_cloudtrail');
    const selectors = trail.attributes.advanced_event_selector as {
      field_selector: { field: string; equals?: string[]; starts_with?: string[] }[];
    }[];
    const data = selectors.find((s) => s.field_selector.some((f) => f.equals?.includes('Data')))!;
    expect(data.field_selector).toEqual(
      expect.arrayContaining([{ field: 'resources.type', equals: ['AWS::S3::Object'] }]),
    );
    const prefix = data.field_selector.find((f) => f.field === 'resources.ARN')!.starts_with![0];
    for (const [, dist] of prod.filter(([name]) => name.includes('-aws-dist-'))) {
      const store = resourcesOfType(dist, 'aws_s3_bucket').find((b) =>
        String(b.attributes.bucket).startsWith('gpuplat-models-'),
      )!;
      expect(`arn:aws:s3:::${store.attributes.bucket}/models/llama-guard/2026.11.1/model.sig`.startsWith(prefix)).toBe(
        true,
      );
      expect(`arn:aws:s3:::${store.attributes.bucket}/model-signing/trust.json`.startsWith(prefix)).toBe(true);
    }
  });

  test("each region's workload log group exists where the verification query runs", () => {
    for (const [name, dist] of prod.filter(([n]) => n.includes('-aws-dist-'))) {
      const region = name.replace('prod-aws-dist-', '');
      const groups = resourcesOfType(dist, 'aws_cloudwatch_log_group').map((g) => g.attributes.name);
      expect(groups).toContain(`/workloads/gpuplat-prod-${region}`);
    }
    // The verification line's fields, as docs/model-release-contract.md defines them.
    for (const field of ['release_digest', 'outcome', 'key_hint'])
      expect(doc).toContain(`parse Message '"${field}":"*"'`);
    expect(doc).toContain('Message like "model_release_verification"');
  });
});
