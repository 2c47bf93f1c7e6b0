/**
 * The reference invariant: every reference in a synthesized stack names something that stack
 * declares. Terraform plans one stack at a time; a reference to a resource of another stack is
 * `Reference to undeclared resource` at `terraform validate`. cdktf turns a value taken from
 * another stack into remote state only when it is set before synthesis starts, so a value set
 * late (by an aspect, or an override made during synthesis) stays a raw reference. This check
 * reads what was written, whatever set it, and needs no provider. Pure: no constructs, no I/O.
 */
import type { StackJson } from '../shared/stack-json';

/** One reference to something the stack does not declare. */
export interface UndeclaredReference {
  /** Where it is written: `aws_iam_role.x`, `data.t.n`, `output.o`, `local.l`, `provider.aws[0]`... */
  readonly address: string;
  /** The construct path cdktf recorded for that block, when it did. */
  readonly path?: string;
  /** The attribute it is written in, dotted (`permissions_boundary`, `depends_on[0]`). */
  readonly attribute: string;
  /** What it names: `aws_iam_policy.boundary`, `var.x`, `local.y`. */
  readonly reference: string;
}

/** Names an expression may start with that are not declarations of the stack. */
const CONTEXT_ROOTS = new Set(['count', 'each', 'self', 'path', 'terraform']);

/** Keywords of Terraform's expression language, which are never references. */
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'else', 'endif', 'endfor']);

interface Token {
  readonly kind: 'name' | 'punct' | 'newline' | 'other';
  readonly text: string;
}

/**
 * The references of a Terraform JSON string, which is a template: `${ expr }` interpolations
 * and `%{ ... }` directives among literal text, `$${` and `%%{` escaping them. Each reference is
 * its root and the names after it (`aws_vpc.main.id`, `var.region`), up to the first index.
 */
export function templateReferences(text: string): string[] {
  const references: string[] = [];
  scanTemplate(text, 0, references, undefined);
  return references;
}

/**
 * Scans a template from `start` to its end, or to the closing quote when `quote` is set (a
 * string inside an expression). Returns the index after the last character it consumed.
 */
function scanTemplate(text: string, start: number, references: string[], quote: '"' | undefined): number {
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (quote && c === '\\') {
      i += 2;
      continue;
    }
    if (quote && c === quote) return i + 1;
    if ((c === '$' || c === '%') && text[i + 1] === '{') {
      i = scanExpression(text, i + 2, references);
      continue;
    }
    if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      i += 3;
      continue;
    }
    i += 1;
  }
  return i;
}

/** Scans one expression up to its closing brace, collecting references. Returns the index after the brace. */
function scanExpression(text: string, start: number, references: string[]): number {
  const tokens: Token[] = [];
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '}' && depth === 0) {
      i += 1;
      break;
    }
    if (c === '\n') {
      tokens.push({ kind: 'newline', text: c });
      i += 1;
    } else if (/\s/.test(c)) i += 1;
    else if (c === '"') {
      i = scanTemplate(text, i + 1, references, '"');
      tokens.push({ kind: 'other', text: 'string' });
    } else if (/[A-Za-z_]/.test(c)) {
      const name = /^[A-Za-z_][\w-]*/.exec(text.slice(i))![0];
      tokens.push({ kind: 'name', text: name });
      i += name.length;
    } else if (/\d/.test(c)) {
      const number = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))![0];
      tokens.push({ kind: 'other', text: number });
      i += number.length;
    } else {
      const punct = /^(::|==|!=|<=|>=|&&|\|\||=>|\.\.\.|[^\s\w"])/.exec(text.slice(i))![0];
      if (punct === '{' || punct === '(' || punct === '[') depth += 1;
      if (punct === '}' || punct === ')' || punct === ']') depth -= 1;
      tokens.push({ kind: 'punct', text: punct });
      i += punct.length;
    }
  }
  references.push(...expressionReferences(tokens));
  return i;
}

/** The references among an expression's tokens: root names that are not keys, calls, attributes or bound names. */
function expressionReferences(tokens: readonly Token[]): string[] {
  const bound = boundNames(tokens);
  const significant = tokens.filter((t) => t.kind !== 'newline');
  const openers: string[] = [];
  const found: string[] = [];
  tokens.forEach((token, i) => {
    if (token.kind === 'punct' && ['{', '(', '['].includes(token.text)) openers.push(token.text);
    if (token.kind === 'punct' && ['}', ')', ']'].includes(token.text)) openers.pop();
    if (token.kind !== 'name' || KEYWORDS.has(token.text) || bound.has(token.text)) return;
    const at = significant.indexOf(token);
    const before = significant[at - 1]?.text;
    const after = significant[at + 1]?.text;
    if (before === '.' || before === '::' || after === '(' || after === '::') return;
    const previous = tokens[i - 1];
    const startsItem = before === '{' || before === ',' || previous?.kind === 'newline';
    if (openers.at(-1) === '{' && startsItem && (after === '=' || after === ':')) return;
    if (CONTEXT_ROOTS.has(token.text)) return;
    const parts = [token.text];
    for (let j = at + 1; significant[j]?.text === '.' && significant[j + 1]?.kind === 'name'; j += 2) {
      parts.push(significant[j + 1].text);
    }
    found.push(parts.join('.'));
  });
  return found;
}

