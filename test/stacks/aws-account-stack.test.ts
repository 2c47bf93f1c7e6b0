import { policyStatements } from '../../constructs/shared/stack-json';
import { parsePlatformConfig } from '../../config/load';
import { capacityPathsConfig } from '../helpers/gpu-fixture';
import { BASELINE_OWNED_ELSEWHERE, frozenConfig } from '../helpers/config-fixture';
import { resourcesOf, sharedOutput } from '../helpers/shared-synth';
import { synthesize } from '../helpers/synth';

describe('AWS account stack (frozen fixture config)', () => {
  const { stacks } = sharedOutput('frozen');

  test('each environment creates its account-global resources in one stack, in the primary region', () => {
    const account = stacks.get('prod-aws-account')!;
    expect(account.provider!.aws).toEqual([
      expect.objectContaining({ region: 'us-east-1', allowed_account_ids: ['222222222222'] }),
    ]);
    // The fixture creates the service-linked roles (config aws.serviceLinkedRoles: "create").
    expect(Object.values(resourcesOf(account, 'aws_iam_service_linked_role'))).toEqual([
      expect.objectContaining({ aws_service_name: 'autoscaling.amazonaws.com' }),
      expect.objectContaining({ aws_service_name: 'config.amazonaws.com' }),
    ]);
    for (const region of ['us-east-1', 'eu-west-1']) {
      expect(Object.keys(resourcesOf(stacks.get(`prod-aws-dist-${region}`)!, 'aws_iam_service_linked_role'))).toEqual(
        [],
      );
    }
  });

  test('every region stack names the role in its volume key policy through the account stack', () => {
    for (const region of ['us-east-1', 'eu-west-1']) {
      const dist = stacks.get(`prod-aws-dist-${region}`)!;
      const [volumeKey] = Object.entries(resourcesOf(dist, 'aws_kms_key')).filter(([id]) => id.includes('volume-key'));
      const principals = policyStatements(dist, volumeKey[1].policy)!.map((s) => s.principals.AWS[0]);
      expect(principals.slice(1)).toEqual([
        expect.stringContaining('data.terraform_remote_state.cross-stack-reference-input-prod-aws-account.outputs'),
        expect.stringContaining('data.terraform_remote_state.cross-stack-reference-input-prod-aws-account.outputs'),
      ]);
    }
  });

  test('an account whose roles exist already looks them up instead, and the plan fails if one is missing', () => {
    const config = capacityPathsConfig();
    config.environments.prod.aws.serviceLinkedRoles = 'existing';
    const account = synthesize(config).stacks.get('prod-aws-account')!;
    expect(resourcesOf(account, 'aws_iam_service_linked_role')).toEqual({});
    expect(Object.values(account.data!.aws_iam_role)).toEqual([
      expect.objectContaining({ name: 'AWSServiceRoleForAutoScaling' }),
      expect.objectContaining({ name: 'AWSServiceRoleForConfig' }),
    ]);
  });

  test('by default the platform owns no service-linked role: it looks each up', () => {
    const input = frozenConfig();
    delete input.environments.dev;
    delete input.environments.prod.aws.serviceLinkedRoles;
    const config = parsePlatformConfig(input);
    expect(config.environments.prod.aws.serviceLinkedRoles).toBe('existing');
    const { stacks: synthesized } = synthesize(config);
    for (const [, stack] of synthesized) expect(resourcesOf(stack, 'aws_iam_service_linked_role')).toEqual({});
    const account = synthesized.get('prod-aws-account')!;
    expect(Object.values(account.data!.aws_iam_role).map((r) => r.name)).toEqual([
      'AWSServiceRoleForAutoScaling',
      'AWSServiceRoleForConfig',
    ]);
    // A stack that created them under the old default forgets them instead of destroying them:
    // the removed blocks name exactly the addresses `create` gives them.
    const created = Object.keys(resourcesOf(stacks.get('prod-aws-account')!, 'aws_iam_service_linked_role'));
    expect(created).toHaveLength(2);
    expect((account as unknown as { removed: unknown }).removed).toEqual(
      created.map((id) => ({ from: `aws_iam_service_linked_role.${id}`, lifecycle: { destroy: false } })),
    );
  });

  test('two environments in one account cannot both create the roles', () => {
    const config = frozenConfig();
    config.environments.dev.aws.accountId = config.environments.prod.aws.accountId;
    expect(() => parsePlatformConfig(config)).toThrow(
      'environments.prod.aws.serviceLinkedRoles: must be "existing": environment dev creates the service-linked roles of account 222222222222',
    );
    config.environments.prod.aws.serviceLinkedRoles = 'existing';
    // The trail and the baseline are the account's too: one environment creates them.
    config.environments.prod.aws.cloudTrail = 'existing';
    config.environments.prod.aws.baseline = BASELINE_OWNED_ELSEWHERE;
    expect(() => parsePlatformConfig(config)).not.toThrow();
  });
});
