/**
 * `npm run validate`: `terraform init -backend=false` and `terraform validate` in every stack of
 * `cdktf.out` (run `npm run synth` first). Where the providers cannot be installed, it says so and
 * exits 0: validation needs the registry, tests do not. Not part of `npm test`.
 */
import { spawnSync } from 'child_process';
import { existsSync, readdirSync } from 'fs';
import * as path from 'path';
import { providersUnreachable, validationSummary, type StackValidation } from './validate-outcome';

const stacksDir = path.join(process.env.CDKTF_OUTDIR ?? 'cdktf.out', 'stacks');

function run(args: string[], cwd: string): { ok: boolean; output: string } {
  const result = spawnSync('terraform', args, {
    cwd,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' },
  });
  if (result.error) return { ok: false, output: result.error.message };
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

function validate(stack: string): StackValidation {
  const dir = path.join(stacksDir, stack);
  const init = run(['init', '-backend=false', '-input=false', '-no-color'], dir);
  if (!init.ok) {
    return providersUnreachable(init.output)
      ? { stack, result: 'skipped', detail: 'providers could not be installed' }
      : { stack, result: 'init-failed', detail: init.output.trim() };
  }
  const check = run(['validate', '-no-color'], dir);
  return check.ok ? { stack, result: 'valid' } : { stack, result: 'invalid', detail: check.output.trim() };
}

if (!existsSync(stacksDir)) {
  process.stderr.write(`validate: ${stacksDir} does not exist; run \`npm run synth\` first\n`);
  process.exit(1);
}
if (spawnSync('terraform', ['version'], { encoding: 'utf8' }).error) {
  process.stdout.write('validate: skipped: no `terraform` on the PATH. Install Terraform to validate the stacks.\n');
  process.exit(0);
}
const results = readdirSync(stacksDir)
  .sort()
  .map((stack) => {
    const result = validate(stack);
    process.stdout.write(
      `${stack}: ${result.result}${'detail' in result && result.result !== 'skipped' ? `\n${result.detail}` : ''}\n`,
    );
    return result;
  });
const summary = validationSummary(results);
process.stdout.write(`${summary.message}\n`);
process.exit(summary.exitCode);
