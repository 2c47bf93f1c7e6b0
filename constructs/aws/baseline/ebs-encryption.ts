import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import { Construct } from 'constructs';

/**
 * EBS encryption by default in the provider's region (FSBP EC2.7, CIS AWS 2.2.1): every new
 * volume and snapshot copy is encrypted, whoever creates it. The default key stays the AWS
 * managed `aws/ebs`: the platform's node volumes name their own customer-managed key in the
 * launch template, and a customer-managed default would make every other volume of the account
 * (other teams, the EBS CSI driver without a key) depend on grants on a platform key. Regional,
 * so each region stack declares it. Destroying it turns the default off for the region.
 */
export class AwsEbsEncryptionByDefault extends Construct {
  readonly setting: EbsEncryptionByDefault;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.setting = new EbsEncryptionByDefault(this, 'setting', { enabled: true });
  }
}
