import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App, Aspects, TerraformStack } from 'cdktf';
import {
  PolicyGate,
  POLICY_RESULTS_FILE,
  STRICT_POLICY,
  type PolicySettings,
  type PolicyResultsFile,
} from '../../../../constructs/checks/policy/gate';
import { suppressPolicyRule } from '../../../../constructs/checks/policy/suppressions';
import { RawResource, type FixtureResource } from './fixture';

/** A log group without a KMS key: GPUP-AWS-LOG-1 fires on it, and nothing else does. */
const UNENCRYPTED_LOGS: FixtureResource = [
  'aws_cloudwatch_log_group',
  'logs',
  { retention_in_days: 365, lifecycle: { prevent_destroy: true } },
];
const LOGS_PATH = 'gated/logs';

/** Synthesizes one gated stack through the real App, as `cdktf synth` does. */
function synth(
  settings: PolicySettings,
  build: (stack: TerraformStack) => void = (stack) => new RawResource(stack, ...tail(UNENCRYPTED_LOGS)),
): { error?: string; results?: PolicyResultsFile } {
  const outdir = mkdtempSync(path.join(tmpdir(), 'gpu-platform-gate-'));
  try {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'gated');
    Aspects.of(stack).add(new PolicyGate(settings));
    build(stack);
    let error: string | undefined;
    try {
      app.synth();
    } catch (e) {
      error = (e as Error).message;
    }
    const results = JSON.parse(
      readFileSync(path.join(outdir, 'stacks', 'gated', POLICY_RESULTS_FILE), 'utf8'),
    ) as PolicyResultsFile;
    return { error, results };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function tail([type, id, attributes]: FixtureResource): [string, string, Record<string, unknown>] {
  return [id, type, attributes];
}

describe('the policy gate at synth', () => {
  test('an error fails the synth with the rule, the resource path and the fix', () => {
    const { error } = synth(STRICT_POLICY);
    expect(error).toContain('[GPUP-AWS-LOG-1]');
    expect(error).toContain(LOGS_PATH);
    expect(error).toContain('Fix: set kms_key_id');
  });

  test('a compliant stack synthesizes, and the results file records no finding', () => {
    const { error, results } = synth(STRICT_POLICY, (stack) => {
      new RawResource(stack, 'key', 'aws_kms_key', {
        enable_key_rotation: true,
        deletion_window_in_days: 30,
        lifecycle: { prevent_destroy: true },
      });
      new RawResource(stack, 'logs', 'aws_cloudwatch_log_group', {
        kms_key_id: '${aws_kms_key.key.arn}',
        retention_in_days: 365,
        lifecycle: { prevent_destroy: true },
      });
    });
    expect(error).toBeUndefined();
    expect(results!.evaluation.results).toEqual([]);
  });

  test('a warning is reported but does not fail the synth', () => {
    const { error, results } = synth(STRICT_POLICY, (stack) => {
      new RawResource(stack, 'store', 'azurerm_storage_account', { lifecycle: { prevent_destroy: true } });
    });
    expect(results!.evaluation.results.filter((r) => r.status === 'warning').map((r) => r.rule)).toContain(
      'GPUP-AZ-ST-6',
    );
    expect(error).not.toContain('GPUP-AZ-ST-6');
  });
});

describe('suppressions', () => {
  const configSuppression = (reason: string, resource = LOGS_PATH) => ({
    ...STRICT_POLICY,
    suppressions: [{ rule: 'GPUP-AWS-LOG-1', resource, reason }],
  });

  test('from config, with a reason: the synth passes and the report shows the suppression and its reason', () => {
    const { error, results } = synth(configSuppression('These logs hold only public data, encrypted at rest by AWS'));
    expect(error).toBeUndefined();
    expect(results!.evaluation.results).toEqual([
      expect.objectContaining({
        rule: 'GPUP-AWS-LOG-1',
        path: LOGS_PATH,
        status: 'suppressed',
        suppression: expect.objectContaining({ source: 'config', reason: expect.stringContaining('public data') }),
      }),
    ]);
  });

  test('from the construct, with a reason: the synth passes', () => {
    const { error, results } = synth(STRICT_POLICY, (stack) => {
      const logs = new RawResource(stack, ...tail(UNENCRYPTED_LOGS));
      suppressPolicyRule(logs, 'GPUP-AWS-LOG-1', 'These logs hold only public data, encrypted at rest by AWS');
    });
    expect(error).toBeUndefined();
    expect(results!.evaluation.results[0].suppression?.source).toBe('construct');
  });

  test('without a reason: itself an error, and the finding stays an error', () => {
    const { error } = synth(STRICT_POLICY, (stack) => {
      const logs = new RawResource(stack, ...tail(UNENCRYPTED_LOGS));
      suppressPolicyRule(logs, 'GPUP-AWS-LOG-1', 'because');
    });
    expect(error).toContain('needs a reason of at least 10 characters');
    expect(error).toContain('[GPUP-AWS-LOG-1]');
  });

  test('matching nothing: an error that says to remove it', () => {
    const { error } = synth(configSuppression('A suppression for a resource that is not there', 'gated/elsewhere'));
    expect(error).toContain('matches no finding: remove it');
  });

  test('of a rule that is not in the pack: an error', () => {
    const { error } = synth({
      ...STRICT_POLICY,
      suppressions: [{ rule: 'GPUP-NOPE-1', resource: LOGS_PATH, reason: 'A rule id with a typo in it' }],
    });
    expect(error).toContain('GPUP-NOPE-1, which is no rule of the pack');
  });
});
