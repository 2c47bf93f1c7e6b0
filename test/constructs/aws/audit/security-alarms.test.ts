/**
 * The CIS AWS Foundations v3.0.0 monitoring set (4.1 to 4.15), checked against what a public
 * checker accepts: prowler's `cloudwatch_log_metric_filter_*` checks
 * (prowler-cloud/prowler@3e000faa, 2026-08-21), which read a filter's pattern text with the
 * expressions below (one lookahead per clause, in any order, since prowler 5.30.0).
 */
import { resourcesOfType } from '../../../../constructs/shared/stack-json';
import { SECURITY_METRICS } from '../../../../constructs/aws/audit/security-alarms';
import { sharedOutput } from '../../../helpers/shared-synth';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** prowler's build_metric_filter_pattern: every event name, the event source and other clauses present. */
function prowler(names: string[], source?: string, clauses: [string, '=' | '!=', string][] = []): RegExp {
  const parts = [
    ...(source ? [`(?=.*\\$\\.eventSource\\s*=\\s*.?${escape(source)})`] : []),
    ...names.map((n) => `(?=.*\\$\\.eventName\\s*=\\s*.?${escape(n)}\\b)`),
    ...clauses.map(
      ([field, op, value]) => `(?=.*\\$\\.${escape(field)}\\s*${op === '!=' ? '!=' : '='}\\s*.?${escape(value)})`,
    ),
  ];
  return new RegExp(parts.join(''), 's');
}

const PROWLER: Record<string, RegExp> = {
  '4.1': /\$\.errorCode\s*=\s*.?\*UnauthorizedOperation.+\$\.errorCode\s*=\s*.?AccessDenied\*.?/s,
  '4.2': prowler(['ConsoleLogin'], undefined, [['additionalEventData.MFAUsed', '!=', 'Yes']]),
  '4.3':
    /\$\.userIdentity\.type\s*=\s*.?Root.+\$\.userIdentity\.invokedBy NOT EXISTS.+\$\.eventType\s*!=\s*.?AwsServiceEvent.?/s,
  '4.4': prowler([
    'DeleteGroupPolicy',
    'DeleteRolePolicy',
    'DeleteUserPolicy',
    'PutGroupPolicy',
    'PutRolePolicy',
    'PutUserPolicy',
    'CreatePolicy',
    'DeletePolicy',
    'CreatePolicyVersion',
    'DeletePolicyVersion',
    'AttachRolePolicy',
    'DetachRolePolicy',
    'AttachUserPolicy',
    'DetachUserPolicy',
    'AttachGroupPolicy',
    'DetachGroupPolicy',
  ]),
  '4.5': prowler(['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging']),
  '4.6': prowler(['ConsoleLogin'], undefined, [['errorMessage', '=', 'Failed authentication']]),
  '4.7': prowler(['DisableKey', 'ScheduleKeyDeletion'], 'kms.amazonaws.com'),
  '4.8': prowler(
    [
      'PutBucketAcl',
      'PutBucketPolicy',
      'PutBucketCors',
      'PutBucketLifecycle',
      'PutBucketReplication',
      'DeleteBucketPolicy',
      'DeleteBucketCors',
      'DeleteBucketLifecycle',
      'DeleteBucketReplication',
    ],
    's3.amazonaws.com',
  ),
  '4.9': prowler(
    ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder'],
    'config.amazonaws.com',
  ),
  '4.10': prowler([
    'AuthorizeSecurityGroupIngress',
    'AuthorizeSecurityGroupEgress',
    'RevokeSecurityGroupIngress',
    'RevokeSecurityGroupEgress',
    'CreateSecurityGroup',
    'DeleteSecurityGroup',
  ]),
  '4.11': prowler([
    'CreateNetworkAcl',
    'CreateNetworkAclEntry',
    'DeleteNetworkAcl',
    'DeleteNetworkAclEntry',
    'ReplaceNetworkAclEntry',
    'ReplaceNetworkAclAssociation',
  ]),
  '4.12': prowler([
    'CreateCustomerGateway',
    'DeleteCustomerGateway',
    'AttachInternetGateway',
    'CreateInternetGateway',
    'DeleteInternetGateway',
    'DetachInternetGateway',
  ]),
  '4.13': prowler(
    [
      'CreateRoute',
      'CreateRouteTable',
      'ReplaceRoute',
      'ReplaceRouteTableAssociation',
      'DeleteRouteTable',
      'DeleteRoute',
      'DisassociateRouteTable',
    ],
    'ec2.amazonaws.com',
  ),
  '4.14': prowler([
    'CreateVpc',
    'DeleteVpc',
    'ModifyVpcAttribute',
    'AcceptVpcPeeringConnection',
    'CreateVpcPeeringConnection',
    'DeleteVpcPeeringConnection',
    'RejectVpcPeeringConnection',
    'AttachClassicLinkVpc',
    'DetachClassicLinkVpc',
    'DisableVpcClassicLink',
    'EnableVpcClassicLink',
  ]),
  '4.15': prowler(
    [
      'AcceptHandshake',
      'AttachPolicy',
      'CancelHandshake',
      'CreateAccount',
      'CreateOrganization',
      'CreateOrganizationalUnit',
      'CreatePolicy',
      'DeclineHandshake',
      'DeleteOrganization',
      'DeleteOrganizationalUnit',
      'DeletePolicy',
      'EnableAllFeatures',
      'EnablePolicyType',
      'InviteAccountToOrganization',
      'LeaveOrganization',
      'DetachPolicy',
      'DisablePolicyType',
      'MoveAccount',
      'RemoveAccountFromOrganization',
      'UpdateOrganizationalUnit',
      'UpdatePolicy',
    ],
    'organizations.amazonaws.com',
  ),
};

