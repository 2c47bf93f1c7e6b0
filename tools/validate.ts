/**
 * `npm run validate [-- --allow-skip] [-- --no-registry]`: `terraform validate` on every stack of
 * `cdktf.out` (run `npm run synth` first), whole at the pinned provider versions where the
 * registry is reachable, else the AWS part of each stack through a local mirror of
 * hashicorp/aws (tools/validate/validate-stacks.ts). Prints, per stack, what was validated and
 * what was not, and why. Exits 1 when a stack is invalid, or when nothing could be validated
 * unless `--allow-skip` is given.
 */
import { existsSync } from 'fs';
import * as path from 'path';
import { summarize } from './validate/outcome';
import { validateStacks } from './validate/validate-stacks';

const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
const stacksDir = path.join(outdir, 'stacks');
const args = process.argv.slice(2);
const unknown = args.filter((a) => !['--allow-skip', '--no-registry'].includes(a));
if (unknown.length > 0) {
  process.stderr.write(`validate: unknown option ${unknown.join(' ')}; options: --allow-skip, --no-registry\n`);
  process.exit(2);
}
if (!existsSync(stacksDir)) {
  process.stderr.write(`validate: ${stacksDir} does not exist; run \`npm run synth\` first\n`);
  process.exit(1);
}
validateStacks(outdir, { registry: !args.includes('--no-registry') })
  .then((run) => {
    const { report, exitCode } = summarize(run, args.includes('--allow-skip'));
    process.stdout.write(`${report}\n`);
    process.exitCode = exitCode;
  })
  .catch((e: Error) => {
    process.stderr.write(`validate: ${e.stack ?? e.message}\n`);
    process.exitCode = 1;
  });
