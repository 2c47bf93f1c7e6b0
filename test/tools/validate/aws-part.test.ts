import { undeclaredReferences } from '../../../constructs/checks/references';
import type { StackJson } from '../../../constructs/shared/stack-json';
import { awsPart, hasAwsPart, standInVariable } from '../../../tools/validate/aws-part';
import { sharedOutput } from '../../helpers/shared-synth';

const { stacks } = sharedOutput('frozen');

describe('awsPart (frozen fixture)', () => {
  test('a link stack keeps its AWS resources, remote state and outputs, and stands in for the Azure ones it reads', () => {
    const link = stacks.get('prod-link')!;
    const part = awsPart(link, '5.100.0');
    const types = Object.keys(part.config.resource ?? {});
    expect(types.length).toBeGreaterThan(3);
    for (const type of types) expect(type).toMatch(/^aws_/);
    expect(Object.keys(part.config.data ?? {})).toEqual(['terraform_remote_state']);
    expect(part.config.provider).toEqual({ aws: link.provider!.aws });
    // The stack's own source address (cdktf writes `aws`, CDK Terrain `hashicorp/aws`), the mirrored version.
    const { source } = (link.terraform as unknown as { required_providers: Record<string, { source: string }> })
      .required_providers.aws;
    expect(source).toMatch(/^(hashicorp\/)?aws$/);
    expect(part.config.terraform).toEqual({ required_providers: { aws: { source, version: '5.100.0' } } });
    expect(part.notValidated.every((a) => a.startsWith('azurerm_') || a.startsWith('data.azurerm_'))).toBe(true);
    expect(part.standIns.map((s) => s.declaration)).toEqual([
      expect.stringMatching(/^azurerm_public_ip\./),
      expect.stringMatching(/^azurerm_public_ip\./),
    ]);
    for (const s of part.standIns) expect(part.config.variable?.[s.variable]).toBeDefined();
    // What is left refers only to what is left.
    expect(undeclaredReferences(part.config)).toEqual([]);
  });

  test('an AWS-only stack is kept whole but for its backend and version', () => {
    const dist = stacks.get('prod-aws-dist-us-east-1')!;
    const part = awsPart(dist, '5.100.0');
    expect(part.notValidated).toEqual([]);
    expect(part.standIns).toEqual([]);
    expect(part.config.resource).toEqual(dist.resource);
    expect(part.config.locals).toEqual(dist.locals);
    expect((part.config.terraform as Record<string, unknown>).backend).toBeUndefined();
  });

  test('an Azure host stack has no AWS part', () => {
    expect(hasAwsPart(stacks.get('prod-azure-host-eastus2')!)).toBe(false);
    expect(hasAwsPart(stacks.get('prod-link')!)).toBe(true);
  });

  test('depends_on entries naming resources left out are dropped; stand-ins replace whole roots only', () => {
    const stack = {
      terraform: { backend: {}, required_providers: { aws: { source: 'aws', version: '6.25.0' } } },
      resource: {
        aws_customer_gateway: {
          cgw: {
            ip_address: '${azurerm_public_ip.pip.ip_address}',
            tags: { note: '${azurerm_public_ip.pip_other.id}' },
            depends_on: ['azurerm_public_ip.pip', 'aws_vpn_gateway.vgw'],
          },
        },
        aws_vpn_gateway: { vgw: {} },
        azurerm_public_ip: { pip: {}, pip_other: {} },
      },
    } as unknown as StackJson;
    const part = awsPart(stack, '5.100.0');
    const cgw = part.config.resource!.aws_customer_gateway.cgw;
    expect(cgw.ip_address).toBe(`\${var.${standInVariable('azurerm_public_ip.pip')}.ip_address}`);
    expect(cgw.tags).toEqual({ note: `\${var.${standInVariable('azurerm_public_ip.pip_other')}.id}` });
    expect(cgw.depends_on).toEqual(['aws_vpn_gateway.vgw']);
  });
});
