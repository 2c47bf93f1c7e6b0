/**
 * The AWS account security baseline (config `aws.baseline`), on the frozen fixture: prod has two
 * AWS regions in one account, us-east-1 primary.
 */
import { parsePlatformConfig } from '../../config/load';
import { AWS_BASELINE_PARTS } from '../../config/schema';
import { policyStatements, resourcesOfType, type StackJson } from '../../constructs/shared/stack-json';
import { BASELINE_OWNED_ELSEWHERE, configProblems, frozenConfig } from '../helpers/config-fixture';
import { resourcesOf, sharedOutput } from '../helpers/shared-synth';
import { synthesize } from '../helpers/synth';

const ACCOUNT = 'prod-aws-account';
const REGIONS = ['us-east-1', 'eu-west-1'];
const dist = (stacks: ReadonlyMap<string, StackJson>, region: string) => stacks.get(`prod-aws-dist-${region}`)!;
const only = (stack: StackJson, type: string) => {
  const found = resourcesOfType(stack, type);
  expect(found).toHaveLength(1);
  return found[0];
};
const fromAccountStack = expect.stringMatching(
  /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-prod-aws-account\.outputs\./,
);

/** Every Terraform type the baseline declares. */
const BASELINE_TYPES = [
  'aws_s3_account_public_access_block',
  'aws_ebs_encryption_by_default',
  'aws_accessanalyzer_analyzer',
  'aws_guardduty_detector',
  'aws_guardduty_detector_feature',
  'aws_config_configuration_recorder',
  'aws_config_delivery_channel',
  'aws_config_configuration_recorder_status',
  'aws_securityhub_account',
  'aws_securityhub_standards_subscription',
];

