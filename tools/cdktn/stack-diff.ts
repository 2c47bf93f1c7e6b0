/**
 * Compares two synthesized outputs stack by stack: Terraform addresses added or removed,
 * attributes changed, provider pins changed. Pure: parsed `cdk.tf.json` documents in, findings out.
 *
 * Each stack's document is split into addresses, each with the JSON body Terraform reads for it:
 * `aws_vpc.network` (resources), `data.aws_region.current`, `provider.aws` or `provider.aws.<alias>`,
 * `output.x`, `variable.x`, `module.x`, `locals.x`, `terraform.backend` and the like, and `//`
 * (cdktf's metadata). Two things are set apart, because a move to another library is expected to
 * change them: `terraform.required_providers` (the provider pins: new pins need `terraform init
 * -upgrade`, not a new plan) and the library version in `//.metadata.version`.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface ProviderPin {
  readonly source?: string;
  readonly version?: string;
}

export interface PinChange {
  readonly provider: string;
  /** Absent when the stack did not require the provider. */
  readonly before?: ProviderPin;
  readonly after?: ProviderPin;
}

/** One leaf of an address's body; `before` or `after` absent when the leaf is absent there. */
export interface AttributeChange {
  readonly address: string;
  readonly path: string;
  readonly before?: string;
  readonly after?: string;
}

export interface StackDiff {
  readonly stack: string;
  /** Addresses in the stack before. */
  readonly addresses: number;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly AttributeChange[];
  readonly pins: readonly PinChange[];
  readonly libraryVersion: { readonly before?: string; readonly after?: string };
}

export interface SynthDiff {
  readonly stacks: readonly StackDiff[];
  readonly addedStacks: readonly string[];
  readonly removedStacks: readonly string[];
}

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const entriesOf = (value: Json | undefined): [string, Json][] => (isObject(value) ? Object.entries(value) : []);

/** cdktf's metadata without the library version, which {@link diffStack} reports on its own. */
function withoutLibraryVersion(comment: Json): Json {
  if (!isObject(comment) || !isObject(comment.metadata)) return comment;
  const metadata = { ...comment.metadata };
  delete metadata.version;
  return { ...comment, metadata };
}

/** The addresses of one stack, each with its body; pins and the library version left out. */
export function addressesOf(document: Json): Map<string, Json> {
  if (!isObject(document)) throw new Error('a synthesized stack must be a JSON object');
  const addresses = new Map<string, Json>();
  for (const [section, value] of Object.entries(document)) {
    if (section === 'resource' || section === 'data') {
      const prefix = section === 'data' ? 'data.' : '';
      for (const [type, named] of entriesOf(value)) {
        for (const [name, body] of entriesOf(named)) addresses.set(`${prefix}${type}.${name}`, body);
      }
    } else if (section === 'provider') {
      for (const [name, configs] of entriesOf(value)) {
        for (const config of Array.isArray(configs) ? configs : [configs]) {
          const alias = isObject(config) && typeof config.alias === 'string' ? `.${config.alias}` : '';
          addresses.set(`provider.${name}${alias}`, config);
        }
      }
    } else if (section === 'terraform') {
      for (const [key, body] of entriesOf(value)) {
        if (key !== 'required_providers') addresses.set(`terraform.${key}`, body);
      }
    } else if (section === '//') {
      addresses.set('//', withoutLibraryVersion(value));
    } else if (isObject(value) && ['output', 'variable', 'module', 'locals'].includes(section)) {
      for (const [name, body] of Object.entries(value)) addresses.set(`${section}.${name}`, body);
    } else {
      addresses.set(section, value);
    }
  }
  return addresses;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Every leaf of a JSON value by path (`tags["kubernetes.io/role"]`, `ingress[0].from_port`), as JSON text. */
export function leaves(value: Json, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: Json, p: string): void => {
    if (Array.isArray(v)) {
      if (v.length === 0) out.set(p, '[]');
      v.forEach((item, i) => walk(item, `${p}[${i}]`));
    } else if (isObject(v)) {
      const keys = Object.keys(v);
      if (keys.length === 0) out.set(p, '{}');
      for (const key of keys)
        walk(v[key], PLAIN_KEY.test(key) ? (p ? `${p}.${key}` : key) : `${p}[${JSON.stringify(key)}]`);
    } else {
      out.set(p, JSON.stringify(v));
    }
  };
  walk(value, path);
  return out;
}

