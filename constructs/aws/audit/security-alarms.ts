import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';

/** Where the security metrics are published. */
export const SECURITY_METRIC_NAMESPACE = 'GpuPlatform/Security';

/** One CIS AWS Foundations monitoring control: a metric filter on the trail's log group. */
export interface SecurityMetric {
  /** Stable id, part of the resource address and the metric name. */
  readonly id: string;
  /** The CIS AWS Foundations Benchmark v3.0 control it implements (section 4). */
  readonly cis: string;
  readonly what: string;
  /** A CloudWatch Logs filter pattern over CloudTrail's JSON events. */
  readonly pattern: string;
}

/** The CIS AWS Foundations monitoring set this platform alarms on, with the benchmark's patterns. */
export const SECURITY_METRICS: readonly SecurityMetric[] = [
  {
    id: 'root-account-use',
    cis: '4.3',
    what: 'the root user signed in or called an API',
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  },
  {
    id: 'unauthorized-api-calls',
    cis: '4.1',
    what: 'API calls refused for lack of permission',
    pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
  },
  {
    id: 'iam-policy-changes',
    cis: '4.4',
    what: 'IAM policies created, changed, attached or detached',
    pattern:
      '{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy) || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = PutUserPolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || ($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicyVersion) || ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) || ($.eventName = DetachGroupPolicy) }',
  },
  {
    id: 'cloudtrail-changes',
    cis: '4.5',
    what: 'a trail created, changed, stopped or deleted',
    pattern:
      '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
  },
  {
    id: 'kms-key-disabled-or-deleted',
    cis: '4.7',
    what: 'a customer-managed KMS key disabled or scheduled for deletion',
    pattern:
      '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }',
  },
  {
    id: 'security-group-changes',
    cis: '4.10',
    what: 'security group rules or groups changed',
    pattern:
      '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
  },
  {
    id: 'nacl-changes',
    cis: '4.11',
    what: 'network ACLs or their entries changed',
    pattern:
      '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }',
  },
];

/** Props of {@link AwsSecurityAlarms}. */
export interface AwsSecurityAlarmsProps {
  /** The trail's log group. */
  readonly logGroupName: string;
  /** Alarm name prefix, `<platform>-<environment>`. */
  readonly namePrefix: string;
  /** The encrypted topic alarms notify. */
  readonly topicArn: string;
}

/**
 * The CIS monitoring set on the account's trail: a metric filter per control, and an alarm that
 * notifies the topic on the first matching event in five minutes.
 */
export class AwsSecurityAlarms extends Construct {
  readonly alarms: readonly CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: AwsSecurityAlarmsProps) {
    super(scope, id);
    this.alarms = SECURITY_METRICS.map((metric) => {
      const metricName = `${props.namePrefix}-${metric.id}`;
      const filter = new CloudwatchLogMetricFilter(this, `${metric.id}-filter`, {
        name: metricName,
        logGroupName: props.logGroupName,
        pattern: metric.pattern,
        metricTransformation: { name: metricName, namespace: SECURITY_METRIC_NAMESPACE, value: '1' },
      });
      return new CloudwatchMetricAlarm(this, `${metric.id}-alarm`, {
        alarmName: metricName,
        alarmDescription: `CIS ${metric.cis}: ${metric.what}`,
        namespace: SECURITY_METRIC_NAMESPACE,
        metricName,
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'notBreaching',
        alarmActions: [props.topicArn],
        dependsOn: [filter],
      });
    });
  }
}
