/**
 * Runs the rule pack on one synthesized stack and applies its suppressions: pure, so the gate
 * (at synth), the report (`npm run policy`) and the tests share it.
 */
import type { StackJson } from '../../shared/stack-json';
import type { PolicyContext, PolicyRule } from './rule';
import { suppressionDefect, type Suppression } from './suppressions';

/** What became of one finding. */
export type PolicyStatus = 'error' | 'warning' | 'suppressed';

/** One finding of one rule on one resource, after suppressions. */
export interface PolicyResult {
  readonly rule: string;
  /** Terraform address (`type.logical_id`). */
  readonly address: string;
  /** Construct path, from the resource's `//.metadata.path`. */
  readonly path: string;
  readonly status: PolicyStatus;
  /** The problem, with the rule's fix. */
  readonly message: string;
  /** Set when suppressed. */
  readonly suppression?: Suppression;
}

/** A suppression that is itself an error: no reason, unknown rule, or matching nothing. */
export interface SuppressionProblem {
  readonly suppression: Suppression;
  readonly problem: string;
}

/** The gate's verdict on one stack. */
export interface StackEvaluation {
  readonly results: readonly PolicyResult[];
  readonly suppressionProblems: readonly SuppressionProblem[];
  /** How many rules ran, and on how many resources of their types (for the report's pass count). */
  readonly rulesRun: number;
}

/** A resource's construct path as written in `//.metadata.path`. */
export function constructPath(stack: StackJson, address: string): string {
  const [type, id] = address.split('.');
  const meta = (stack.resource?.[type]?.[id]?.['//'] as { metadata?: { path?: string } } | undefined)?.metadata;
  return meta?.path ?? address;
}

/** Runs `rules` on `stack` and applies `suppressions`. */
export function evaluateStack(
  stack: StackJson,
  rules: readonly PolicyRule[],
  context: PolicyContext,
  suppressions: readonly Suppression[],
): StackEvaluation {
  const ruleIds = new Set(rules.map((r) => r.id));
  const suppressionProblems: SuppressionProblem[] = [];
  const valid = suppressions.filter((s) => {
    const problem = suppressionDefect(s, ruleIds);
    if (problem) suppressionProblems.push({ suppression: s, problem });
    return !problem;
  });
  const used = new Set<Suppression>();
  const results = rules.flatMap((rule) =>
    rule.check(stack, context).map((finding): PolicyResult => {
      const path = constructPath(stack, finding.address);
      const suppression = valid.find(
        (s) => s.rule === rule.id && (s.resource === path || s.resource === finding.address),
      );
      if (suppression) used.add(suppression);
      return {
        rule: rule.id,
        address: finding.address,
        path,
        status: suppression ? 'suppressed' : rule.severity,
        message: `${finding.problem}. Fix: ${rule.fix}`,
        suppression,
      };
    }),
  );
  // A config suppression reaches several stacks: matching nothing here is judged across them all.
  for (const s of valid.filter((v) => !used.has(v) && v.configPath === undefined))
    suppressionProblems.push({
      suppression: s,
      problem: `suppression of ${s.rule} on ${s.resource} matches no finding: remove it`,
    });
  return { results, suppressionProblems, rulesRun: rules.length };
}
