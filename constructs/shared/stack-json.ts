/**
 * A synthesized stack (`cdk.tf.json`) as data, and the few ways checks read it: resources by
 * type, Terraform references, and what a resource waits for. Pure: no constructs, no I/O.
 */

/** One resource's attributes as written. */
export type Attributes = Record<string, unknown>;

/** A synthesized stack: its parsed `cdk.tf.json`. */
export type StackJson = {
  resource?: Record<string, Record<string, Attributes>>;
  data?: Record<string, Record<string, Attributes>>;
  output?: Record<string, { value: unknown; sensitive?: boolean }>;
  provider?: Record<string, Attributes[]>;
  terraform: { backend: Record<string, Attributes> } & Record<string, unknown>;
  variable?: Record<string, Attributes>;
} & Record<string, unknown>;

/** A resource in a stack, with its Terraform address (`type.logical_id`). */
export interface StackResource {
  readonly type: string;
  readonly id: string;
  readonly address: string;
  readonly attributes: Attributes;
}

/** Every resource of a type, in the order written. */
export function resourcesOfType(stack: StackJson, type: string): StackResource[] {
  return Object.entries(stack.resource?.[type] ?? {}).map(([id, attributes]) => ({
    type,
    id,
    address: `${type}.${id}`,
    attributes,
  }));
}

