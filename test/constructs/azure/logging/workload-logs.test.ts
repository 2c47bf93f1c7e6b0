import { resourcesOfType } from '../../../../constructs/shared/stack-json';
import { WORKLOAD_LOG_COLUMNS } from '../../../../constructs/azure/logging/workload-logs';
import { sharedOutput } from '../../../helpers/shared-synth';

type Column = { name: string; type: string };

/** The Tables API column enum azurerm checks case-sensitively (v4.55.0 tables/constants.go:62-69). */
const TABLE_TYPES = ['boolean', 'dateTime', 'dynamic', 'guid', 'int', 'long', 'real', 'string'];
/** A data collection rule stream's column enum (v4.55.0 datacollectionrules/constants.go:56-62). */
const STREAM_TYPES = ['boolean', 'datetime', 'dynamic', 'int', 'long', 'real', 'string'];

describe('AzureWorkloadLogs (frozen fixture)', () => {
  const hosts = [...sharedOutput('frozen').stacks].filter(([name]) => name.includes('-azure-host-'));

  test('the custom table takes the Tables API casing, the stream declaration its own', () => {
    expect(hosts.length).toBeGreaterThan(0);
    for (const [, stack] of hosts) {
      const [table] = resourcesOfType(stack, 'azurerm_log_analytics_workspace_table_custom_log');
      const [rule] = resourcesOfType(stack, 'azurerm_monitor_data_collection_rule').filter((r) =>
        String(r.attributes.name).endsWith('-workloads'),
      );
      const tableColumns = table.attributes.column as Column[];
      const streamColumns = (rule.attributes.stream_declaration as { column: Column[] }[])[0].column;
      expect(tableColumns.find((c) => c.name === 'TimeGenerated')!.type).toBe('dateTime');
      expect(streamColumns.find((c) => c.name === 'TimeGenerated')!.type).toBe('datetime');
      for (const c of tableColumns) expect(TABLE_TYPES).toContain(c.type);
      for (const c of streamColumns) expect(STREAM_TYPES).toContain(c.type);
      expect(tableColumns.map((c) => c.name)).toEqual(WORKLOAD_LOG_COLUMNS.map((c) => c.name));
      expect(streamColumns.map((c) => c.name)).toEqual(WORKLOAD_LOG_COLUMNS.map((c) => c.name));
    }
  });
});