describe('AWS account baseline (frozen fixture)', () => {
  const { stacks } = sharedOutput('frozen');

  test('S3 Block Public Access is set once, account-wide, with all four settings, in the account stack', () => {
    const block = only(stacks.get(ACCOUNT)!, 'aws_s3_account_public_access_block');
    expect(block.attributes).toMatchObject({
      account_id: '222222222222',
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    for (const region of REGIONS)
      expect(resourcesOf(dist(stacks, region), 'aws_s3_account_public_access_block')).toEqual({});
  });

  test.each(REGIONS)('%s: EBS encryption by default, with the AWS managed default key', (region) => {
    const stack = dist(stacks, region);
    expect(only(stack, 'aws_ebs_encryption_by_default').attributes.enabled).toBe(true);
    // The default key is a stated decision: aws/ebs, not a platform key (docs/security-baseline.md).
    expect(resourcesOf(stack, 'aws_ebs_default_kms_key')).toEqual({});
  });

  test.each(REGIONS)('%s: an account Access Analyzer of its own name', (region) => {
    expect(only(dist(stacks, region), 'aws_accessanalyzer_analyzer').attributes).toMatchObject({
      analyzer_name: `gpuplat-prod-${region}`,
      type: 'ACCOUNT',
    });
  });

  test.each(REGIONS)('%s: GuardDuty with EKS audit logs and Runtime Monitoring managing the EKS add-on', (region) => {
    const stack = dist(stacks, region);
    const detector = only(stack, 'aws_guardduty_detector');
    expect(detector.attributes).toMatchObject({
      enable: true,
      finding_publishing_frequency: 'FIFTEEN_MINUTES',
      lifecycle: { prevent_destroy: true },
    });
    expect(detector.attributes.datasources).toBeUndefined();
    const features = resourcesOfType(stack, 'aws_guardduty_detector_feature').map((f) => f.attributes);
    for (const f of features) expect(f.detector_id).toBe(`\${${detector.address}.id}`);
    expect(
      features.map(({ name, status, additional_configuration }) => ({ name, status, additional_configuration })),
    ).toEqual([
      { name: 'EKS_AUDIT_LOGS', status: 'ENABLED', additional_configuration: undefined },
      {
        name: 'RUNTIME_MONITORING',
        status: 'ENABLED',
        additional_configuration: [{ name: 'EKS_ADDON_MANAGEMENT', status: 'ENABLED' }],
      },
    ]);
    // The API refuses the legacy feature beside RUNTIME_MONITORING.
    expect(features.map((f) => f.name)).not.toContain('EKS_RUNTIME_MONITORING');
  });

  test.each(REGIONS)(
    '%s: a Config recorder delivers into the account bucket, recorder, channel, status in order',
    (region) => {
      const stack = dist(stacks, region);
      const recorder = only(stack, 'aws_config_configuration_recorder');
      const channel = only(stack, 'aws_config_delivery_channel');
      const status = only(stack, 'aws_config_configuration_recorder_status');
      expect(recorder.attributes.role_arn).toEqual(fromAccountStack);
      expect(recorder.attributes.recording_group).toEqual({
        all_supported: true,
        // Global resource types (IAM) in the primary region only.
        include_global_resource_types: region === 'us-east-1',
      });
      expect(channel.attributes).toMatchObject({
        s3_bucket_name: fromAccountStack,
        s3_kms_key_arn: fromAccountStack,
        snapshot_delivery_properties: { delivery_frequency: 'TwentyFour_Hours' },
        depends_on: [recorder.address],
      });
      expect(status.attributes).toMatchObject({
        name: `\${${recorder.address}.name}`,
        is_enabled: true,
        depends_on: [channel.address],
      });
    },
  );

  test.each(REGIONS)('%s: Security Hub subscribes to FSBP and CIS 3.0 after the recorder is on', (region) => {
    const stack = dist(stacks, region);
    const account = only(stack, 'aws_securityhub_account');
    expect(account.attributes).toMatchObject({
      enable_default_standards: false,
      control_finding_generator: 'SECURITY_CONTROL',
      lifecycle: { prevent_destroy: true },
    });
    const status = only(stack, 'aws_config_configuration_recorder_status');
    const standards = resourcesOfType(stack, 'aws_securityhub_standards_subscription');
    expect(standards.map((s) => s.attributes.standards_arn).sort()).toEqual([
      `arn:aws:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
      `arn:aws:securityhub:${region}::standards/cis-aws-foundations-benchmark/v/3.0.0`,
    ]);
    for (const s of standards) expect(s.attributes.depends_on).toEqual([account.address, status.address]);
  });

  test('the Config bucket admits Config of this account only, and the log key lets its role encrypt', () => {
    const account = stacks.get(ACCOUNT)!;
    const buckets = resourcesOfType(account, 'aws_s3_bucket').map((b) => b.attributes.bucket);
    expect(buckets).toEqual(expect.arrayContaining(['gpuplat-prod-config-222222222222']));
    const policy = resourcesOfType(account, 'aws_s3_bucket_policy').find((p) =>
      p.id.startsWith('config-bucket_policy_'),
    )!;
    const statements = policyStatements(account, policy.attributes.policy)!;
    const delivery = statements.find((s) => s.sid === 'ConfigDeliversThisAccountsItems')!;
    expect(delivery.principals).toEqual({ Service: ['config.amazonaws.com'] });
    expect(delivery.resources).toEqual([expect.stringMatching(/\/AWSLogs\/222222222222\/Config\/\*$/)]);
    expect(delivery.conditions).toEqual(
      expect.arrayContaining([{ test: 'StringEquals', variable: 'AWS:SourceAccount', values: ['222222222222'] }]),
    );
    const logKey = resourcesOfType(account, 'aws_kms_key').find((k) => k.id.startsWith('log-key'))!;
    const configStatement = policyStatements(account, logKey.attributes.policy)!.find(
      (s) => s.sid === 'ConfigEncryptsWhatItDelivers',
    )!;
    // The service-linked role has no KMS access: Config delivers as its service principal, for this account.
    expect(configStatement.principals).toEqual({ Service: ['config.amazonaws.com'] });
    expect(configStatement.conditions).toEqual([
      { test: 'StringEquals', variable: 'AWS:SourceAccount', values: ['222222222222'] },
    ]);
    // The channel's key is the bucket's key: Config requires it in the bucket's region.
    const channelKey = String(only(dist(stacks, 'eu-west-1'), 'aws_config_delivery_channel').attributes.s3_kms_key_arn);
    expect(channelKey).toMatch(/log-key/);
  });
});

describe('AWS account baseline owned elsewhere', () => {
  test('every part "existing" declares none of it, nor the Config bucket and role', () => {
    const input = frozenConfig();
    for (const env of Object.values(input.environments) as { aws: Record<string, unknown> }[])
      env.aws.baseline = BASELINE_OWNED_ELSEWHERE;
    const { stacks } = synthesize(parsePlatformConfig(input));
    for (const [name, stack] of stacks) {
      for (const type of BASELINE_TYPES)
        expect({ name, type, found: resourcesOf(stack, type) }).toEqual({ name, type, found: {} });
      const configRoles = Object.values(resourcesOf(stack, 'aws_iam_service_linked_role')).filter(
        (r) => r.aws_service_name === 'config.amazonaws.com',
      );
      expect(configRoles).toEqual([]);
      expect(resourcesOfType(stack, 'aws_s3_bucket').map((b) => String(b.attributes.bucket))).not.toContainEqual(
        expect.stringContaining('-config-'),
      );
    }
  });

  test('Security Hub created beside a recorder owned elsewhere waits only for its own account', () => {
    const input = frozenConfig();
    delete input.environments.dev;
    input.environments.prod.aws.baseline = { config: 'existing' };
    const { stacks } = synthesize(parsePlatformConfig(input));
    const stack = dist(stacks, 'us-east-1');
    expect(resourcesOf(stack, 'aws_config_configuration_recorder')).toEqual({});
    const account = only(stack, 'aws_securityhub_account');
    for (const s of resourcesOfType(stack, 'aws_securityhub_standards_subscription'))
      expect(s.attributes.depends_on).toEqual([account.address]);
    expect(only(stack, 'aws_guardduty_detector').attributes.enable).toBe(true);
  });

  test('two environments in one account and region cannot both create a regional part', () => {
    const input = frozenConfig();
    input.environments.dev.aws.accountId = input.environments.prod.aws.accountId;
    input.environments.dev.kubernetes.admins.awsPrincipalArns =
      input.environments.prod.kubernetes.admins.awsPrincipalArns;
    input.environments.prod.aws.serviceLinkedRoles = 'existing';
    input.environments.prod.aws.cloudTrail = 'existing';
    input.environments.prod.aws.baseline = { ...BASELINE_OWNED_ELSEWHERE, guardDuty: 'create' };
    expect(configProblems(input)).toEqual([
      'environments.prod.aws.baseline.guardDuty: must be "existing": environment dev creates the GuardDuty detector of account 222222222222 in us-east-1, and an account has one per region',
    ]);
  });

  test('every part is listed, documented and defaults to create', () => {
    const config = parsePlatformConfig(frozenConfig());
    expect(Object.keys(config.environments.prod.aws.baseline).sort()).toEqual([...AWS_BASELINE_PARTS].sort());
    for (const part of AWS_BASELINE_PARTS) expect(config.environments.prod.aws.baseline[part]).toBe('create');
  });
});
