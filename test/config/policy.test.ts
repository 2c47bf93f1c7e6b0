import { ConfigError, parsePlatformConfig } from '../../config/load';
import { frozenConfig } from '../helpers/config-fixture';
import { build } from '../helpers/synth';

const withSuppression = (suppression: Record<string, unknown>) => {
  const input = frozenConfig();
  input.environments.dev.policy.suppressions = [suppression];
  return input;
};

const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
};

describe('policy suppressions in config', () => {
  test('a reason shorter than 10 characters is a config error at its path', () => {
    const input = withSuppression({
      rule: 'GPUP-AWS-EKS-2',
      resource: 'dev-aws-dist-us-east-1/eks/cluster',
      reason: 'dev',
    });
    expect(problemsOf(() => parsePlatformConfig(input))).toEqual([
      expect.stringMatching(/^environments\.dev\.policy\.suppressions\[0\]\.reason: must give a reason of at least 10/),
    ]);
  });

  test("a resource of another environment's stack is a config error", () => {
    const input = withSuppression({
      rule: 'GPUP-AWS-EKS-2',
      resource: 'prod-aws-dist-us-east-1/eks/cluster',
      reason: 'Suppressed from the wrong environment',
    });
    expect(problemsOf(() => parsePlatformConfig(input))).toEqual([
      expect.stringMatching(/suppressions\[0\]\.resource: must name a resource of environment dev/),
    ]);
  });

  test('a stack the environment does not have is a config error when the platform is built', () => {
    const config = parsePlatformConfig(
      withSuppression({
        rule: 'GPUP-AWS-EKS-2',
        resource: 'dev-aws-dist-eu-west-9/eks/cluster',
        reason: 'A region this environment does not have',
      }),
    );
    expect(problemsOf(() => build(config))).toEqual([
      expect.stringMatching(
        /suppressions\[0\]\.resource: names stack dev-aws-dist-eu-west-9, which environment dev does not have/,
      ),
    ]);
  });
});
