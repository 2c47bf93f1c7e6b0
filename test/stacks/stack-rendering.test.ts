/**
 * stacks/stack-rendering.ts against cdktf itself: the same app, built once with cdktf's own
 * TerraformStack and once with stacks that prepare and render through stack-rendering.ts, must
 * write byte-identical files (stacks, cross-stack outputs and remote state, manifest with its
 * dependencies) and fail with the same errors. The app holds every kind of token the resolver
 * knows: string, number, list and map tokens, lazy values, functions, dynamic blocks, overrides.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { inspect } from 'util';
import {
  App,
  Fn,
  Lazy,
  TerraformIterator,
  TerraformLocal,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Token,
} from 'cdktf';
import type { Construct } from 'constructs';
import { mayHoldToken, prepareStackReferences, renderStack } from '../../stacks/stack-rendering';

/** A resource whose attributes are whatever the test gives it, written as given. */
class Thing extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    private readonly attributes: () => Record<string, unknown> = () => ({}),
  ) {
    super(scope, id, { terraformResourceType: 'test_thing' });
  }

  get id(): string {
    return this.getStringAttribute('id');
  }

  get ids(): string[] {
    return this.getListAttribute('ids');
  }

  get size(): number {
    return this.getNumberAttribute('size');
  }

  get sizes(): number[] {
    return this.getNumberListAttribute('sizes');
  }

  get labels(): Record<string, string> {
    return this.getStringMapAttribute('labels');
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return this.attributes();
  }
}

class RenderedStack extends TerraformStack {
  override prepareStack(): void {
    prepareStackReferences(this);
  }

  override toTerraform(): Record<string, unknown> {
    return renderStack(this);
  }
}

type StackClass = new (scope: Construct, id: string) => TerraformStack;

/** Two stacks: `owner` holds values, `reader` uses them in every shape a token can take. */
function buildApp(outdir: string, Stack: StackClass, extra?: (reader: TerraformStack, owner: Thing) => void): App {
  const app = new App({ outdir, stackTraces: false });
  const ownerStack = new Stack(app, 'owner');
  const owner = new Thing(ownerStack, 'owner', () => ({ name: 'owner', note: 'keeps ${aws:username} as written' }));
  new TerraformOutput(ownerStack, 'owner-id', { value: owner.id });

  const reader = new Stack(app, 'reader');
  const variable = new TerraformVariable(reader, 'replicas', { type: 'number', default: 2 });
  const local = new TerraformLocal(reader, 'joined', Fn.join(',', owner.ids));
  const iterator = TerraformIterator.fromList(owner.ids);
  const sibling = new Thing(reader, 'sibling', () => ({ name: 'sibling' }));
  new Thing(reader, 'reader', () => ({
    plain: { text: 'no tokens here', exponent: '1e+5 is text', number: 3, yes: true, none: null, gone: undefined },
    reference: owner.id,
    embedded: `arn:${owner.id}:suffix`,
    nested: { deeper: [{ id: owner.id, list: [owner.id, 'literal', undefined] }] },
    list: owner.ids,
    spread: [...owner.ids.slice(0, 0), 'a'],
    number: owner.size,
    number_in_text: `${owner.size}-replicas`,
    numbers: owner.sizes,
    plain_numbers: [1, 2, 3],
    map: owner.labels,
    token_key: { [owner.id]: 'value' },
    lazy: Lazy.stringValue({ produce: () => owner.id }),
    lazy_any: Lazy.anyValue({ produce: () => ({ from: owner.id, count: 1 }) }),
    function: Fn.lookup(owner.labels, 'team', 'none'),
    conditional: Token.asString(Fn.try([owner.id, 'fallback'])),
    local: local.asString,
    variable: variable.numberValue,
    local_sibling: sibling.id,
    dynamic_rule: iterator.dynamic({ id: iterator.value, key: iterator.key }),
  }));
  const overridden = new Thing(reader, 'overridden', () => ({ name: 'x' }));
  overridden.addOverride('lifecycle.prevent_destroy', true);
  overridden.addOverride('depends_on', [`test_thing.${sibling.friendlyUniqueId}`]);
  reader.addOverride('terraform.required_version', '>= 1.5');
  reader.addOverride('locals.from_owner', owner.id);
  extra?.(reader, owner);
  return app;
}

