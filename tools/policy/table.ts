/** The gate's results as the table `npm run policy` prints: rule, resource, result, reason. Pure. */
import type { PolicyResultsFile } from '../../constructs/checks/policy/gate';
import { SUPPRESSION_RULE_ID } from './sarif';

type Row = readonly [rule: string, resource: string, result: string, reason: string];

function render(rows: readonly Row[]): string {
  const header: Row = ['rule', 'resource', 'result', 'reason'];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i].length)));
  const line = (r: Row) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** One stack's table, with its environment-wide settings and a pass count. */
export function formatStackTable(results: PolicyResultsFile, rulesRun: number): string {
  const { evaluation } = results;
  const rows: Row[] = [
    ...evaluation.results.map((r): Row => [
      r.rule,
      r.path,
      r.status === 'suppressed' ? `suppressed (${r.suppression!.source})` : r.status,
      r.status === 'suppressed' ? r.suppression!.reason : r.message,
    ]),
    ...evaluation.suppressionProblems.map((p): Row => [
      SUPPRESSION_RULE_ID,
      p.suppression.resource,
      'error',
      p.problem,
    ]),
  ];
  const failing = new Set(evaluation.results.map((r) => r.rule));
  const settings = `${results.production ? 'production' : 'non-production'}, log retention >= ${results.minimumLogRetentionDays} days`;
  const summary = `${rulesRun - failing.size} of ${rulesRun} rules find nothing`;
  return [`${results.stack} (${settings}): ${summary}`, rows.length > 0 ? render(rows) : '(no findings)'].join('\n');
}

/** Whether a stack has an unsuppressed error: what fails `npm run policy`. */
export function hasErrors(results: PolicyResultsFile): boolean {
  return (
    results.evaluation.results.some((r) => r.status === 'error') || results.evaluation.suppressionProblems.length > 0
  );
}
