/**
 * docs/lineage.md queries real names: every resource name it relies on exists in the frozen
 * fixture's output (whose prod the walkthrough follows), and every column it reads exists.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { WORKLOAD_LOG_COLUMNS, WORKLOAD_LOG_TABLE } from '../../constructs/azure/logging/workload-logs';
import { AUDIT_TABLES } from '../../constructs/azure/audit/audit-archive';
import { sharedOutput } from '../helpers/synth';

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
  ])('names %s, which the stacks create', (name) => {
    expect(doc).toContain(name);
    expect(output).toContain(name);
  });

  test('reads only columns the workload log table has, and audit tables the workspace keeps', () => {
    const columns = WORKLOAD_LOG_COLUMNS.map((c) => c.name);
    for (const used of ['Workload', 'Model', 'ModelVersion', 'Cluster', 'Namespace', 'Pod', 'Level', 'Message']) {
      expect(columns).toContain(used);
    }
    for (const table of ['AKSAudit', 'StorageBlobLogs']) {
      expect(AUDIT_TABLES).toContain(table);
      expect(doc).toContain(`${table}\n| where`);
    }
  });
});
