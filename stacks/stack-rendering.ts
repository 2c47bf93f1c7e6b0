/**
 * How every platform stack is prepared and rendered: what cdktf's `TerraformStack.prepareStack`
 * and `toTerraform` do, with the same result, minus their walks over plain data.
 *
 * cdktf resolves tokens by walking the whole value: for every string, number, key and block it
 * makes a resolution context and runs its token tests. It does so three times per stack: once in
 * `prepareStack`, in preparing mode, only so the tokens can register cross-stack references (an
 * output in the owning stack, a remote-state data source in the reading one), result thrown
 * away; once per element while rendering; and once more over the whole rendering, already
 * resolved. Together, two fifths of synth time, growing with every region.
 *
 * Here the walk over plain data is ours and cheap. Every value that is, or may contain, a token,
 * or that cdktf would reject, goes to cdktf's own resolver whole, as its walk would have reached
 * it, with the same (default) resolver: the tokens resolved, their order and so the references
 * registered are cdktf's, and its errors (a construct in the config, a list token in a string,
 * a cycle) are raised as before. Plain data comes out as cdktf's resolver returns it: copied,
 * with undefined members dropped.
 */
import { DefaultTokenResolver, StringConcat, TerraformElement, TerraformOutput, TerraformStack, Token } from 'cdktf';
// cdktf's own resolver, which Tokenization.resolve calls: this one also takes the path, so a
// value handed over mid-walk resolves, and fails, as it would have in cdktf's walk.
import { resolve } from 'cdktf/lib/tokens/private/resolve';
import { deepMerge } from 'cdktf/lib/util';
import type { IConstruct } from 'constructs';

/** The resolver cdktf's own passes use: the default one, concatenating strings. */
const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** Deeper than this, cdktf reports a circular reference: the value goes to it, to say so. */
const MAX_PLAIN_DEPTH = 200;

/**
 * What `TerraformStack.prepareStack` does: makes sure the stack has a backend, then resolves
 * every element's rendering in preparing mode, so cross-stack references are registered.
 */
export function prepareStackReferences(stack: TerraformStack): void {
  stack.ensureBackendExists();
  for (const element of stackElements(stack)) resolveValue(stack, element.toTerraform(), true);
}

/**
 * What `TerraformStack.toTerraform` returns: the stack's Terraform JSON, with the `//` metadata
 * block, every element's fragment merged in creation order, then the stack's own overrides, all
 * resolved.
 */
export function renderStack(stack: TerraformStack): Record<string, unknown> {
  const overrides = stackOverrides(stack);
  const metadata: Record<string, unknown> = {
    version: stack.node.tryGetContext('cdktfVersion'),
    stackName: stack.node.id,
    backend: 'local', // each backend's metadata overwrites it
    cloud: undefined, // the cloud and remote backends' metadata overwrite it
    ...(Object.keys(overrides).length > 0 ? { overrides: { stack: Object.keys(overrides) } } : {}),
  };
  const elements = stackElements(stack);
  for (const element of elements) deepMerge(metadata, resolveValue(stack, element.toMetadata(), false));
  const tf: Record<string, unknown> = { '//': { metadata, outputs: outputIds(elements) } };
  for (const element of elements) deepMerge(tf, resolveValue(stack, element.toTerraform(), false));
  deepMerge(tf, overrides);
  return resolveValue(stack, tf, false) as Record<string, unknown>;
}

/** The stack's elements in cdktf's order (depth first, creation order), nested stacks excluded. */
function stackElements(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!TerraformStack.isStack(child)) stackElements(child, into);
  return into;
}

/** The overrides set with `stack.addOverride`, which cdktf keeps in a private field. */
function stackOverrides(stack: TerraformStack): Record<string, unknown> {
  const overrides: unknown = Reflect.get(stack, 'rawOverrides');
  if (typeof overrides !== 'object' || overrides === null)
    throw new Error(
      `stack ${stack.node.id}: this cdktf keeps no rawOverrides on TerraformStack; stacks/stack-rendering.ts must follow its TerraformStack.toTerraform`,
    );
  return overrides as Record<string, unknown>;
}

/** The `//.outputs` block: each output's construct path as nested keys, down to its logical id. */
function outputIds(elements: readonly TerraformElement[]): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const element of elements) {
    if (!TerraformOutput.isTerraformOutput(element)) continue;
    const nested = element.node.path
      .split('/')
      .reduceRight<Record<string, unknown>>(
        (inner, part) => ({ [part]: Object.keys(inner).length === 0 ? element.friendlyUniqueId : inner }),
        {},
      );
    deepMerge(outputs, nested);
  }
  return outputs;
}

/**
 * cdktf's resolution of `value`, reached at `path` from the top of what is being resolved: plain
 * data walked here, anything else resolved by cdktf as its own walk would have, from the same path
 * (which its errors name, and whose length its cycle check counts). Plain data comes back copied,
 * without undefined members; in preparing mode, only the tokens' effects count, and nothing is built.
 */
function resolveValue(stack: TerraformStack, value: unknown, preparing: boolean, path: string[] = []): unknown {
  if (path.length > MAX_PLAIN_DEPTH || mayHoldToken(value))
    return resolve(value, { scope: stack, preparing, resolver: RESOLVER, prefix: [...path] });
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    value.forEach((item, index) => {
      path.push(`${index}`);
      const resolved = resolveValue(stack, item, preparing, path);
      path.pop();
      if (resolved !== undefined && !preparing) items.push(resolved);
    });
    return items;
  }
  if (isPlainObject(value)) {
    const members: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      path.push(key);
      const resolved = resolveValue(stack, value[key], preparing, path);
      path.pop();
      if (resolved !== undefined && !preparing) members[key] = resolved;
    }
    return members;
  }
  return value;
}

/** Data written as literals or JSON: an object whose prototype is Object's, or none. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Whether cdktf must resolve `value` itself: it is, or may be, a token (string, number, list or
 * map encoded) or a resolvable, or it is not plain data (a function, a class instance: a date,
 * which cdktf keeps, or a construct, which it refuses). Plain arrays and objects answer no; their
 * members are asked one by one.
 */
export function mayHoldToken(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
      return stringMayHoldToken(value);
    case 'number':
      // A number is a token only as one of cdktf's encoded doubles; the map marker is an error.
      return Token.isUnresolved(value) || value === Token.NUMBER_MAP_TOKEN_VALUE;
    case 'function':
      return true;
    case 'object':
      if (value === null) return false;
      if (Array.isArray(value))
        // A list token is an element of its array, which cdktf decodes whole; so is a number
        // list, whose encoded doubles only the array's decoding recognises: such arrays go whole.
        return value.some((item) => typeof item === 'number' || (typeof item === 'string' && stringMayHoldToken(item)));
      return !isPlainObject(value) || Object.keys(value).some(stringMayHoldToken);
    default:
      return false;
  }
}

/**
 * Every token marker (`${TfToken[`, `#{TfToken[`, `&{TfToken[`) holds `TfToken[`; an encoded
 * number written into a string is a huge negative double, so its text has an `e+` exponent; the
 * map markers are errors cdktf reports.
 */
function stringMayHoldToken(text: string): boolean {
  return (
    text.includes('TfToken[') ||
    text.includes('e+') ||
    text === Token.STRING_MAP_TOKEN_VALUE ||
    text === Token.ANY_MAP_TOKEN_VALUE
  );
}
