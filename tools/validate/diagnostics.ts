/**
 * What `terraform validate -json` reported, sorted into what this run can act on: arguments the
 * provider's schema does not know (an older provider than the pin), errors and warnings. Pure.
 */
import type { JsonPath, JsonWithLines } from './json-lines';

/** One diagnostic as `terraform validate -json` writes it. */
export interface TerraformDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  readonly range?: { readonly filename: string; readonly start: { readonly line: number } };
  readonly snippet?: { readonly context?: string | null };
}

/** An argument of a resource or data source that the provider version used does not have. */
export interface UnknownArgument {
  /** Where it is in the configuration, to take it out. */
  readonly path: JsonPath;
  /** `aws_eks_cluster.main`, `data.aws_x.y`. */
  readonly address: string;
  /** `deletion_protection`, `vpc_config[0].x`. */
  readonly attribute: string;
}

export interface SortedDiagnostics {
  readonly unknownArguments: readonly UnknownArgument[];
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

/** The summaries Terraform gives an argument or block its provider schema does not define. */
const UNKNOWN_ARGUMENT_SUMMARIES = [
  'Extraneous JSON object property',
  'Unsupported argument',
  'Unsupported block type',
];

/** The diagnostics of `terraform validate -json` output; unparsable output is one error. */
export function parseValidateOutput(stdout: string, stderr: string): TerraformDiagnostic[] {
  try {
    return (JSON.parse(stdout) as { diagnostics: TerraformDiagnostic[] }).diagnostics;
  } catch {
    return [{ severity: 'error', summary: 'terraform validate failed', detail: `${stdout}${stderr}`.trim() }];
  }
}

function attributeText(path: JsonPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** `resource.aws_x.y.attr...` or `data.aws_x.y.attr...` as an unknown argument of a provider's block. */
function unknownArgumentAt(path: JsonPath | undefined, providerPrefix: string): UnknownArgument | undefined {
  if (!path || path.length < 4) return undefined;
  const [kind, type, name] = path;
  if ((kind !== 'resource' && kind !== 'data') || typeof type !== 'string' || !type.startsWith(providerPrefix))
    return undefined;
  return {
    path,
    address: `${kind === 'data' ? 'data.' : ''}${type}.${String(name)}`,
    attribute: attributeText(path.slice(3)),
  };
}

function describe(d: TerraformDiagnostic, lines: JsonWithLines | undefined): string {
  const where = d.range && lines?.pathAt(d.range.start.line);
  const at = where ? ` at ${attributeText(where)}` : d.snippet?.context ? ` in ${d.snippet.context}` : '';
  return `${d.summary}${d.detail ? `: ${d.detail}` : ''}${at}`;
}

/**
 * Sorts diagnostics. An unknown argument counts as such only on a block of the provider whose
 * older version is in use (`providerPrefix`, `aws_`); anywhere else it is an error.
 */
export function sortDiagnostics(
  diagnostics: readonly TerraformDiagnostic[],
  lines: JsonWithLines | undefined,
  providerPrefix?: string,
): SortedDiagnostics {
  const unknownArguments: UnknownArgument[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const d of diagnostics) {
    const unknown =
      providerPrefix !== undefined && UNKNOWN_ARGUMENT_SUMMARIES.includes(d.summary) && d.range
        ? unknownArgumentAt(lines?.pathAt(d.range.start.line), providerPrefix)
        : undefined;
    if (unknown) unknownArguments.push(unknown);
    else (d.severity === 'error' ? errors : warnings).push(describe(d, lines));
  }
  return { unknownArguments, errors, warnings };
}
