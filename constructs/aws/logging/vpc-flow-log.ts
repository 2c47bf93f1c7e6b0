import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { iamPolicyDocument } from '../iam/policy-document';
import type { LoggingSpec } from '../../cloud-neutral/logging';
import { AwsLogGroup } from './log-group';

/** Props of {@link AwsVpcFlowLog}. */
export interface AwsVpcFlowLogProps {
  readonly vpcId: string;
  /** Resource name prefix, for example `gpuplat-prod-us-east-1`. */
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  readonly logging: LoggingSpec;
  /** ARN of the region's log encryption key. */
  readonly kmsKeyArn: string;
}

/**
 * VPC flow logs of all traffic (accepted and rejected) into an encrypted CloudWatch log group,
 * delivered by a role that only VPC Flow Logs of this account can assume and that may only
 * write to that group.
 */
export class AwsVpcFlowLog extends Construct {
  readonly logGroup: AwsLogGroup;
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: AwsVpcFlowLogProps) {
    super(scope, id);
    this.logGroup = new AwsLogGroup(this, 'log-group', {
      name: `/aws/vpc/${props.namePrefix}/flow-logs`,
      retentionDays: props.logging.retentionDays,
      kmsKeyArn: props.kmsKeyArn,
    });
    const role = new IamRole(this, 'role', {
      name: `${props.namePrefix}-flow-logs`,
      assumeRolePolicy: iamPolicyDocument(this, 'trust', [
        {
          sid: 'FlowLogsOfThisAccount',
          principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
          actions: ['sts:AssumeRole'],
          conditions: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] }],
        },
      ]).json,
    });
    new IamRolePolicy(this, 'write', {
      name: 'write-flow-logs',
      role: role.id,
      policy: iamPolicyDocument(this, 'write-document', [
        {
          sid: 'WriteThisLogGroup',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [`${this.logGroup.logGroup.arn}:*`],
        },
        {
          // In AWS's documented minimum: the service lists log groups to find its destination.
          // A list call, so it is scoped to the account and region, not to one group.
          sid: 'FindTheLogGroup',
          actions: ['logs:DescribeLogGroups'],
          resources: [`arn:aws:logs:${props.region}:${props.accountId}:log-group:*`],
        },
      ]).json,
    });
    this.flowLog = new FlowLog(this, 'flow-log', {
      vpcId: props.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
    });
  }
}
