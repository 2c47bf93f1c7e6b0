/**
 * The cdktf app: reads the platform config and builds every stack. Configuration is chosen by
 * `PLATFORM_CONFIG` (file) and `PLATFORM_ENVS` (environments); see docs/fork-guide.md, "Configuration".
 */
// First: it must act before cdktf loads.
import './stacks/skip-token-stack-traces';
import { rmSync } from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { checkDay } from './config/dated-checks';
import { ConfigError, configFileFromEnvironment, configWarnings, loadFromEnvironment } from './config/load';
import { archiveLockProblems } from './constructs/checks/archive-locks';
import { checkPrerequisites, formatFindings } from './constructs/checks/prerequisites';
import { placedLockRecords } from './stacks/locked-archives';
import { gateEvaluations, unusedSuppressionProblems, usedConfigSuppressions } from './stacks/config-suppressions';
import { buildPlatform, expectedStackNames } from './stacks/platform';
import { POLICY_GATE_ENV } from './stacks/platform-stack';
import { errorAnnotations, markReportOnly, REPORT_ONLY_ENV } from './stacks/synth-errors';
import { readSynthesizedStacks, readSynthesizedTexts } from './stacks/synthesized-stacks';
import { synthBudgetProblems } from './stacks/capacity-ledger';

/** A synth that wrote output that must not be deployed: every problem found, each section whole. */
class SynthError extends Error {}

const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';

try {
  // One day for every dated check of this run, however long it takes.
  const today = checkDay();
  const config = loadFromEnvironment(process.env, today);
  for (const w of configWarnings(config, today)) process.stderr.write(`warning: ${w.path}: ${w.message}\n`);
  // Stacks dropped from the config must not linger in the output, where `cdktf deploy` would find them.
  rmSync(path.join(outdir, 'stacks'), { recursive: true, force: true });
  const app = new App({ outdir });
  buildPlatform(app, config, today);
  app.synth();
  const reportOnly = process.env[REPORT_ONLY_ENV] === '1';
  const errors = errorAnnotations(app);
  if (errors.length > 0 && reportOnly) {
    markReportOnly(outdir, expectedStackNames(config));
    process.stderr.write(`report only: ${errors.length} errors; the output is marked so that Terraform refuses it\n`);
    process.exit(0);
  }
  // Every problem at once, so one run shows all there is to fix.
  const problems: string[] = [];
  if (errors.length > 0)
    problems.push(
      [
        `Synth found ${errors.length} errors (fix them, or suppress a policy finding with its reason: docs/policy.md):`,
        ...errors.map((e) => `  - ${e}`),
      ].join('\n'),
    );
  // What was written must also apply: the checks below judge the output itself, read back once.
  const written = readSynthesizedStacks(readSynthesizedTexts(outdir));
  const findings = checkPrerequisites(written);
  if (findings.length > 0) problems.push(formatFindings(findings));
  // Every config suppression must have matched something in some stack it reached (`npm run
  // policy`, which asks for a report, checks that itself and reports it with the rest).
  const unused =
    process.env[POLICY_GATE_ENV] === 'off' || reportOnly
      ? []
      : unusedSuppressionProblems(config, usedConfigSuppressions(gateEvaluations(outdir, expectedStackNames(config))));
  // And must not replace a locked audit archive, which nothing can delete before its period ends.
  const locks = archiveLockProblems(placedLockRecords(config), written);
  // And must stay within the config's budgets, judged on the ledger of what was written.
  const budgets = synthBudgetProblems(config, written, today);
  if (unused.length + locks.length + budgets.length > 0)
    problems.push(new ConfigError(configFileFromEnvironment(), [...unused, ...locks, ...budgets]).message);
  if (problems.length > 0) throw new SynthError(problems.join('\n\n'));
} catch (e) {
  // A failed synth must leave nothing deployable behind: no partial output, no earlier run's.
  rmSync(outdir, { recursive: true, force: true });
  const known = e instanceof ConfigError || e instanceof SynthError;
  process.stderr.write(`${known ? (e as Error).message : ((e as Error).stack ?? String(e))}\n`);
  process.exit(1);
}
