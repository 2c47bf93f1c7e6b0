import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { Construct } from 'constructs';

/** Props of {@link AwsAccessAnalyzer}. */
export interface AwsAccessAnalyzerProps {
  /** Analyzer name, unique in the account and region: `<platform>-<environment>-<region>`. */
  readonly name: string;
}

/**
 * An IAM Access Analyzer of the account (CIS AWS 1.20) in the provider's region: it reports
 * resources of this region shared outside the account. Analyzers are regional; AWS creates the
 * service-linked role `AWSServiceRoleForAccessAnalyzer` itself on the first one.
 */
export class AwsAccessAnalyzer extends Construct {
  readonly analyzer: AccessanalyzerAnalyzer;

  constructor(scope: Construct, id: string, props: AwsAccessAnalyzerProps) {
    super(scope, id);
    this.analyzer = new AccessanalyzerAnalyzer(this, 'analyzer', { analyzerName: props.name, type: 'ACCOUNT' });
  }
}
