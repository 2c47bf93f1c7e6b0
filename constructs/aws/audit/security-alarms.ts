import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';

/** Where the security metrics are published. */
export const SECURITY_METRIC_NAMESPACE = 'GpuPlatform/Security';

/** One CIS AWS Foundations monitoring control: a metric filter on the trail's log group. */
export interface SecurityMetric {
  /** Stable id, part of the resource address and the metric name. */
  readonly id: string;
  /** The CIS AWS Foundations Benchmark v3.0.0 recommendation it implements (section 4). */
  readonly cis: string;
  readonly what: string;
  /** A CloudWatch Logs filter pattern over CloudTrail's JSON events. */
  readonly pattern: string;
}

/**
 * CIS AWS Foundations Benchmark v3.0.0 section 4, recommendations 4.1 to 4.15: every monitoring
 * control that is a metric filter and alarm on the trail's log group, with the benchmark's
 * patterns. Where the benchmark offers two, or its copies differ, the one chosen is the one
 * public checkers accept (prowler's `cloudwatch_log_metric_filter_*` checks; see the test):
 * 4.2 takes the benchmark's variant for accounts that sign in through SSO (only IAM users'
 * successful sign-ins count), 4.13 keeps the benchmark's `eventSource` clause, and 4.15 lists the
 * three Organizations events prowler adds to the benchmark's eighteen.
 */
export const SECURITY_METRICS: readonly SecurityMetric[] = [
  {
    id: 'unauthorized-api-calls',
    cis: '4.1',
    what: 'API calls refused for lack of permission',
    pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
  },
  {
    id: 'console-sign-in-without-mfa',
    cis: '4.2',
    what: 'an IAM user signed in to the console without MFA',
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    id: 'root-account-use',
    cis: '4.3',
    what: 'the root user signed in or called an API',
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
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
    id: 'console-authentication-failures',
    cis: '4.6',
    what: 'console sign-ins that failed authentication',
    pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  },
  {
    id: 'kms-key-disabled-or-deleted',
    cis: '4.7',
    what: 'a customer-managed KMS key disabled or scheduled for deletion',
    pattern:
      '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }',
  },
  {
    id: 's3-bucket-policy-changes',
    cis: '4.8',
    what: 'a bucket policy, ACL, CORS, lifecycle or replication rule changed',
    pattern:
      '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }',
  },
  {
    id: 'config-changes',
    cis: '4.9',
    what: 'the AWS Config recorder or delivery channel stopped or changed',
    pattern:
      '{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }',
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
  {
    id: 'network-gateway-changes',
    cis: '4.12',
    what: 'customer or internet gateways created, attached, detached or deleted',
    pattern:
      '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }',
  },
  {
    id: 'route-table-changes',
    cis: '4.13',
    what: 'route tables or routes created, replaced, disassociated or deleted',
    pattern:
      '{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }',
  },
  {
    id: 'vpc-changes',
    cis: '4.14',
    what: 'VPCs, their attributes or peering connections changed',
    pattern:
      '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }',
  },
  {
    id: 'organizations-changes',
    cis: '4.15',
    what: 'the AWS Organization, its accounts, units or policies changed',
    pattern:
      '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CancelHandshake") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganization") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnableAllFeatures") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
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
