/**
 * The CI template for forks: each workflow is valid YAML of the right shape, and the plan's
 * matrix, read from the synthesized manifest, covers exactly the stacks the config defines, in
 * dependency order, within the wave jobs plan.yml declares.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { expectedStackNames } from '../../stacks/platform';
import { PLAN_WAVE_JOBS, stackWaves } from '../../tools/ci/stack-waves';
import { SHARED_SYNTHS, sharedManifest } from '../helpers/shared-synth';

const dir = path.join(__dirname, '..', '..', '.github', 'workflows');
type Workflow = { name: string; on: unknown; jobs: Record<string, Record<string, unknown>> };
const workflows: Record<string, Workflow> = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => [f, parse(readFileSync(path.join(dir, f), 'utf8')) as Workflow]),
);

describe('GitHub workflows', () => {
  test('each is valid YAML with a name, triggers and jobs that run something', () => {
    expect(Object.keys(workflows).sort()).toEqual(['plan-stack.yml', 'plan.yml', 'pull-request.yml']);
    for (const [file, wf] of Object.entries(workflows)) {
      expect({ file, name: typeof wf.name, on: wf.on !== undefined }).toEqual({ file, name: 'string', on: true });
      for (const job of Object.values(wf.jobs)) expect(Boolean(job.steps) || Boolean(job.uses)).toBe(true);
    }
  });

  test('pull requests run lint, tests, synth, the policy gate with SARIF upload, parity and validate', () => {
    const steps = Object.values(workflows['pull-request.yml'].jobs).flatMap(
      (job) => (job.steps as { run?: string; uses?: string }[]) ?? [],
    );
    const runs = steps.map((s) => s.run).filter(Boolean);
    for (const command of [
      'npm ci',
      'npm run lint',
      'npm test',
      'npm run synth',
      'npm run policy',
      'npm run parity',
      'npm run validate',
    ]) {
      expect(runs).toContain(command);
    }
    expect(steps.map((s) => s.uses)).toContainEqual(expect.stringMatching(/^github\/codeql-action\/upload-sarif@/));
    for (const script of ['policy', 'parity', 'validate']) {
      expect(
        JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).scripts[script],
      ).toBeDefined();
    }
  });

  test('plans authenticate by OIDC, with no stored secret', () => {
    expect((workflows['plan.yml'] as unknown as { permissions: Record<string, string> }).permissions['id-token']).toBe(
      'write',
    );
    const text = Object.keys(workflows)
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    expect(text).not.toMatch(/secrets\.[A-Z_]+/);
    const stack = workflows['plan-stack.yml'].jobs.plan.steps as { uses?: string; with?: Record<string, string> }[];
    expect(
      stack.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials'))?.with?.['role-to-assume'],
    ).toMatch(/vars\./);
    expect(stack.find((s) => s.uses?.startsWith('azure/login'))?.with?.['client-id']).toMatch(/vars\./);
  });

  test('the plan matrix holds every stack of the config once, in dependency order, within the wave jobs', () => {
    const waveJobs = Object.keys(workflows['plan.yml'].jobs).filter((j) => j.startsWith('plan-wave-'));
    expect(waveJobs).toHaveLength(PLAN_WAVE_JOBS);
    waveJobs.forEach((job, i) => {
      expect(workflows['plan.yml'].jobs[job].needs).toEqual(i === 0 ? 'synth' : ['synth', `plan-wave-${i - 1}`]);
    });
    const manifest = sharedManifest('shipped');
    const waves = stackWaves(manifest);
    expect(waves.length).toBeLessThanOrEqual(PLAN_WAVE_JOBS);
    expect(waves.flat().sort()).toEqual(expectedStackNames(SHARED_SYNTHS.shipped()).sort());
    const waveOf = new Map(waves.flatMap((wave, i) => wave.map((s) => [s, i] as const)));
    for (const [stack, { dependencies = [] }] of Object.entries(manifest.stacks)) {
      for (const dependency of dependencies) expect(waveOf.get(dependency)!).toBeLessThan(waveOf.get(stack)!);
    }
  });
});
