import { SecurityhubAccount } from '@cdktf/provider-aws/lib/securityhub-account';
import { SecurityhubStandardsSubscription } from '@cdktf/provider-aws/lib/securityhub-standards-subscription';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/** The standards the platform subscribes to, by the path of their ARN after `standards/`. */
export const SECURITY_HUB_STANDARDS = {
  fsbp: 'aws-foundational-security-best-practices/v/1.0.0',
  cis: 'cis-aws-foundations-benchmark/v/3.0.0',
} as const;

/** The ARN of a Security Hub standard in a region. */
export function securityHubStandardArn(region: string, standard: keyof typeof SECURITY_HUB_STANDARDS): string {
  return `arn:aws:securityhub:${region}::standards/${SECURITY_HUB_STANDARDS[standard]}`;
}

/** Props of {@link AwsSecurityHub}. */
export interface AwsSecurityHubProps {
  /** The provider's region: standards ARNs are regional. */
  readonly region: string;
  /**
   * What must run before the standards are subscribed: the region's Config recorder, turned on.
   * Security Hub evaluates most controls of both standards through AWS Config rules; without a
   * recorder they fail with "AWS Config is not enabled". Default: none (a recorder someone else owns).
   */
  readonly after?: readonly ITerraformDependable[];
}

/**
 * Security Hub in the provider's region, with AWS Foundational Security Best Practices v1.0.0 and
 * CIS AWS Foundations Benchmark v3.0.0. Default standards off (AWS would otherwise subscribe to
 * FSBP and CIS 1.2 outside Terraform), consolidated control findings, new controls enabled as
 * AWS adds them. AWS creates the service-linked role `AWSServiceRoleForSecurityHub` itself.
 * Kept from destroy: disabling Security Hub deletes its findings.
 */
export class AwsSecurityHub extends Construct {
  readonly account: SecurityhubAccount;
  readonly standards: readonly SecurityhubStandardsSubscription[];

  constructor(scope: Construct, id: string, props: AwsSecurityHubProps) {
    super(scope, id);
    this.account = new SecurityhubAccount(this, 'account', {
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
      lifecycle: { preventDestroy: true },
    });
    this.standards = (Object.keys(SECURITY_HUB_STANDARDS) as (keyof typeof SECURITY_HUB_STANDARDS)[]).map(
      (standard) =>
        new SecurityhubStandardsSubscription(this, standard, {
          standardsArn: securityHubStandardArn(props.region, standard),
          dependsOn: [this.account, ...(props.after ?? [])],
        }),
    );
  }
}
