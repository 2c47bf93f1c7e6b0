import { TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';
import { isTaggable } from '../../../constructs/shared/tagging';
import { REQUIRED_TAG_KEYS } from '../../../constructs/spec/tags';
import { SHARED_SYNTHS, build, shippedOutput } from '../../helpers/synth';

/** Terraform types whose generated class takes a `tags` map, found by walking the whole app. */
function taggableTypes(root: IConstruct): Set<string> {
  return new Set(
    root.node
      .findAll()
      .filter((c): c is TerraformResource => c instanceof TerraformResource && isTaggable(c))
      .map((r) => r.terraformResourceType),
  );
}

describe('platform tags', () => {
  const { app } = build(SHARED_SYNTHS.shipped());
  const { stacks } = shippedOutput();
  const types = taggableTypes(app);

  test('the walk finds taggable types on both clouds', () => {
    expect(types).toContain('aws_vpc');
    expect(types).toContain('azurerm_resource_group');
  });

  test('every taggable resource in every stack carries the full tag set', () => {
    const missing: string[] = [];
    for (const [stackName, stack] of stacks) {
      for (const [type, resources] of Object.entries(stack.resource ?? {})) {
        if (!types.has(type)) continue;
        for (const [id, resource] of Object.entries(resources)) {
          const tags = (resource.tags ?? {}) as Record<string, string>;
          const absent = REQUIRED_TAG_KEYS.filter((k) => !tags[k]);
          if (absent.length > 0) missing.push(`${stackName} ${type}.${id}: ${absent.join(', ')}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  test('the cloud role says which side a stack is on', () => {
    const roleOf = (stackName: string) => {
      const stack = stacks.get(stackName)!;
      const tagged = Object.values(stack.resource ?? {})
        .flatMap((r) => Object.values(r))
        .find((r) => r.tags);
      return (tagged!.tags as Record<string, string>)['cloud-role'];
    };
    expect(roleOf('prod-azure-host-eastus2')).toBe('host');
    expect(roleOf('prod-aws-dist-us-east-1')).toBe('distribution');
  });
});
