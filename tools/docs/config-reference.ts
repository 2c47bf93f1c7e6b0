/**
 * The configuration reference (docs/configuration.md), generated from the config's JSON Schema,
 * which is itself generated from the zod schema (`config/schema.ts`, descriptions in `.meta()`), so
 * the page cannot drift from what the app accepts: a test fails while the committed page is stale,
 * and `npm run docs:config` rewrites it. Pure: a schema in, Markdown out.
 */

/** The parts of a JSON Schema (draft 2020-12, as zod writes it) the page reads. */
export interface JsonSchemaNode {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly pattern?: string;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonSchemaNode | boolean;
  readonly items?: JsonSchemaNode;
  readonly anyOf?: readonly JsonSchemaNode[];
  readonly oneOf?: readonly JsonSchemaNode[];
}

/** One setting of the config: where it is, what it takes, its default and what it does. */
export interface ConfigSetting {
  /** `environments.<env>.aws.regions[].cidr`; a variant of a union adds `(type: "s3")`. */
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  /** JSON of the default, when the schema states one. */
  readonly default?: string;
  readonly description: string;
}

/** zod writes the bounds of a plain `int()` as the safe-integer range: not a rule worth printing. */
const SAFE = Number.MAX_SAFE_INTEGER;
const bound = (n: number | undefined) => (n === undefined || Math.abs(n) >= SAFE ? undefined : n);

function range(min: number | undefined, max: number | undefined, unit = ''): string {
  const lo = bound(min);
  const hi = bound(max);
  if (lo !== undefined && hi !== undefined) return ` ${lo}-${hi}${unit}`;
  if (lo !== undefined) return ` >= ${lo}${unit}`;
  if (hi !== undefined) return ` <= ${hi}${unit}`;
  return '';
}

/** The value a node takes, in a few words: `integer 0-23`, `"patch" \| "stable"`, `array of string`. */
export function typeOf(node: JsonSchemaNode): string {
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  const variants = node.anyOf ?? node.oneOf;
  if (variants && variants.every(isTypeVariant)) {
    return `one of, by \`type\`: ${variants.map((v) => JSON.stringify(v.properties!.type!.const)).join(' | ')}`;
  }
  if (variants) return variants.map(typeOf).join(' or ');
  const type = typeof node.type === 'string' ? node.type : (node.type?.join(' | ') ?? 'any');
  switch (type) {
    case 'integer':
    case 'number':
      return `${type}${range(node.minimum, node.maximum)}`;
    case 'string':
      return node.format ? `string (${node.format})` : 'string';
    case 'array':
      return `array of ${node.items ? typeOf(node.items) : 'any'}${range(node.minItems, node.maxItems, ' items')}`;
    case 'object':
      return node.properties ? 'object' : 'map of name to object';
    default:
      return type;
  }
}

/** A variant of a union discriminated by its `type` (`{ "type": "s3", ... }`). */
const isTypeVariant = (v: JsonSchemaNode) => v.properties?.type?.const !== undefined;

/** Every setting under `node`, depth first, in the schema's order. */
export function configSettings(node: JsonSchemaNode, path = '', required = true): ConfigSetting[] {
  const out: ConfigSetting[] = [];
  const variants = node.anyOf ?? node.oneOf;
  if (variants && variants.every(isTypeVariant)) {
    // A discriminated union: each variant's settings under the value that selects it.
    for (const v of variants) {
      out.push(...childSettings(v, `${path} (type: ${JSON.stringify(v.properties!.type!.const)})`));
    }
    return out;
  }
  out.push(...childSettings(node, path));
  if (node.items && (node.items.properties || node.items.anyOf))
    out.push(...configSettings(node.items, `${path}[]`, required));
  return out;
}

function childSettings(node: JsonSchemaNode, path: string): ConfigSetting[] {
  const out: ConfigSetting[] = [];
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    if (name === '$schema') continue;
    const childPath = path ? `${path}.${name}` : name;
    out.push({
      path: childPath,
      type: typeOf(child),
      required: (node.required ?? []).includes(name) && child.default === undefined,
      ...(child.default !== undefined ? { default: JSON.stringify(child.default) } : {}),
      description: child.description ?? '',
    });
    out.push(...configSettings(child, childPath));
  }
  const map = node.additionalProperties;
  if (typeof map === 'object' && !node.properties) {
    const placeholder = path.endsWith('environments') ? '<env>' : '<name>';
    out.push(...configSettings(map, `${path}.${placeholder}`));
  }
  return out;
}

/** Pipes end a Markdown cell; newlines end a row. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export const CONFIG_REFERENCE_PAGE = 'docs/configuration.md';

/** The whole page. */
export function configReferencePage(schema: JsonSchemaNode): string {
  const settings = configSettings(schema);
  const undocumented = settings.filter((s) => !s.description);
  if (undocumented.length > 0) {
    throw new Error(
      `config settings without a description (add .meta({ description }) in config/schema.ts): ${undocumented.map((s) => s.path).join(', ')}`,
    );
  }
  return [
    '# Configuration reference',
    '',
    '<!-- Generated by `npm run docs:config` from config/schema.ts (through config/platform.schema.json); do not edit. -->',
    '',
    'Every setting of `config/platform.json`, in the order of the schema. `required` settings have',
    'no default; the others may be left out. Rules JSON Schema cannot state (CIDR overlap, the GPU',
    'catalog per cloud, what each region offers) are checked by the app when it reads the file; see',
    '[fork-guide.md](fork-guide.md) for what to change first.',
    '',
    '| setting | type | default | description |',
    '| --- | --- | --- | --- |',
    ...settings.map(
      (s) =>
        `| \`${cell(s.path)}\` | ${cell(s.type)} | ${s.default !== undefined ? `\`${cell(s.default)}\`` : s.required ? 'required' : '—'} | ${cell(s.description)} |`,
    ),
    '',
  ].join('\n');
}
