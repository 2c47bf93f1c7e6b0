import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parsePlatformConfig } from '../config/load';
import { expectedStackNames } from '../stacks/platform';
import { configWithFourProblems, shippedConfig } from './helpers/config-fixture';

const root = path.join(__dirname, '..');

/** Runs the app as `cdktf synth` does, with a config file and an output directory of its own. */
function runApp(config: unknown) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gpu-platform-main-'));
  const configFile = path.join(dir, 'platform.json');
  const outdir = path.join(dir, 'cdktf.out');
  writeFileSync(configFile, JSON.stringify(config));
  // A previous good run's output must not survive a failed one.
  mkdirSync(path.join(outdir, 'stacks', 'stale'), { recursive: true });
  const result = spawnSync(process.execPath, ['tools/app.js'], {
    cwd: root,
    env: { ...process.env, PLATFORM_CONFIG: configFile, CDKTF_OUTDIR: outdir },
    encoding: 'utf8',
  });
  return { ...result, outdir };
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

  test('the shipped config writes every stack it names', () => {
    const { status, stderr, outdir } = runApp(shippedConfig());
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const expected = expectedStackNames(parsePlatformConfig(shippedConfig()));
    expect(readdirSync(path.join(outdir, 'stacks')).sort()).toEqual([...expected].sort());
    for (const name of expected) expect(existsSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'))).toBe(true);
    expect(existsSync(path.join(outdir, 'stacks', 'stale'))).toBe(false);
  });
});
