import { Construct } from 'constructs';
import type { AwsBaselineSpec } from '../../cloud-neutral/baseline';
import { AwsAccessAnalyzer } from './access-analyzer';
import { AwsConfigRecorder } from './config-recorder';
import { AwsEbsEncryptionByDefault } from './ebs-encryption';
import { AwsGuardDuty } from './guardduty';
import { AwsSecurityHub } from './security-hub';

/** Where the region's Config recorder delivers, from the account stack. */
export interface AwsConfigDelivery {
  /** `AWSServiceRoleForConfig`. */
  readonly roleArn: string;
  readonly bucketName: string;
  readonly kmsKeyArn: string;
}

/** Props of {@link AwsRegionalBaseline}. */
export interface AwsRegionalBaselineProps {
  /** Name of the region's analyzer and recorder: `<platform>-<environment>-<region>`. */
  readonly namePrefix: string;
  readonly region: string;
  /** Which parts this environment creates; `existing` parts get nothing. */
  readonly parts: AwsBaselineSpec;
  /** The environment's primary region: the one whose recorder records global resource types. */
  readonly primary: boolean;
  /** Where the recorder delivers; required when `parts.config` is `create`. */
  readonly configDelivery?: AwsConfigDelivery;
}

/**
 * The regional parts of an AWS account's security baseline, in one region: EBS encryption by
 * default, an Access Analyzer, GuardDuty with EKS protection, an AWS Config recorder and Security
 * Hub with its standards, each only where config says this environment creates it.
 */
export class AwsRegionalBaseline extends Construct {
  readonly recorder?: AwsConfigRecorder;

  constructor(scope: Construct, id: string, props: AwsRegionalBaselineProps) {
    super(scope, id);
    const { parts } = props;
    if (parts.ebsEncryptionByDefault === 'create') new AwsEbsEncryptionByDefault(this, 'ebs-encryption');
    if (parts.accessAnalyzer === 'create') new AwsAccessAnalyzer(this, 'access-analyzer', { name: props.namePrefix });
    if (parts.guardDuty === 'create') new AwsGuardDuty(this, 'guardduty');
    if (parts.config === 'create') {
      if (!props.configDelivery) throw new Error('a Config recorder needs its delivery (configDelivery)');
      this.recorder = new AwsConfigRecorder(this, 'config', {
        name: props.namePrefix,
        ...props.configDelivery,
        includeGlobalResourceTypes: props.primary,
      });
    }
    if (parts.securityHub === 'create')
      new AwsSecurityHub(this, 'security-hub', {
        region: props.region,
        after: this.recorder ? [this.recorder.status] : [],
      });
  }
}
