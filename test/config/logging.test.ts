import { BASELINE_OWNED_ELSEWHERE, configProblems, frozenConfig, type ConfigInput } from '../helpers/config-fixture';

function problems(edit: (env: ConfigInput, config: ConfigInput) => void): string[] {
  const config = frozenConfig();
  edit(config.environments.prod, config);
  return configProblems(config);
}

describe('logging, alerts and link objectives config', () => {
  test('audit logs are kept at least a year, in values both log services accept', () => {
    expect(problems((env) => (env.logging.auditRetentionDays = 180))).toEqual([
      'environments.prod.logging.auditRetentionDays: must be one of 365, 400, 545: audit logs are kept at least a year, in values both CloudWatch Logs and Log Analytics accept',
    ]);
  });

  test('archives outlive audit retention, audit outlives operational, and immutability names a mode', () => {
    expect(
      problems((env) => {
        env.logging.retentionDays = 545;
        env.logging.auditRetentionDays = 365;
        env.logging.archiveDays = 300;
        env.logging.immutability = 'locked';
      }),
    ).toEqual([
      expect.stringMatching(/^environments\.prod\.logging\.archiveDays: must be 365-730, or whole years: 1095, /),
      expect.stringMatching(/^environments\.prod\.logging\.immutability: /),
    ]);
    expect(
      problems((env) => {
        env.logging.retentionDays = 545;
        env.logging.auditRetentionDays = 400;
      }),
    ).toEqual([
      'environments.prod.logging.auditRetentionDays: must be at least retentionDays (545): audit logs outlive operational ones',
    ]);
  });

  test('lineage tags must fit both clouds’ tag rules', () => {
    expect(problems((env) => (env.logging.lineageTags = { 'bad<key': 'x' }))).toEqual([
      expect.stringMatching(/^environments\.prod\.logging\.lineageTags/),
    ]);
  });

  test('link alarm delays are ones both clouds can evaluate', () => {
    expect(problems((env) => (env.link.objectives = { minTunnelsUp: 1, alarmAfterMinutes: 10 }))).toEqual([
      'environments.prod.link.objectives.alarmAfterMinutes: must be one of 5, 15, 30, 60: CloudWatch counts 5-minute periods, and Azure metric alerts take these windows',
    ]);
    expect(problems((env) => (env.link.objectives = { minTunnelsUp: 3 }))).toEqual([
      'environments.prod.link.objectives.minTunnelsUp: must be 1 or 2 (each connection has 2 tunnels)',
    ]);
  });

  test('alarms need someone to tell', () => {
    expect(problems((env) => (env.alerts.emails = []))).toEqual([
      'environments.prod.alerts.emails: must name at least one address: alarms nobody reads are not monitoring',
    ]);
  });

  test('one environment per subscription exports the Activity Log and declares the baseline, one per account creates the trail', () => {
    expect(
      problems((env, config) => {
        env.azure.subscriptionId = config.environments.dev.azure.subscriptionId;
        env.aws.accountId = config.environments.dev.aws.accountId;
        env.aws.serviceLinkedRoles = 'existing';
        env.aws.baseline = BASELINE_OWNED_ELSEWHERE;
        env.kubernetes.admins.awsPrincipalArns = config.environments.dev.kubernetes.admins.awsPrincipalArns;
      }),
    ).toEqual([
      'environments.prod.aws.cloudTrail: must be "existing": environment dev creates the trail of account 111111111111, and one multi-region trail records the whole account',
      'environments.prod.azure.activityLog: must be "existing": environment dev creates the Activity Log setting of subscription 00000000-0000-0000-0000-000000000001, and a subscription exports its Activity Log once',
      'environments.prod.azure.baseline.defenderPlans: must be "existing": environment dev creates the Defender for Cloud plans of subscription 00000000-0000-0000-0000-000000000001, and a subscription has one pricing per plan',
      'environments.prod.azure.baseline.activityLogAlerts: must be "existing": environment dev creates the CIS Activity Log alerts of subscription 00000000-0000-0000-0000-000000000001, and each alert watches the whole subscription, so a second set would only repeat every email',
    ]);
  });
});