function pinsOf(document: Json): Map<string, ProviderPin> {
  const terraform = isObject(document) ? document.terraform : undefined;
  const required = isObject(terraform) ? terraform.required_providers : undefined;
  return new Map(
    entriesOf(required).map(([name, pin]) => {
      const source = isObject(pin) && typeof pin.source === 'string' ? pin.source : undefined;
      const version = isObject(pin) && typeof pin.version === 'string' ? pin.version : undefined;
      return [name, { ...(source !== undefined && { source }), ...(version !== undefined && { version }) }];
    }),
  );
}

function libraryVersion(document: Json): string | undefined {
  const comment = isObject(document) ? document['//'] : undefined;
  const metadata = isObject(comment) ? comment.metadata : undefined;
  return isObject(metadata) && typeof metadata.version === 'string' ? metadata.version : undefined;
}

const sorted = (values: Iterable<string>) => [...values].sort();

/** One stack before and after. */
export function diffStack(stack: string, before: Json, after: Json): StackDiff {
  const was = addressesOf(before);
  const is = addressesOf(after);
  const changed: AttributeChange[] = [];
  for (const address of sorted(was.keys())) {
    const body = is.get(address);
    if (body === undefined) continue;
    const left = leaves(was.get(address) ?? null);
    const right = leaves(body);
    for (const path of sorted(new Set([...left.keys(), ...right.keys()]))) {
      const [l, r] = [left.get(path), right.get(path)];
      if (l !== r)
        changed.push({ address, path, ...(l !== undefined && { before: l }), ...(r !== undefined && { after: r }) });
    }
  }
  const pinsBefore = pinsOf(before);
  const pinsAfter = pinsOf(after);
  const pins: PinChange[] = sorted(new Set([...pinsBefore.keys(), ...pinsAfter.keys()]))
    .map((provider) => ({ provider, before: pinsBefore.get(provider), after: pinsAfter.get(provider) }))
    .filter((p) => JSON.stringify(p.before) !== JSON.stringify(p.after))
    .map(({ provider, before: b, after: a }) => ({ provider, ...(b && { before: b }), ...(a && { after: a }) }));
  return {
    stack,
    addresses: was.size,
    added: sorted([...is.keys()].filter((a) => !was.has(a))),
    removed: sorted([...was.keys()].filter((a) => !is.has(a))),
    changed,
    pins,
    libraryVersion: { before: libraryVersion(before), after: libraryVersion(after) },
  };
}

/** Two synth outputs, by stack name. */
export function diffSynth(before: ReadonlyMap<string, Json>, after: ReadonlyMap<string, Json>): SynthDiff {
  const both = sorted([...before.keys()].filter((name) => after.has(name)));
  return {
    stacks: both.map((name) => diffStack(name, before.get(name) ?? null, after.get(name) ?? null)),
    addedStacks: sorted([...after.keys()].filter((name) => !before.has(name))),
    removedStacks: sorted([...before.keys()].filter((name) => !after.has(name))),
  };
}

/** Whether the move changed what Terraform would plan: a stack, an address or an attribute. */
export function changesPlan(diff: SynthDiff): boolean {
  return (
    diff.addedStacks.length > 0 ||
    diff.removedStacks.length > 0 ||
    diff.stacks.some((s) => s.added.length > 0 || s.removed.length > 0 || s.changed.length > 0)
  );
}