/** `${type.id.attribute...}` as the address it names, or undefined for anything else. */
export function referencedAddress(value: unknown): string | undefined {
  const match = /^\$\{((?:data\.)?[a-z0-9_]+\.[\w-]+)[.[]/.exec(String(value));
  return match?.[1];
}

/** The region a stack's (first) AWS provider deploys to; undefined for a stack without one. */
export function awsProviderRegion(stack: StackJson): string | undefined {
  const region = stack.provider?.aws?.[0]?.region;
  return region === undefined ? undefined : String(region);
}

/** `${type.id.attribute}` for a resource: the reference Terraform JSON writes. */
export function reference(resource: StackResource, attribute: string): string {
  return `\${${resource.address}.${attribute}}`;
}

/** The resource at an address, if the stack has it. */
export function resourceAt(stack: StackJson, address: string | undefined): StackResource | undefined {
  if (!address) return undefined;
  const [type, id] = address.split('.');
  const attributes = stack.resource?.[type]?.[id];
  return attributes && { type, id, address, attributes };
}

function dependsOn(resource: StackResource): string[] {
  return (resource.attributes.depends_on as string[] | undefined) ?? [];
}

/** Every address a resource waits for through `depends_on`, transitively. */
export function waitsFor(stack: StackJson, resource: StackResource): Set<string> {
  const seen = new Set<string>();
  const queue = [...dependsOn(resource)];
  while (queue.length > 0) {
    const address = queue.shift()!;
    if (seen.has(address)) continue;
    seen.add(address);
    const next = resourceAt(stack, address);
    if (next) queue.push(...dependsOn(next));
  }
  return seen;
}

/**
 * The role assignments a resource waits for through a propagation wait (`time_sleep`): the only
 * way a role counts as granted before creation (RBAC propagates for minutes).
 */
export function propagatedGrants(stack: StackJson, resource: StackResource): StackResource[] {
  const sleeps = [...waitsFor(stack, resource)].filter((a) => a.startsWith('time_sleep.'));
  const granted = new Set(sleeps.flatMap((sleep) => [...waitsFor(stack, resourceAt(stack, sleep)!)]));
  return [...granted]
    .filter((a) => a.startsWith('azurerm_role_assignment.'))
    .map((a) => resourceAt(stack, a)!)
    .filter(Boolean);
}

/** The first block of a nested-block attribute, written as an object or a one-element list. */
export function block(value: unknown): Attributes | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && typeof first === 'object' ? (first as Attributes) : undefined;
}

/** One IAM policy statement as written, whichever way the policy was rendered. */
export interface PolicyStatementJson {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** Principal identifiers of resource and trust policies, by type (`AWS`, `Federated`...). */
  readonly principals: Readonly<Record<string, readonly string[]>>;
  readonly conditions: readonly {
    readonly test: string;
    readonly variable: string;
    readonly values: readonly string[];
  }[];
}

const list = (value: unknown): string[] => (value === undefined ? [] : [value].flat().map(String));

/** A JSON policy document's statements (`{"Statement": [...]}`), normalized. */
function statementsOfJson(text: string): PolicyStatementJson[] {
  const document = JSON.parse(text) as { Statement: Attributes[] | Attributes };
  return [document.Statement].flat().map((s) => {
    const principal = s.Principal;
    return {
      sid: s.Sid as string | undefined,
      effect: s.Effect as 'Allow' | 'Deny',
      actions: list(s.Action),
      resources: list(s.Resource),
      principals:
        principal === '*'
          ? { '*': ['*'] }
          : Object.fromEntries(Object.entries((principal ?? {}) as Attributes).map(([k, v]) => [k, list(v)])),
      conditions: Object.entries((s.Condition ?? {}) as Record<string, Attributes>).flatMap(([test, entries]) =>
        Object.entries(entries).map(([variable, values]) => ({ test, variable, values: list(values) })),
      ),
    };
  });
}

/** An `aws_iam_policy_document` data source's statements, normalized. */
function statementsOfDocument(document: Attributes): PolicyStatementJson[] {
  return ((document.statement ?? []) as Attributes[]).map((s) => ({
    sid: s.sid as string | undefined,
    effect: ((s.effect as string | undefined) ?? 'Allow') as 'Allow' | 'Deny',
    actions: list(s.actions),
    resources: list(s.resources),
    principals: Object.fromEntries(
      ((s.principals ?? []) as Attributes[]).map((p) => [String(p.type), list(p.identifiers)]),
    ),
    conditions: ((s.condition ?? []) as Attributes[]).map((c) => ({
      test: String(c.test),
      variable: String(c.variable),
      values: list(c.values),
    })),
  }));
}

/**
 * The statements of an IAM policy attribute (`policy`, `assume_role_policy`): a JSON string, or
 * a reference to an `aws_iam_policy_document` of the same stack. Undefined for a policy this
 * stack cannot read (a reference to anything else).
 */
export function policyStatements(stack: StackJson, policy: unknown): PolicyStatementJson[] | undefined {
  const address = referencedAddress(policy);
  if (address?.startsWith('data.aws_iam_policy_document.')) {
    const document = stack.data?.aws_iam_policy_document?.[address.split('.')[2]];
    return document && statementsOfDocument(document);
  }
  if (address) return undefined;
  return statementsOfJson(String(policy));
}

/** Where a cross-stack reference reads: the producing stack and its output. */
export interface RemoteOutput {
  readonly stack: string;
  readonly output: string;
}

/**
 * The stack and output a value reads through cdktf's cross-stack remote state
 * (`${data.terraform_remote_state.cross-stack-reference-input-<stack>.outputs.<output>}`), or
 * undefined for anything else.
 */
export function remoteOutput(value: unknown): RemoteOutput | undefined {
  const match = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-([\w-]+)\.outputs\.([\w-]+)\}$/.exec(
    String(value),
  );
  return match ? { stack: match[1], output: match[2] } : undefined;
}

/** A resource and the stack that declares it. */
export interface PlacedResource {
  readonly stack: string;
  readonly resource: StackResource;
}

/**
 * The resource a value names, in `stack` or, through a cross-stack reference, in the stack that
 * declares it (whose output holds the reference). Undefined for a literal or an unknown name.
 */
export function referencedResource(
  stacks: ReadonlyMap<string, StackJson>,
  stack: string,
  value: unknown,
): PlacedResource | undefined {
  const remote = remoteOutput(value);
  if (remote) {
    const output = stacks.get(remote.stack)?.output?.[remote.output];
    return output && referencedResource(stacks, remote.stack, output.value);
  }
  const json = stacks.get(stack);
  const resource = json && resourceAt(json, referencedAddress(value));
  return resource && { stack, resource };
}
