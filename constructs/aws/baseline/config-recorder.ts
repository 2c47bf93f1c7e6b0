import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel';
import { Construct } from 'constructs';

/** Props of {@link AwsConfigRecorder}. */
export interface AwsConfigRecorderProps {
  /** Recorder and delivery channel name: `<platform>-<environment>-<region>`. */
  readonly name: string;
  /** `AWSServiceRoleForConfig`, from the account stack (created or looked up there). */
  readonly roleArn: string;
  /** The account's Config bucket (account stack), in the primary region. */
  readonly bucketName: string;
  /** The key the bucket's objects are encrypted with, in the bucket's region. */
  readonly kmsKeyArn: string;
  /**
   * Record global resource types (IAM) here. True in the primary region only: every recorder
   * that records them records the same items again, billed again. Default false.
   */
  readonly includeGlobalResourceTypes?: boolean;
}

/**
 * AWS Config in the provider's region (FSBP Config.1, CIS AWS 3.3): a recorder of every supported
 * resource type, a delivery channel into the account's encrypted bucket, and the recorder turned
 * on, in that order (Config refuses a channel without a recorder and starts no recorder without a
 * channel). An account has one recorder per region.
 */
export class AwsConfigRecorder extends Construct {
  readonly recorder: ConfigConfigurationRecorder;
  readonly channel: ConfigDeliveryChannel;
  /** The recorder turned on: what Security Hub's standards wait for. */
  readonly status: ConfigConfigurationRecorderStatus;

  constructor(scope: Construct, id: string, props: AwsConfigRecorderProps) {
    super(scope, id);
    this.recorder = new ConfigConfigurationRecorder(this, 'recorder', {
      name: props.name,
      roleArn: props.roleArn,
      recordingGroup: {
        allSupported: true,
        includeGlobalResourceTypes: props.includeGlobalResourceTypes ?? false,
      },
    });
    this.channel = new ConfigDeliveryChannel(this, 'channel', {
      name: props.name,
      s3BucketName: props.bucketName,
      s3KmsKeyArn: props.kmsKeyArn,
      snapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
      dependsOn: [this.recorder],
    });
    this.status = new ConfigConfigurationRecorderStatus(this, 'status', {
      name: this.recorder.name,
      isEnabled: true,
      dependsOn: [this.channel],
    });
  }
}
