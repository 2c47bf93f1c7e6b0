/**
 * Runs the `terraform` CLI for validation: with a CLI configuration of its own (never the
 * machine's, which may name a missing file or a registry mirror this run must not use), no
 * colour, no prompts, no checkpoint calls.
 */
import { execFile, spawnSync } from 'child_process';
import { writeFileSync } from 'fs';
import * as path from 'path';
import type { ProviderMirror } from './mirror';

export interface TerraformResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** Whether `terraform` runs here, and its version line. */
export function terraformVersion(): string | undefined {
  const result = spawnSync('terraform', ['version'], {
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
  });
  return result.error || result.status !== 0 ? undefined : result.stdout.split('\n')[0];
}

/**
 * Writes a CLI configuration into `dir` and returns its path: installation from the local
 * mirror alone (and nothing else), or from the registry, through a plugin cache so that each
 * stack does not download the providers again.
 */
export function writeCliConfig(dir: string, source: { mirror: ProviderMirror } | { registryCache: string }): string {
  const file = path.join(dir, 'terraform.rc');
  const body =
    'mirror' in source
      ? [
          'provider_installation {',
          '  filesystem_mirror {',
          `    path    = ${JSON.stringify(source.mirror.root)}`,
          `    include = [${JSON.stringify(`registry.terraform.io/${source.mirror.provider}`)}]`,
          '  }',
          '}',
        ]
      : [
          `plugin_cache_dir = ${JSON.stringify(source.registryCache)}`,
          'plugin_cache_may_break_dependency_lock_file = true',
        ];
  writeFileSync(file, `${body.join('\n')}\n`);
  return file;
}

/** Runs terraform in `cwd`; never throws for a non-zero exit. */
export function runTerraform(
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>>,
): Promise<TerraformResult> {
  return new Promise((resolve) => {
    execFile(
      'terraform',
      [...args],
      {
        cwd,
        env: { ...process.env, ...env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 600_000,
      },
      (error, stdout, stderr) => resolve({ ok: !error, stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}
