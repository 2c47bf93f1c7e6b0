/**
 * An account's (or subscription's) security baseline: each part is created by the platform or
 * owned by someone else, usually a landing zone. Pure types.
 */

/** Create the part here, or leave it to its owner (the platform then declares nothing for it). */
export type Ownership = 'create' | 'existing';

/** The parts of an AWS account's baseline (config `aws.baseline`). */
export interface AwsBaselineSpec {
  readonly s3BlockPublicAccess: Ownership;
  readonly ebsEncryptionByDefault: Ownership;
  readonly accessAnalyzer: Ownership;
  readonly guardDuty: Ownership;
  readonly config: Ownership;
  readonly securityHub: Ownership;
}
