import { parsePlatformConfig } from '../../config/load';
import { environmentSpec } from '../../config/specs';
import { unusedSuppressionProblems, usedConfigSuppressions } from '../../stacks/config-suppressions';
import { configProblems, frozenConfig } from '../helpers/config-fixture';

const withSuppression = (suppression: Record<string, unknown>) => {
  const input = frozenConfig();
  input.environments.dev.policy.suppressions = [structuredClone(suppression)];
  return input;
};

const EKS = {
  rule: 'GPUP-AWS-EKS-2',
  stack: 'distribution',
  resource: 'eks/cluster',
  reason: 'Office range only, for dev',
};

describe('policy suppressions in config', () => {
  test('a reason shorter than 10 characters is a config error at its path', () => {
    expect(configProblems(withSuppression({ ...EKS, reason: 'dev' }))).toEqual([
      expect.stringMatching(/^environments\.dev\.policy\.suppressions\[0\]\.reason: must give a reason of at least 10/),
    ]);
  });

  test('a resource named by its stack is refused, with the form that survives renames', () => {
    expect(configProblems(withSuppression({ ...EKS, resource: 'dev-aws-dist-us-east-1/eks/cluster' }))).toEqual([
      'environments.dev.policy.suppressions[0].resource: names a stack (dev-aws-dist-us-east-1), which a rename or a new region would leave behind: put the kind in "stack" and the path below the stack in "resource", for example { "stack": "distribution", "resource": "eks/cluster", "regions": ["us-east-1"] }',
    ]);
  });

  test('regions narrow distribution and host suppressions to regions the environment has', () => {
    expect(configProblems(withSuppression({ ...EKS, regions: ['us-east-1'] }))).toEqual([]);
    expect(configProblems(withSuppression({ ...EKS, regions: ['eu-west-9'] }))).toEqual([
      "environments.dev.policy.suppressions[0].regions[0]: is not a region of the environment's distribution stacks (us-east-1)",
    ]);
    expect(configProblems(withSuppression({ ...EKS, stack: 'account', regions: ['us-east-1'] }))).toEqual([
      'environments.dev.policy.suppressions[0].regions: narrows an account stack, which an environment has once: regions apply to distribution and host stacks',
    ]);
  });

  test('a suppression reaches every stack of its kind, addressed to that stack, unless narrowed to regions', () => {
    const input = withSuppression(EKS);
    input.environments.dev.aws.regions.push({
      region: 'us-west-2',
      cidr: '10.12.0.0/16',
      availabilityZones: ['usw2-az1', 'usw2-az2'],
    });
    const env = environmentSpec(parsePlatformConfig(input), 'dev', '2026-12-07');
    const reaches = (kind: 'distribution' | 'host', stack: string, region: string) =>
      env.policyFor(kind, stack, region).suppressions.map((s) => `${s.resource} ${s.configPath}`);
    expect(reaches('distribution', 'dev-aws-dist-us-west-2', 'us-west-2')).toEqual([
      'dev-aws-dist-us-west-2/eks/cluster environments.dev.policy.suppressions[0]',
    ]);
    expect(reaches('host', 'dev-azure-host-eastus2', 'eastus2')).toEqual([]);
    input.environments.dev.policy.suppressions[0].regions = ['us-east-1'];
    const narrowed = environmentSpec(parsePlatformConfig(input), 'dev', '2026-12-07');
    expect(narrowed.policyFor('distribution', 'dev-aws-dist-us-west-2', 'us-west-2').suppressions).toEqual([]);
  });

  test('one that no stack used is a problem at its path; one that some stack used is not', () => {
    const config = parsePlatformConfig(withSuppression(EKS));
    const evaluation = (configPath?: string) => ({
      results: configPath
        ? [
            {
              rule: EKS.rule,
              address: 'a',
              path: 'p',
              status: 'suppressed' as const,
              message: 'm',
              suppression: { ...EKS, source: 'config' as const, configPath },
            },
          ]
        : [],
      suppressionProblems: [],
      rulesRun: 1,
    });
    expect(unusedSuppressionProblems(config, usedConfigSuppressions([evaluation()]))).toEqual([
      {
        path: 'environments.dev.policy.suppressions[0]',
        message:
          "matches no finding of GPUP-AWS-EKS-2 on eks/cluster in dev's distribution stacks: the rule does not fire there (or no such stack exists); remove the suppression",
      },
    ]);
    expect(
      unusedSuppressionProblems(
        config,
        usedConfigSuppressions([evaluation(), evaluation('environments.dev.policy.suppressions[0]')]),
      ),
    ).toEqual([]);
  });
});
