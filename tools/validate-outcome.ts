/**
 * How `npm run validate` reads `terraform init`: providers that could not be downloaded (a
 * machine without network) are a skip, anything else a failure. Pure.
 */

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

/** One stack's result. */
export type StackValidation =
  | { readonly stack: string; readonly result: 'valid' }
  | { readonly stack: string; readonly result: 'invalid' | 'init-failed'; readonly detail: string }
  | { readonly stack: string; readonly result: 'skipped'; readonly detail: string };

/** The summary line and exit code of a run. */
export function validationSummary(results: readonly StackValidation[]): {
  readonly message: string;
  readonly exitCode: number;
} {
  const failed = results.filter((r) => r.result === 'invalid' || r.result === 'init-failed');
  const skipped = results.filter((r) => r.result === 'skipped');
  if (failed.length > 0) {
    return {
      message: `validate: ${failed.length} of ${results.length} stacks failed: ${failed.map((r) => r.stack).join(', ')}`,
      exitCode: 1,
    };
  }
  if (skipped.length > 0) {
    return {
      message: `validate: skipped ${skipped.length} of ${results.length} stacks: terraform could not install their providers (no network or registry access). Run it where registry.terraform.io is reachable; CI does, in the pull-request workflow.`,
      exitCode: 0,
    };
  }
  return { message: `validate: all ${results.length} stacks valid`, exitCode: 0 };
}
