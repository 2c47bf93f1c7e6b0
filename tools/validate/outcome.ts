/**
 * How `npm run validate` reads its results: whether `terraform init` failed only because the
 * registry is out of reach, and what a run amounts to (the report and the exit code). Pure.
 */
import { MIRROR_ENV } from './mirror';
import type { StackValidation, ValidationRun } from './validate-stacks';

/** Output that means the registry or a provider download was out of reach. */
const UNREACHABLE = [
  /Failed to query available provider packages/,
  /could not connect to registry\.terraform\.io/i,
  /dial tcp: lookup .* (no such host|server misbehaving)/,
  /Failed to install provider/,
  /i\/o timeout/,
  /network is unreachable/i,
];

/** Whether a failed `terraform init` failed only because providers could not be installed. */
export function providersUnreachable(output: string): boolean {
  return UNREACHABLE.some((pattern) => pattern.test(output));
}

function stackReport(r: StackValidation): string[] {
  const list = (title: string, items: readonly string[]) =>
    items.length === 0 ? [] : [`  ${title}:`, ...items.map((item) => `    - ${item}`)];
  return [
    `${r.stack}: ${r.result}: ${r.scope}`,
    ...list('errors', r.errors),
    ...list('not known to the provider version used, so not validated', r.unknownToSchema),
    ...list('not validated', r.notValidated),
    ...list('warnings', r.warnings),
  ];
}

/**
 * The report of a run and its exit code: 1 when a stack is invalid, and 1 when nothing was
 * validated at all unless `allowSkip` says that is acceptable (never in CI).
 */
export function summarize(
  run: ValidationRun,
  allowSkip = false,
): { readonly report: string; readonly exitCode: number } {
  const count = (result: StackValidation['result']) => run.results.filter((r) => r.result === result);
  const [valid, invalid, skipped] = [count('valid'), count('invalid'), count('skipped')];
  const partial = run.results.filter(
    (r) => r.result === 'valid' && (r.unknownToSchema.length > 0 || r.notValidated.length > 0),
  );
  const totals = `${valid.length} valid, ${invalid.length} invalid, ${skipped.length} skipped of ${run.results.length} stacks`;
  const lines = [`validate: ${run.mode}`, ...run.results.flatMap(stackReport)];
  // Verdicts from a run whose canary came out wrong, or was not run, prove nothing, whatever they say.
  const canary = run.canary ?? (valid.length + invalid.length > 0 ? ['the canary stack was not validated'] : []);
  if (canary.length > 0) {
    lines.push(
      `validate: FAILED: this run did not fault the canary stack as it must (tools/validate/canary.ts), so no verdict above can be trusted:`,
      ...canary.map((p) => `  - ${p}`),
    );
    return { report: lines.join('\n'), exitCode: 1 };
  }
  if (invalid.length > 0) {
    lines.push(`validate: FAILED: ${totals}; invalid: ${invalid.map((r) => r.stack).join(', ')}`);
    return { report: lines.join('\n'), exitCode: 1 };
  }
  if (valid.length === 0) {
    lines.push(
      allowSkip
        ? `validate: nothing validated (${totals}), tolerated by --allow-skip`
        : `validate: FAILED: nothing validated (${totals}). Install Terraform and give it registry access or a local mirror of hashicorp/aws (${MIRROR_ENV}), or pass --allow-skip to accept a run that validates nothing`,
    );
    return { report: lines.join('\n'), exitCode: allowSkip ? 0 : 1 };
  }
  lines.push(
    `validate: ok: ${totals}; the canary stack was faulted as it must be${partial.length > 0 ? `; ${partial.length} validated in part (see "not validated" above)` : ''}`,
  );
  return { report: lines.join('\n'), exitCode: 0 };
}
