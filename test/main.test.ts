import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parsePlatformConfig, selectEnvironments } from '../config/load';
import { expectedStackNames } from '../stacks/platform';
import { configWithFourProblems, frozenConfig } from './helpers/config-fixture';

const root = path.join(__dirname, '..');

/** Runs the app as `cdktf synth` does, with a config file and an output directory of its own. */
function runApp(config: unknown, env: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gpu-platform-main-'));
  const configFile = path.join(dir, 'platform.json');
  const outdir = path.join(dir, 'cdktf.out');
  writeFileSync(configFile, JSON.stringify(config));
  // A previous good run's output must not survive a failed one.
  mkdirSync(path.join(outdir, 'stacks', 'stale'), { recursive: true });
  const result = spawnSync(process.execPath, ['tools/app.js'], {
    cwd: root,
    env: { ...process.env, PLATFORM_CONFIG: configFile, CDKTF_OUTDIR: outdir, ...env },
    encoding: 'utf8',
  });
  return { ...result, outdir };
}

/** A suppression in dev that no finding needs: the rule never fires on the model store account. */
function addUnusedSuppression(config: ReturnType<typeof frozenConfig>): void {
  config.environments.dev.policy.suppressions.push({
    rule: 'GPUP-AZ-ST-1',
    stack: 'host',
    resource: 'model-store/account',
    reason: 'A suppression the rule never needed',
  });
}

describe('main', () => {
  test('a bad config names every problem, exits non-zero and leaves no output', () => {
    const config = configWithFourProblems();

    const { status, stderr, outdir } = runApp(config);

    expect(status).toBe(1);
    expect(stderr).toMatch(/Invalid platform config .*platform\.json: 4 problems/);
    expect(stderr).toContain('environments.prod.azure.regions[0].cidr: overlaps environments.prod.aws.regions[0].cidr');
    expect(stderr).toContain('environments.prod.gpuPools[2].gpuModel: is not in the GPU catalog');
    expect(stderr).toContain('environments.prod.gpuPools[1].nodes.min: must be <= max (8)');
    expect(stderr).toContain(
      'environments.prod.stateBackend.storageAccountName: must be 3-24 lowercase letters and digits',
    );
    expect(existsSync(outdir)).toBe(false);
  });

  test('policy errors, an unused suppression, a change to a locked archive and a budget exceeded: all reported in one run, exit 1, no output', () => {
    const config = frozenConfig();
    // Dev keeps its logs 30 days: a floor of a year makes every dev log destination an error.
    config.environments.dev.policy.minimumLogRetentionDays = 365;
    addUnusedSuppression(config);
    config.environments.prod.azure.auditArchive = {
      locks: [
        {
          region: 'eastus2',
          lockedOn: '2027-01-15',
          account: {
            name: 'gpuplatprodeastus2audit',
            account_replication_type: 'GZRS',
            immutability_period_days: 3650,
          },
        },
      ],
    };
    // Prod's AWS pools reach 88 GPUs at max (serve 64 in us-east-1, infer 12 in each region): serve alone tips it.
    config.environments.prod.budget = { aws: { maxGpus: 80 } };

    // The cdktf CLI always runs the app told to continue past error annotations: the app stops anyway.
    const { status, stderr, outdir } = runApp(config, { CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true' });

    expect(status).toBe(1);
    expect(stderr).toMatch(/^Synth found \d+ errors/);
    expect(stderr).toMatch(/\[dev-aws-dist-us-east-1\/\S+\] \[GPUP-AWS-LOG-1\]/);
    expect(stderr).toMatch(/\n\nInvalid platform config \S+platform\.json: 3 problems\n/);
    expect(stderr).toContain(
      "  - environments.dev.policy.suppressions[1]: matches no finding of GPUP-AZ-ST-1 on model-store/account in dev's host stacks",
    );
    expect(stderr).toContain(
      '  - environments.prod.azure.auditArchive.locks[0]: this config would replace or change locked archive gpuplatprodeastus2audit (locked 2027-01-15): immutability_period_days 3650 -> 2556 (a locked policy can only be extended)',
    );
    expect(stderr).toContain(
      "  - environments.prod.budget.aws.maxGpus: the plan's GPUs at max on aws in prod are 88, over the budget of 80 by 8; the pool and region that add the most: serve in us-east-1 (aws, environments.prod.gpuPools[1]), with 64\n",
    );
    expect(existsSync(outdir)).toBe(false);
  });

  test('only npm run policy keeps such output, marked so that Terraform refuses it', () => {
    const config = frozenConfig();
    config.environments.dev.policy.minimumLogRetentionDays = 365;

    // Dev alone, where the errors are: the app builds only the environments PLATFORM_ENVS names.
    const { status, outdir } = runApp(config, {
      CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true',
      GPU_PLATFORM_REPORT_ONLY: '1',
      PLATFORM_ENVS: 'dev',
    });

    expect(status).toBe(0);
    // Every stack of the environment built is written and marked; the earlier run's stale stack is gone.
    const expected = expectedStackNames(selectEnvironments(parsePlatformConfig(config), 'dev', 'test'));
    expect(readdirSync(path.join(outdir, 'stacks')).sort()).toEqual([...expected].sort());
    for (const name of expected) {
      const stack = JSON.parse(readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
      expect(Object.keys(stack).at(-1)).toBe('report_only_not_deployable');
    }
  });

  test('npm run policy reports an unused suppression itself: the app leaves it the output to report on', () => {
    const config = frozenConfig();
    addUnusedSuppression(config);

    const { status, stderr, outdir } = runApp(config, { GPU_PLATFORM_REPORT_ONLY: '1', PLATFORM_ENVS: 'dev' });

    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const stack = JSON.parse(readFileSync(path.join(outdir, 'stacks', 'dev-link', 'cdk.tf.json'), 'utf8'));
    expect(stack).not.toHaveProperty('report_only_not_deployable');
  });
});
