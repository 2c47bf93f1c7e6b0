/**
 * `npm run validate` against Terraform itself, through the local mirror of hashicorp/aws: needs
 * `terraform` and the mirror. Where either is missing the tests are skipped with a message,
 * unless GPU_PLATFORM_REQUIRE_TERRAFORM=1 (CI sets it), where that is a failure.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { findProviderMirrors } from '../../../tools/validate/mirror';
import { terraformVersion } from '../../../tools/validate/terraform';
import { validateStacks } from '../../../tools/validate/validate-stacks';

const missing = [
  ...(terraformVersion() ? [] : ['terraform is not on the PATH']),
  ...(findProviderMirrors('hashicorp/aws').length > 0 ? [] : ['no local mirror of hashicorp/aws was found']),
];
const required = process.env.GPU_PLATFORM_REQUIRE_TERRAFORM === '1';
if (missing.length > 0 && !required) {
  console.warn(`validate-stacks.test.ts skipped: ${missing.join('; ')}`);
}
const withTerraform = missing.length > 0 && !required ? describe.skip : describe;

/** A stack as cdktf writes one, pinned to the provider major the project uses. */
const awsStack = (resource: Record<string, unknown>) => ({
  terraform: {
    backend: { local: { path: 'x.tfstate' } },
    required_providers: { aws: { source: 'aws', version: '6.25.0' } },
  },
  provider: { aws: [{ region: 'us-east-1' }] },
  resource,
});

withTerraform('validateStacks through the local mirror', () => {
  test('terraform is here when CI requires it', () => {
    expect(missing).toEqual([]);
  });

  test('a broken reference fails; an argument the mirrored version lacks is reported, not dropped silently', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gpu-platform-validate-test-'));
    const write = (name: string, stack: unknown) => {
      mkdirSync(path.join(dir, name));
      writeFileSync(path.join(dir, name, 'cdk.tf.json'), JSON.stringify(stack));
    };
    try {
      write(
        'broken',
        awsStack({
          aws_s3_bucket_versioning: {
            v: { bucket: '${aws_s3_bucket.elsewhere.id}', versioning_configuration: { status: 'Enabled' } },
          },
        }),
      );
      // `region` on an SNS topic is an argument of hashicorp/aws 6.x only.
      write('newer', awsStack({ aws_sns_topic: { t: { name: 'a-topic', region: 'us-east-1' } } }));
      write('azure', {
        terraform: { backend: {}, required_providers: { azurerm: { source: 'azurerm', version: '4.55.0' } } },
        resource: { azurerm_resource_group: { rg: { name: 'rg', location: 'eastus2' } } },
      });

      const run = await validateStacks(dir, { registry: false });

      expect(run.mode).toMatch(/^mirror \(/);
      const [azure, broken, newer] = run.results;
      expect(broken).toEqual(
        expect.objectContaining({
          stack: 'broken',
          result: 'invalid',
          errors: [expect.stringContaining('Reference to undeclared resource')],
        }),
      );
      expect(newer).toEqual(
        expect.objectContaining({ stack: 'newer', result: 'valid', unknownToSchema: ['aws_sns_topic.t.region'] }),
      );
      expect(newer.scope).toMatch(/the stack pins 6\.25\.0/);
      expect(azure).toEqual(expect.objectContaining({ stack: 'azure', result: 'skipped' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
