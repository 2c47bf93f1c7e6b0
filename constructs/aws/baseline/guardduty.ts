import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { GuarddutyDetectorFeature } from '@cdktf/provider-aws/lib/guardduty-detector-feature';
import { Construct } from 'constructs';

/**
 * The GuardDuty detector features for EKS: Kubernetes audit-log analysis, and Runtime Monitoring
 * with GuardDuty managing its agent as an EKS add-on on every cluster of the region. The API
 * refuses `EKS_RUNTIME_MONITORING` (the legacy name) beside `RUNTIME_MONITORING`, and FSBP
 * GuardDuty.11 checks the latter.
 */
export const GUARDDUTY_EKS_FEATURES = [
  { name: 'EKS_AUDIT_LOGS' },
  { name: 'RUNTIME_MONITORING', additionalConfiguration: [{ name: 'EKS_ADDON_MANAGEMENT', status: 'ENABLED' }] },
] as const;

/**
 * GuardDuty in the provider's region (FSBP GuardDuty.1), with EKS protection (GuardDuty.5,
 * GuardDuty.7, GuardDuty.11): findings every 15 minutes, so Security Hub and alarms see them
 * soon. AWS creates the service-linked role `AWSServiceRoleForAmazonGuardDuty` itself on the
 * first detector; with add-on management GuardDuty also creates a VPC endpoint and a security
 * group in each cluster's VPC, and installs `aws-guardduty-agent`, which Terraform does not own.
 * The detector is kept from destroy: deleting it deletes every finding.
 */
export class AwsGuardDuty extends Construct {
  readonly detector: GuarddutyDetector;
  readonly features: readonly GuarddutyDetectorFeature[];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.detector = new GuarddutyDetector(this, 'detector', {
      enable: true,
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      lifecycle: { preventDestroy: true },
    });
    this.features = GUARDDUTY_EKS_FEATURES.map(
      (feature) =>
        new GuarddutyDetectorFeature(this, feature.name.toLowerCase().replace(/_/g, '-'), {
          detectorId: this.detector.id,
          name: feature.name,
          status: 'ENABLED',
          additionalConfiguration:
            'additionalConfiguration' in feature ? feature.additionalConfiguration.map((c) => ({ ...c })) : undefined,
        }),
    );
  }
}
