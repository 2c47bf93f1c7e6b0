import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { App, Aspects, TerraformStack } from 'cdktf';
import { PolicyAspect } from '../../../constructs/shared/policy';
import {
  POLICY_RULES,
  nsgRuleAdmitsFromWorld,
  securityGroupRuleAdmitsFromWorld,
} from '../../../constructs/shared/policy-rules';

const rule = (id: string) => POLICY_RULES.find((r) => r.id === id)!;

/** Synthesizes one AWS stack through the real App, as `cdktf synth` does; returns the error, if any. */
function synthError(build: (stack: TerraformStack) => void): string | undefined {
  const outdir = mkdtempSync(path.join(tmpdir(), 'gpu-platform-policy-'));
  try {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'policy');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    Aspects.of(stack).add(new PolicyAspect());
    build(stack);
    app.synth();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe('PLAT-1: stateful resources are protected from destroy', () => {
  test('noncompliant: a log group without prevent_destroy', () => {
    expect(rule('PLAT-1').check('aws_cloudwatch_log_group', {})).toBe(
      'stateful resource must set lifecycle.prevent_destroy',
    );
  });
  test('compliant: prevent_destroy set', () => {
    expect(rule('PLAT-1').check('azurerm_key_vault', { lifecycle: { prevent_destroy: true } })).toBeUndefined();
  });
  test('covers keys, logs, stores and vaults on both clouds', () => {
    expect(rule('PLAT-1').appliesTo).toEqual(
      expect.arrayContaining([
        'aws_kms_key',
        'aws_s3_bucket',
        'azurerm_key_vault_key',
        'azurerm_storage_account',
        'azurerm_log_analytics_workspace',
      ]),
    );
  });
});

describe('PLAT-2: no SSH or RDP from the internet', () => {
  test('noncompliant: a security group open on 22 to the world', () => {
    const ingress = [{ protocol: 'tcp', from_port: 0, to_port: 1024, cidr_blocks: ['0.0.0.0/0'] }];
    expect(rule('PLAT-2').check('aws_security_group', { ingress })).toMatch(/admits SSH or RDP/);
  });
  test('noncompliant: an NSG allowing a port range with 3389 from Internet', () => {
    const security_rule = [
      { access: 'Allow', direction: 'Inbound', source_address_prefix: 'Internet', destination_port_range: '3000-4000' },
    ];
    expect(rule('PLAT-2').check('azurerm_network_security_group', { security_rule })).toMatch(/admits SSH or RDP/);
  });
  test('compliant: HTTPS from the VPC, and a deny rule from the internet', () => {
    expect(
      securityGroupRuleAdmitsFromWorld(
        { protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16'] },
        22,
      ),
    ).toBe(false);
    expect(
      nsgRuleAdmitsFromWorld(
        { access: 'Deny', direction: 'Inbound', source_address_prefix: 'Internet', destination_port_range: '*' },
        22,
      ),
    ).toBe(false);
  });
});

describe('PLAT-3: KMS keys rotate', () => {
  test('noncompliant and compliant', () => {
    expect(rule('PLAT-3').check('aws_kms_key', { enable_key_rotation: false })).toBe('must set enable_key_rotation');
    expect(rule('PLAT-3').check('aws_kms_key', { enable_key_rotation: true })).toBeUndefined();
  });
});

describe('PLAT-4: hardened storage accounts', () => {
  test('names every missing setting', () => {
    expect(rule('PLAT-4').check('azurerm_storage_account', { min_tls_version: 'TLS1_0' })).toBe(
      'must set min_tls_version TLS1_2, shared_access_key_enabled false, allow_nested_items_to_be_public false',
    );
  });
});

describe('the policy gate', () => {
  test('fails the synth, naming the rule and the resource', () => {
    const error = synthError((stack) => {
      new KmsKey(stack, 'key', { enableKeyRotation: false });
    });
    expect(error).toContain('[PLAT-1] aws_kms_key policy/key: stateful resource must set lifecycle.prevent_destroy');
    expect(error).toContain('[PLAT-3] aws_kms_key policy/key: must set enable_key_rotation');
  });

  test('passes compliant resources', () => {
    expect(
      synthError((stack) => {
        new KmsKey(stack, 'key', { enableKeyRotation: true, lifecycle: { preventDestroy: true } });
        new SecurityGroup(stack, 'sg', {
          ingress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['10.0.0.0/16'] }],
        });
      }),
    ).toBeUndefined();
  });
});
