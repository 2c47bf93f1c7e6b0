import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { Construct } from 'constructs';
import { LINK_METRIC_PERIOD_SECONDS, planTunnelAlarm, type LinkObjectives } from '../cloud-neutral/link-health';

/** Props of {@link AwsLinkHealth}. */
export interface AwsLinkHealthProps {
  /** Alarm name prefix, `<platform>-<environment>-<region>`. */
  readonly namePrefix: string;
  /** The link's VPN connections: one alarm each. */
  readonly connections: readonly VpnConnection[];
  readonly objectives: LinkObjectives;
  /** The topic alarms notify. */
  readonly topicArn: string;
}

/**
 * The AWS side of the link's service level: one alarm per VPN connection on `TunnelState`
 * (AWS/VPN, per `VpnId`: 1 when every tunnel is up, 0.5 with one of two), firing when fewer
 * tunnels than the objective stay up for the objective's delay, and when the metric stops.
 */
export class AwsLinkHealth extends Construct {
  readonly alarms: readonly CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: AwsLinkHealthProps) {
    super(scope, id);
    const plan = planTunnelAlarm(props.objectives);
    this.alarms = props.connections.map(
      (connection, i) =>
        new CloudwatchMetricAlarm(this, `tunnels-${i + 1}`, {
          alarmName: `${props.namePrefix}-vpn-${i + 1}-tunnels`,
          alarmDescription: `Fewer than ${props.objectives.minTunnelsUp} of 2 tunnels of VPN connection ${i + 1} up for ${props.objectives.alarmAfterMinutes} minutes (docs/audit.md, "Link health")`,
          namespace: 'AWS/VPN',
          metricName: 'TunnelState',
          dimensions: { VpnId: connection.id },
          statistic: 'Minimum',
          period: LINK_METRIC_PERIOD_SECONDS,
          evaluationPeriods: plan.evaluationPeriods,
          threshold: plan.threshold,
          comparisonOperator: 'LessThanThreshold',
          // No data from a connection is no tunnel reporting up.
          treatMissingData: 'breaching',
          alarmActions: [props.topicArn],
          okActions: [props.topicArn],
        }),
    );
  }
}
