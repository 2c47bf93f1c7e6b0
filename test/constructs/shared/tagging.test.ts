import { SHARED_SYNTHS, sharedOutput } from '../../helpers/shared-synth';
import { build } from '../../helpers/synth';
import { taggableTypes } from '../../invariants/invariants';

describe('platform tags (frozen fixture config)', () => {
  const { app } = build(SHARED_SYNTHS.frozen());
  const { stacks } = sharedOutput('frozen');
  const types = taggableTypes(app);

  test('the walk finds taggable types on both clouds, azapi included', () => {
    expect(types).toContain('aws_vpc');
    expect(types).toContain('azurerm_resource_group');
    expect(types).toContain('azapi_resource');
  });

  test('azapi resources carry the platform tags, at the top level where azapi validates them', () => {
    const flowLogs = [...stacks.values()].flatMap((stack) => Object.values(stack.resource?.azapi_resource ?? {}));
    expect(flowLogs.length).toBeGreaterThan(0);
    for (const flowLog of flowLogs) {
      expect(flowLog.tags).toEqual(expect.objectContaining({ platform: 'gpuplat', 'managed-by': 'cdktf' }));
      expect((flowLog.body as Record<string, unknown>).tags).toBeUndefined();
    }
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