const CIS_SECTION_4 = Array.from({ length: 15 }, (_, i) => `4.${i + 1}`);

describe('CIS AWS Foundations v3.0.0 section 4 monitoring', () => {
  test('every recommendation 4.1 to 4.15 has exactly one metric', () => {
    expect(SECURITY_METRICS.map((m) => m.cis)).toEqual(CIS_SECTION_4);
  });

  test.each(CIS_SECTION_4)('%s: the pattern passes prowler’s check', (cis) => {
    const metric = SECURITY_METRICS.find((m) => m.cis === cis)!;
    expect(metric.pattern).toMatch(PROWLER[cis]);
  });

  test('prowler’s check refuses a pattern that misses one event', () => {
    const vpc = SECURITY_METRICS.find((m) => m.cis === '4.14')!.pattern.replace(' || ($.eventName = DeleteVpc)', '');
    expect(vpc).not.toMatch(PROWLER['4.14']);
  });

  test('each account trail’s log group carries a filter and an alarm per recommendation, to the alarm topic', () => {
    const stack = sharedOutput('frozen').stacks.get('prod-aws-account')!;
    const filters = resourcesOfType(stack, 'aws_cloudwatch_log_metric_filter');
    const alarms = resourcesOfType(stack, 'aws_cloudwatch_metric_alarm');
    const [logGroup] = resourcesOfType(stack, 'aws_cloudwatch_log_group').filter((g) => g.id.startsWith('trail_'));
    for (const metric of SECURITY_METRICS) {
      const filter = filters.find((f) => f.attributes.pattern === metric.pattern)!;
      expect(filter.attributes.log_group_name).toBe(`\${${logGroup.address}.name}`);
      const metricName = (filter.attributes.metric_transformation as { name: string }).name;
      const alarm = alarms.find((a) => a.attributes.metric_name === metricName)!;
      expect(alarm.attributes).toMatchObject({
        alarm_description: `CIS ${metric.cis}: ${metric.what}`,
        threshold: 1,
        comparison_operator: 'GreaterThanOrEqualToThreshold',
      });
      expect(alarm.attributes.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.alarm-topic/)]);
    }
  });
});
