import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { iamPolicyDocument } from '../iam/policy-document';

/** Props of {@link AwsAlarmTopic}. */
/** The environment's alarm topic name: `<platform>-<environment>-alarms`. */
export const awsAlarmTopicName = (namePrefix: string) => `${namePrefix}-alarms`;

export interface AwsAlarmTopicProps {
  /** Topic name, `<platform>-<environment>-alarms`. */
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  /** The log key, which lets this account's alarms publish (see `logKeyStatements`). */
  readonly kmsKeyArn: string;
  /** Addresses subscribed; each confirms by email before it receives anything. */
  readonly emails: readonly string[];
}

/**
 * The SNS topic security and link alarms notify: KMS-encrypted, publishable only by this
 * account's CloudWatch alarms in this region, with the configured addresses subscribed.
 */
export class AwsAlarmTopic extends Construct {
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: AwsAlarmTopicProps) {
    super(scope, id);
    this.topic = new SnsTopic(this, 'topic', { name: props.name, kmsMasterKeyId: props.kmsKeyArn });
    new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      policy: iamPolicyDocument(this, 'policy-document', [
        {
          sid: 'ThisAccountsAlarmsPublish',
          principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
          actions: ['sns:Publish'],
          resources: [this.topic.arn],
          conditions: [
            {
              test: 'ArnLike',
              variable: 'aws:SourceArn',
              values: [`arn:aws:cloudwatch:${props.region}:${props.accountId}:alarm:*`],
            },
          ],
        },
        {
          sid: 'DenyWithoutTls',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['sns:Publish'],
          resources: [this.topic.arn],
          conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ]).json,
    });
    props.emails.forEach(
      (email, i) =>
        new SnsTopicSubscription(this, `email-${i}`, { topicArn: this.topic.arn, protocol: 'email', endpoint: email }),
    );
  }
}
