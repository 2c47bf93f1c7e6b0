/**
 * Whether each config suppression matched anything. One suppression reaches every stack of its
 * kind (and regions), so it is judged across them all, once every stack's gate has run: a
 * suppression that matched no finding in any of them is a config problem at its path.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import type { ConfigProblem } from '../config/load';
import type { PlatformConfig } from '../config/schema';
import { POLICY_RESULTS_FILE, type PolicyResultsFile } from '../constructs/checks/policy/gate';
import type { StackEvaluation } from '../constructs/checks/policy/evaluate';

/** The config paths of the suppressions some stack's gate applied. */
export function usedConfigSuppressions(evaluations: Iterable<StackEvaluation>): Set<string> {
  const used = new Set<string>();
  for (const evaluation of evaluations)
    for (const result of evaluation.results)
      if (result.suppression?.configPath) used.add(result.suppression.configPath);
  return used;
}

/** Every config suppression no stack used, as a problem at its path. */
export function unusedSuppressionProblems(config: PlatformConfig, used: ReadonlySet<string>): ConfigProblem[] {
  return Object.entries(config.environments).flatMap(([envName, env]) =>
    env.policy.suppressions.flatMap((s, i) => {
      const configPath = `environments.${envName}.policy.suppressions[${i}]`;
      if (used.has(configPath)) return [];
      const where = `${envName}'s ${s.stack} stack${s.stack === 'account' || s.stack === 'link' ? '' : 's'}${s.regions ? ` in ${s.regions.join(', ')}` : ''}`;
      return [
        {
          path: configPath,
          message: `matches no finding of ${s.rule} on ${s.resource} in ${where}: the rule does not fire there (or no such stack exists); remove the suppression`,
        },
      ];
    }),
  );
}

/** The gate's evaluation of each stack a synth wrote, read from `policy.json` beside each `cdk.tf.json`. */
export function* gateEvaluations(outdir: string, stackNames: Iterable<string>): Generator<StackEvaluation> {
  for (const name of stackNames) {
    const file = path.join(outdir, 'stacks', name, POLICY_RESULTS_FILE);
    if (existsSync(file)) yield (JSON.parse(readFileSync(file, 'utf8')) as PolicyResultsFile).evaluation;
  }
}
