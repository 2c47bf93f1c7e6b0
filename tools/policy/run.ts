/**
 * `npm run policy`: synthesizes the app (every stack, errors or not) into `cdktf.out`, prints each
 * stack's gate results as a table, writes `policy-report/<stack>.sarif` and `<stack>.json`, and exits 1 if any stack
 * has an unsuppressed error or a broken suppression. Needs no credentials.
 *
 * `--no-synth` reads an existing `cdktf.out` instead (the gate writes `policy.json` beside each
 * stack's `cdk.tf.json` on every synth).
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import { POLICY_RESULTS_FILE, type PolicyResultsFile } from '../../constructs/checks/policy/gate';
import { RULE_PACK } from '../../constructs/checks/policy/rule-pack';
import { loadFromEnvironment } from '../../config/load';
import { unusedSuppressionProblems, usedConfigSuppressions } from '../../stacks/config-suppressions';
import { REPORT_ONLY_ENV } from '../../stacks/synth-errors';
import { toSarif } from './sarif';
import { formatStackTable, hasErrors } from './table';

const OUTDIR = 'cdktf.out';
const REPORT_DIR = 'policy-report';

function synthesize(): void {
  const run = spawnSync(process.execPath, ['tools/app.js'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    // Every stack is written and gated even when one has errors: the report shows them all. The
    // app marks such output so that Terraform refuses it.
    env: {
      ...process.env,
      CDKTF_OUTDIR: OUTDIR,
      CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: '1',
      [REPORT_ONLY_ENV]: '1',
    },
  });
  if (run.status !== 0) {
    process.stderr.write('policy: the synth failed before the gate could report (see above)\n');
    process.exit(1);
  }
}

function main(): void {
  if (!process.argv.includes('--no-synth')) synthesize();
  const stacksDir = path.join(OUTDIR, 'stacks');
  if (!existsSync(stacksDir)) {
    process.stderr.write(`policy: no ${stacksDir}; run without --no-synth\n`);
    process.exit(1);
  }
  const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
  rmSync(REPORT_DIR, { recursive: true, force: true });
  mkdirSync(REPORT_DIR, { recursive: true });
  let failed = false;
  const evaluations: PolicyResultsFile['evaluation'][] = [];
  for (const stack of readdirSync(stacksDir).sort()) {
    const file = path.join(stacksDir, stack, 'cdk.tf.json');
    const results = JSON.parse(
      readFileSync(path.join(stacksDir, stack, POLICY_RESULTS_FILE), 'utf8'),
    ) as PolicyResultsFile;
    process.stdout.write(`${formatStackTable(results, results.evaluation.rulesRun)}\n\n`);
    const sarif = toSarif(results, RULE_PACK, file.split(path.sep).join('/'), readFileSync(file, 'utf8'), version);
    writeFileSync(path.join(REPORT_DIR, `${stack}.sarif`), `${JSON.stringify(sarif, null, 2)}\n`);
    // The gate's own results, for scripts: every finding, suppression and rule run.
    writeFileSync(path.join(REPORT_DIR, `${stack}.json`), `${JSON.stringify(results, null, 2)}\n`);
    failed ||= hasErrors(results);
    evaluations.push(results.evaluation);
  }
  // A config suppression reaches every stack of its kind: one that none of them used is an error.
  const unused = unusedSuppressionProblems(loadFromEnvironment(), usedConfigSuppressions(evaluations));
  for (const p of unused) process.stdout.write(`suppression error: ${p.path}: ${p.message}\n`);
  failed ||= unused.length > 0;
  process.stdout.write(
    `reports: ${REPORT_DIR}/<stack>.sarif and <stack>.json. ${failed ? 'FAILED: unsuppressed findings or unused suppressions above' : 'passed'}\n`,
  );
  process.exit(failed ? 1 : 0);
}

main();