/** Every file under `dir`, by path relative to it, with its text. */
function filesIn(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const file = path.join(at, name);
      if (statSync(file).isDirectory()) walk(file);
      else files.set(path.relative(dir, file), readFileSync(file, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'stack-rendering-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function synthBoth(extra?: (reader: TerraformStack, owner: Thing) => void) {
  const outcome = (Stack: StackClass, dir: string) => {
    try {
      buildApp(path.join(scratch, dir), Stack, extra).synth();
      return { files: filesIn(path.join(scratch, dir)) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  return { cdktf: outcome(TerraformStack, 'cdktf'), ours: outcome(RenderedStack, 'ours') };
}

test("writes byte-identical stacks and manifest to cdktf's own prepare and render", () => {
  const { cdktf, ours } = synthBoth();
  expect(cdktf.error).toBeUndefined();
  expect([...ours.files!.keys()].sort()).toEqual([...cdktf.files!.keys()].sort());
  for (const [file, text] of cdktf.files!) expect({ file, text: ours.files!.get(file) }).toEqual({ file, text });

  // The app exercised what it claims: a cross-stack output and remote state, tokens of each shape.
  const reader = JSON.parse(cdktf.files!.get(path.join('stacks', 'reader', 'cdk.tf.json'))!);
  const owner = JSON.parse(cdktf.files!.get(path.join('stacks', 'owner', 'cdk.tf.json'))!);
  expect(Object.keys(reader.data.terraform_remote_state)).toHaveLength(1);
  expect(Object.keys(owner.output).filter((o) => o.startsWith('cross-stack-output-')).length).toBeGreaterThan(1);
  const thing = reader.resource.test_thing.reader;
  expect(thing.plain).toEqual({ text: 'no tokens here', exponent: '1e+5 is text', number: 3, yes: true, none: null });
  expect(reader.locals.joined).toMatch(/data\.terraform_remote_state\.cross-stack-reference-input-owner/);
  expect(thing.dynamic_rule).toMatch(/data\.terraform_remote_state\.cross-stack-reference-input-owner/);
  const manifest = JSON.parse(cdktf.files!.get('manifest.json')!);
  expect(manifest.stacks.reader.dependencies).toEqual(['owner']);
});

test('fails with the same errors as cdktf on what cannot be resolved', () => {
  const cases: Record<string, (reader: TerraformStack, owner: Thing) => void> = {
    'a construct as a value': (reader) => new Thing(reader, 'bad', () => ({ construct: reader })),
    'a list token in a string': (reader, owner) => new Thing(reader, 'bad', () => ({ text: `${owner.ids}` })),
    'a function as a value': (reader) => new Thing(reader, 'bad', () => ({ fn: () => 1 })),
    'a cycle in plain data': (reader) => {
      const cycle: Record<string, unknown> = {};
      cycle.self = cycle;
      new Thing(reader, 'bad', () => ({ cycle }));
    },
  };
  for (const [what, extra] of Object.entries(cases)) {
    const { cdktf, ours } = synthBoth(extra);
    expect({ what, error: cdktf.error }).toEqual({ what, error: expect.any(String) });
    expect({ what, error: ours.error }).toEqual({ what, error: cdktf.error });
  }
});

test('hands cdktf every value that is or may hold a token or is not plain data, and no plain data', () => {
  const app = new App({ outdir: path.join(scratch, 'app') });
  const stack = new TerraformStack(app, 'stack');
  const thing = new Thing(stack, 'thing');
  for (const value of [
    thing.id,
    `prefix-${thing.id}`,
    thing.size,
    `${thing.size}`,
    thing.ids,
    thing.sizes,
    [1, 2],
    { [thing.id]: 1 },
    thing.labels,
    Lazy.stringValue({ produce: () => 'x' }),
    Fn.join(',', ['a']),
    Token.STRING_MAP_TOKEN_VALUE,
    Token.NUMBER_MAP_TOKEN_VALUE,
    () => 1,
    stack,
    stack.node,
    new Date(0),
  ])
    expect({ value: inspect(value, { depth: 0 }), held: mayHoldToken(value) }).toEqual({
      value: inspect(value, { depth: 0 }),
      held: true,
    });
  for (const value of [
    'text',
    '${aws:username}',
    42,
    true,
    null,
    undefined,
    [],
    ['a', 'b'],
    { a: { b: 'c' } },
    Object.create(null),
  ])
    expect({ value: inspect(value, { depth: 0 }), held: mayHoldToken(value) }).toEqual({
      value: inspect(value, { depth: 0 }),
      held: false,
    });
});
