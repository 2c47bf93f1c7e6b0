import { LogAnalyticsWorkspaceTableCustomLog } from '@cdktf/provider-azurerm/lib/log-analytics-workspace-table-custom-log';
import { MonitorDataCollectionEndpoint } from '@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint';
import { MonitorDataCollectionRule } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { Construct } from 'constructs';
import type { LoggingSpec } from '../../cloud-neutral/logging';

/** The table workloads write to; custom tables end in `_CL`. */
export const WORKLOAD_LOG_TABLE = 'WorkloadLogs_CL';
/** The stream name clients send to (Logs Ingestion API). */
export const WORKLOAD_LOG_STREAM = 'Custom-WorkloadLogs';

/**
 * A column's type in each of the two enums that declare it, which differ in case: the Tables API
 * (the custom table) takes `dateTime`, a data collection rule's stream declaration `datetime`.
 * azurerm validates both case-sensitively (v4.55.0: loganalytics/log_analytics_workspace_table.go:30,
 * monitor/monitor_data_collection_rule_resource.go:896).
 */
export const COLUMN_TYPES = {
  datetime: { table: 'dateTime', stream: 'datetime' },
  string: { table: 'string', stream: 'string' },
} as const;

/**
 * The columns of a workload log record, the same fields as the AWS side's JSON log events, so
 * one lineage query shape serves both clouds (docs/model-distribution.md).
 */
export const WORKLOAD_LOG_COLUMNS: readonly { readonly name: string; readonly type: keyof typeof COLUMN_TYPES }[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Cluster', type: 'string' },
  { name: 'Namespace', type: 'string' },
  { name: 'Pod', type: 'string' },
  { name: 'Workload', type: 'string' },
  { name: 'Model', type: 'string' },
  { name: 'ModelVersion', type: 'string' },
  { name: 'Level', type: 'string' },
  { name: 'Message', type: 'string' },
];

/** Props of {@link AzureWorkloadLogs}. */
export interface AzureWorkloadLogsProps {
  /** Name prefix, `<platform>-<environment>-<region>`. */
  readonly namePrefix: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly workspaceId: string;
  readonly logging: LoggingSpec;
}

/**
 * Where workloads write their own logs on Azure, through the Logs Ingestion API: a custom table
 * in the region's workspace, and a data collection rule (with its endpoint) that maps one
 * stream into it. Writers get a role on the rule only: they can send, not read.
 */
export class AzureWorkloadLogs extends Construct {
  readonly rule: MonitorDataCollectionRule;
  readonly endpoint: MonitorDataCollectionEndpoint;

  constructor(scope: Construct, id: string, props: AzureWorkloadLogsProps) {
    super(scope, id);
    const common = { resourceGroupName: props.resourceGroupName, location: props.location };
    const table = new LogAnalyticsWorkspaceTableCustomLog(this, 'table', {
      name: WORKLOAD_LOG_TABLE,
      workspaceId: props.workspaceId,
      retentionInDays: props.logging.retentionDays,
      column: WORKLOAD_LOG_COLUMNS.map((c) => ({ name: c.name, type: COLUMN_TYPES[c.type].table })),
    });
    this.endpoint = new MonitorDataCollectionEndpoint(this, 'endpoint', {
      name: `dce-${props.namePrefix}-workloads`,
      ...common,
      description: 'Logs Ingestion API endpoint for workload logs',
    });
    this.rule = new MonitorDataCollectionRule(this, 'rule', {
      name: `dcr-${props.namePrefix}-workloads`,
      ...common,
      description: 'Workload logs into the workspace',
      dataCollectionEndpointId: this.endpoint.id,
      streamDeclaration: [
        {
          streamName: WORKLOAD_LOG_STREAM,
          column: WORKLOAD_LOG_COLUMNS.map((c) => ({ name: c.name, type: COLUMN_TYPES[c.type].stream })),
        },
      ],
      destinations: { logAnalytics: [{ name: 'workspace', workspaceResourceId: props.workspaceId }] },
      dataFlow: [
        {
          streams: [WORKLOAD_LOG_STREAM],
          destinations: ['workspace'],
          outputStream: `Custom-${WORKLOAD_LOG_TABLE}`,
          transformKql: 'source',
        },
      ],
      // The rule's output stream must name a table that exists.
      dependsOn: [table],
    });
  }
}