/** Names bound by `for` expressions and directives: `for k, v in ...`. */
function boundNames(tokens: readonly Token[]): Set<string> {
  const bound = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.kind !== 'name' || token.text !== 'for') return;
    for (let j = i + 1; j < tokens.length && tokens[j].text !== 'in'; j++) {
      if (tokens[j].kind === 'name') bound.add(tokens[j].text);
    }
  });
  return bound;
}

/** The declaration a reference needs: `aws_vpc.main` for `aws_vpc.main.id`, `var.x` for `var.x`. */
export function declarationOf(reference: string): string | undefined {
  const parts = reference.split('.');
  if (CONTEXT_ROOTS.has(parts[0])) return undefined;
  if (parts[0] === 'data') return parts.slice(0, 3).join('.');
  return parts.slice(0, 2).join('.');
}

/** Everything a stack declares that a reference may name. */
function declarations(stack: StackJson): Set<string> {
  const declared = new Set<string>();
  const blocks = (value: unknown) => Object.entries((value ?? {}) as Record<string, Record<string, unknown>>);
  for (const [type, byName] of blocks(stack.resource))
    for (const name of Object.keys(byName)) declared.add(`${type}.${name}`);
  for (const [type, byName] of blocks(stack.data))
    for (const name of Object.keys(byName)) declared.add(`data.${type}.${name}`);
  for (const name of Object.keys(stack.variable ?? {})) declared.add(`var.${name}`);
  for (const name of Object.keys((stack.locals ?? {}) as object)) declared.add(`local.${name}`);
  for (const name of Object.keys((stack.module ?? {}) as object)) declared.add(`module.${name}`);
  return declared;
}

/** Each top-level block of a stack that may hold references, with its address and construct path. */
function referringBlocks(stack: StackJson): { address: string; path?: string; body: unknown }[] {
  const pathOf = (body: unknown) =>
    (body as { '//'?: { metadata?: { path?: string } } } | undefined)?.['//']?.metadata?.path ?? undefined;
  const named = (prefix: string, value: unknown) =>
    Object.entries((value ?? {}) as Record<string, Record<string, unknown>>).flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, body]) => ({ address: `${prefix}${type}.${name}`, path: pathOf(body), body })),
    );
  const single = (prefix: string, value: unknown) =>
    Object.entries((value ?? {}) as Record<string, unknown>).map(([name, body]) => ({
      address: `${prefix}.${name}`,
      path: pathOf(body),
      body,
    }));
  const providers = Object.entries((stack.provider ?? {}) as Record<string, unknown[]>).flatMap(([name, configs]) =>
    [configs].flat().map((body, i) => ({ address: `provider.${name}[${i}]`, path: pathOf(body), body })),
  );
  const locals = Object.entries((stack.locals ?? {}) as Record<string, unknown>).map(([name, value]) => ({
    address: `local.${name}`,
    body: { value },
  }));
  return [
    ...named('', stack.resource),
    ...named('data.', stack.data),
    ...single('output', stack.output),
    ...locals,
    ...single('module', stack.module),
    ...providers,
  ];
}

/** An attribute path as Terraform's messages write it: `ingress[0].cidr_blocks[1]`. */
function attributePath(at: readonly (string | number)[]): string {
  return at.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

/**
 * Calls `visit` with every string under `value` and the steps of its attribute path (`at`, one
 * array reused through the walk: read it during the call, copy it to keep it), skipping cdktf's
 * `//` metadata. A plain walk that builds a path's text only when asked: every string of every
 * stack is walked on each synth.
 */
function eachString(
  value: unknown,
  at: (string | number)[],
  visit: (at: readonly (string | number)[], text: string) => void,
): void {
  if (typeof value === 'string') visit(at, value);
  else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      at.push(i);
      eachString(item, at, visit);
      at.pop();
    });
  } else if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (key === '//') continue;
      at.push(key);
      eachString((value as Record<string, unknown>)[key], at, visit);
      at.pop();
    }
  }
}

/** Names a dynamic block binds in its content: its label, or its `iterator`. */
function dynamicIterators(body: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      if (key === 'dynamic' && item && typeof item === 'object') {
        for (const [label, block] of Object.entries(item)) {
          names.add(label);
          const iterator = (block as { iterator?: unknown }).iterator;
          if (typeof iterator === 'string') names.add(iterator);
        }
      }
      visit(item);
    }
  };
  visit(body);
  return names;
}

/** The references of a stack that name nothing it declares; `depends_on` entries included. */
export function undeclaredReferences(stack: StackJson): UndeclaredReference[] {
  const declared = declarations(stack);
  const findings: UndeclaredReference[] = [];
  for (const block of referringBlocks(stack)) {
    let iterators: Set<string> | undefined;
    eachString(block.body, [], (at, text) => {
      const dependsOn = at.length === 2 && at[0] === 'depends_on';
      if (!dependsOn && !text.includes('{')) return;
      // depends_on takes bare addresses; an interpolation there is not one (Terraform: "A static
      // list expression is required"), so it is reported whole.
      const references = dependsOn ? [text] : templateReferences(text);
      for (const reference of references) {
        const needed = declarationOf(reference);
        if (needed === undefined || declared.has(needed)) continue;
        // A dynamic block's iterator is no declaration; looked for only when a name is not declared.
        iterators ??= dynamicIterators(block.body);
        if (iterators.has(reference.split('.')[0])) continue;
        findings.push({ address: block.address, path: block.path, attribute: attributePath(at), reference });
      }
    });
  }
  return findings;
}
