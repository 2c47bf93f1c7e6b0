import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';

/** Props of {@link AwsLogGroup}. */
export interface AwsLogGroupProps {
  /** The log group's name, for example `/aws/eks/<cluster>/cluster`. */
  readonly name: string;
  /** Days events are kept: the environment's retention for the group's kind (`retentionFor`). */
  readonly retentionDays: number;
  /** ARN of the KMS key that encrypts the log group. */
  readonly kmsKeyArn: string;
}

/** A CloudWatch log group: KMS-encrypted, kept for the configured retention, protected from destroy. */
export class AwsLogGroup extends Construct {
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: AwsLogGroupProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, 'group', {
      name: props.name,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.kmsKeyArn,
      lifecycle: { preventDestroy: true },
    });
  }
}
