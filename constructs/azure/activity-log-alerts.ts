import type { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorActivityLogAlert } from '@cdktf/provider-azurerm/lib/monitor-activity-log-alert';
import { Construct } from 'constructs';
import { emailActionGroup } from './action-group';

/** One Activity Log alert of CIS Azure 5.2: an administrative operation somebody must hear of. */
export interface SecurityOperationAlert {
  /** Construct id and name suffix, stable: part of the resource address. */
  readonly id: string;
  /** The Resource Manager operation watched. */
  readonly operation: string;
  /** What the operation does, for the alert's description. */
  readonly what: string;
}

/**
 * The CIS Microsoft Azure Foundations Benchmark 5.2 Activity Log alerts for the resources this
 * platform has: policy assignments, network security groups and their rules, security solutions
 * and public IP addresses (the SQL firewall alerts are left out: the platform runs no SQL server).
 */
export const CIS_ACTIVITY_LOG_ALERTS: readonly SecurityOperationAlert[] = [
  {
    id: 'policy-assignment-write',
    operation: 'Microsoft.Authorization/policyAssignments/write',
    what: 'Create policy assignment',
  },
  {
    id: 'policy-assignment-delete',
    operation: 'Microsoft.Authorization/policyAssignments/delete',
    what: 'Delete policy assignment',
  },
  {
    id: 'nsg-write',
    operation: 'Microsoft.Network/networkSecurityGroups/write',
    what: 'Create or update network security group',
  },
  {
    id: 'nsg-delete',
    operation: 'Microsoft.Network/networkSecurityGroups/delete',
    what: 'Delete network security group',
  },
  {
    id: 'nsg-rule-write',
    operation: 'Microsoft.Network/networkSecurityGroups/securityRules/write',
    what: 'Create or update network security group rule',
  },
  {
    id: 'nsg-rule-delete',
    operation: 'Microsoft.Network/networkSecurityGroups/securityRules/delete',
    what: 'Delete network security group rule',
  },
  {
    id: 'security-solution-write',
    operation: 'Microsoft.Security/securitySolutions/write',
    what: 'Create or update security solution',
  },
  {
    id: 'security-solution-delete',
    operation: 'Microsoft.Security/securitySolutions/delete',
    what: 'Delete security solution',
  },
  {
    id: 'public-ip-write',
    operation: 'Microsoft.Network/publicIPAddresses/write',
    what: 'Create or update public IP address',
  },
  { id: 'public-ip-delete', operation: 'Microsoft.Network/publicIPAddresses/delete', what: 'Delete public IP address' },
];

/** Props of {@link AzureActivityLogAlerts}. */
export interface AzureActivityLogAlertsProps {
  /** Name prefix, `<platform>-<environment>-<region>`. */
  readonly namePrefix: string;
  /** The group the alerts and their action group live in. */
  readonly resourceGroupName: string;
  /** The subscription watched. */
  readonly subscriptionId: string;
  /** Who the security action group emails: the environment's alert addresses. */
  readonly emails: readonly string[];
}

/**
 * The subscription's CIS Activity Log alerts, each on the whole subscription and the
 * `Administrative` category, to a security action group that emails the environment's alert
 * addresses (the AWS side's security alarms notify the account's alarm topic, their counterpart).
 * The group is the subscription's own, in the stack that declares the subscription's other
 * once-only resources: the link's action group lives in the link stack, which is deployed after
 * this one and may be turned off. Activity Log alerts are global resources: azurerm refuses any
 * other location but three regional ones (v4.55.0 monitor_activity_log_alert_resource.go:401-418).
 */
export class AzureActivityLogAlerts extends Construct {
  readonly actionGroup: MonitorActionGroup;
  readonly alerts: readonly MonitorActivityLogAlert[];

  constructor(scope: Construct, id: string, props: AzureActivityLogAlertsProps) {
    super(scope, id);
    this.actionGroup = emailActionGroup(this, 'action-group', {
      name: `ag-${props.namePrefix}-security`,
      resourceGroupName: props.resourceGroupName,
      shortName: 'security',
      emails: props.emails,
    });
    this.alerts = CIS_ACTIVITY_LOG_ALERTS.map(
      (alert) =>
        new MonitorActivityLogAlert(this, alert.id, {
          name: `${props.namePrefix}-${alert.id}`,
          resourceGroupName: props.resourceGroupName,
          location: 'global',
          scopes: [`/subscriptions/${props.subscriptionId}`],
          description: `${alert.what} (CIS Azure 5.2): docs/security-azure.md, "Subscription baseline"`,
          criteria: { category: 'Administrative', operationName: alert.operation },
          action: [{ actionGroupId: this.actionGroup.id }],
        }),
    );
  }
}
