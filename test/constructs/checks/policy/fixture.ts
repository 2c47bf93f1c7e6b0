/**
 * Small stacks for policy tests, built in the test: raw Terraform resources of any type with the
 * attributes given, synthesized by cdktf and read back as the gate reads them.
 */
import { Testing, TerraformResource, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { StackJson } from '../../../../constructs/shared/stack-json';

/** One resource of a fixture: Terraform type, id (its address is `type.id`), attributes as written. */
export type FixtureResource = readonly [type: string, id: string, attributes: Record<string, unknown>];

const META_ARGUMENTS = ['lifecycle', 'depends_on'];

/** A Terraform resource that writes exactly the attributes it is given. */
export class RawResource extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    type: string,
    private readonly attributes: Record<string, unknown>,
  ) {
    super(scope, id, { terraformResourceType: type });
    // Meta-arguments are written by cdktf from overrides, not from the attributes.
    for (const meta of META_ARGUMENTS) if (attributes[meta] !== undefined) this.addOverride(meta, attributes[meta]);
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.attributes).filter(([key]) => !META_ARGUMENTS.includes(key)));
  }
}

/** Adds the resources to `stack`. */
export function addResources(stack: TerraformStack, resources: readonly FixtureResource[]): void {
  for (const [type, id, attributes] of resources) new RawResource(stack, id, type, attributes);
}

/** A stack of `resources`, synthesized and parsed. */
export function fixtureStack(resources: readonly FixtureResource[]): StackJson {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'fixture');
  addResources(stack, resources);
  return JSON.parse(Testing.synth(stack)) as StackJson;
}
