/**
 * The AWS part of a synthesized stack, as a configuration Terraform can validate with only the
 * `hashicorp/aws` provider: what validates where the registry is out of reach and a local mirror
 * holds that one provider (CI's machine image). Pure.
 */
import type { StackJson } from '../../constructs/shared/stack-json';
import { declarationOf, templateReferences } from '../../constructs/checks/references';

/** Resource and data types validated with the AWS provider, and Terraform's built-in ones. */
function isAwsPartType(type: string): boolean {
  return type.startsWith('aws_') || type === 'terraform_remote_state' || type === 'terraform_data';
}

/** The AWS part of a stack, and what was left out of it. */
export interface AwsPart {
  /** The configuration to validate. */
  readonly config: StackJson;
  /** Resources and data sources of the AWS part (`aws_vpc.main`, `data.aws_region.r`). */
  readonly validated: readonly string[];
  /** Resources and data sources of other providers, not validated (`azurerm_public_ip.x`). */
  readonly notValidated: readonly string[];
  /**
   * Declarations of other providers the AWS part refers to: each becomes an input variable, a
   * value Terraform treats as unknown, so the references around it are still checked.
   */
  readonly standIns: readonly { readonly declaration: string; readonly variable: string }[];
}

/** The variable that stands for a declaration of another provider. */
export function standInVariable(declaration: string): string {
  return `external__${declaration.replace(/\./g, '__')}`;
}

/** A template with each traversal rooted at `declaration` rooted at the variable instead. */
function replaceDeclaration(text: string, declaration: string, variable: string): string {
  const escaped = declaration.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  return text.replace(new RegExp(`(?<![\\w.-])${escaped}(?![\\w-])`, 'g'), `var.${variable}`);
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, map));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map)]));
  return value;
}

/** Whether a stack has anything the AWS provider validates. */
export function hasAwsPart(stack: StackJson): boolean {
  return Object.keys(stack.resource ?? {}).some((t) => t.startsWith('aws_')) || stack.provider?.aws !== undefined;
}

/**
 * The stack reduced to its AWS part: `aws_*` resources and data sources, remote state, locals,
 * outputs and variables, the `aws` provider and its requirement pinned to `awsVersion`, and no
 * backend (validation reads no state). References to resources of other providers become input
 * variables; `depends_on` entries naming them are dropped (they order, they carry no value).
 */
export function awsPart(stack: StackJson, awsVersion: string): AwsPart {
  const keep = (blocks: StackJson['resource'], prefix: string) => {
    const kept: Record<string, Record<string, Record<string, unknown>>> = {};
    const left: string[] = [];
    const names: string[] = [];
    for (const [type, byName] of Object.entries(blocks ?? {})) {
      const addresses = Object.keys(byName).map((name) => `${prefix}${type}.${name}`);
      if (isAwsPartType(type)) {
        kept[type] = { ...(byName as Record<string, Record<string, unknown>>) };
        names.push(...addresses);
      } else left.push(...addresses);
    }
    return { kept, left, names };
  };
  const resources = keep(stack.resource, '');
  const data = keep(stack.data, 'data.');
  const removed = new Set([...resources.left, ...data.left]);

  const terraform = stack.terraform as Record<string, unknown> & {
    required_providers?: Record<string, { source?: string; version?: string }>;
  };
  const draft: Record<string, unknown> = {
    terraform: {
      required_providers: { aws: { ...terraform.required_providers?.aws, version: awsVersion } },
    },
    provider: stack.provider?.aws ? { aws: stack.provider.aws } : undefined,
    resource: Object.keys(resources.kept).length > 0 ? resources.kept : undefined,
    data: Object.keys(data.kept).length > 0 ? data.kept : undefined,
    locals: stack.locals,
    output: stack.output,
    variable: stack.variable,
  };

  const referenced = new Set<string>();
  mapStrings(draft, (text) => {
    if (text.includes('{')) {
      for (const reference of templateReferences(text)) {
        const declaration = declarationOf(reference);
        if (declaration && removed.has(declaration)) referenced.add(declaration);
      }
    }
    return text;
  });
  const standIns = [...referenced]
    .sort()
    .map((declaration) => ({ declaration, variable: standInVariable(declaration) }));
  for (const byName of Object.values(resources.kept))
    for (const [name, body] of Object.entries(byName))
      if (Array.isArray(body.depends_on))
        byName[name] = { ...body, depends_on: (body.depends_on as string[]).filter((d) => !removed.has(d)) };
  const replaced = mapStrings(draft, (text) =>
    text.includes('${')
      ? standIns.reduce(
          (t, s) => (t.includes(s.declaration) ? replaceDeclaration(t, s.declaration, s.variable) : t),
          text,
        )
      : text,
  ) as Record<string, unknown>;
  if (standIns.length > 0) {
    replaced.variable = {
      ...(replaced.variable as object | undefined),
      ...Object.fromEntries(
        standIns.map((s) => [s.variable, { description: `Stands for ${s.declaration}, which is not validated here` }]),
      ),
    };
  }
  const config = Object.fromEntries(Object.entries(replaced).filter(([, v]) => v !== undefined)) as StackJson;
  return {
    config,
    validated: [...resources.names, ...data.names],
    notValidated: [...removed],
    standIns,
  };
}
