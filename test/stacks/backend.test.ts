import { parsePlatformConfig } from '../../config/load';
import { localStatePath } from '../../stacks/backend';
import { configProblems, frozenConfig } from '../helpers/config-fixture';
import { synthesize } from '../helpers/synth';

function synthWithBackend(stateBackend: unknown) {
  const config = frozenConfig();
  delete config.environments.prod;
  config.environments.dev.stateBackend = stateBackend;
  return synthesize(parsePlatformConfig(config)).stacks;
}

describe('state backends', () => {
  test('local state is relative and lives beside the output directory', () => {
    const stacks = synthWithBackend({ type: 'local' });
    expect(stacks.get('dev-aws-dist-us-east-1')!.terraform.backend).toEqual({
      local: { path: '../../../terraform.dev-aws-dist-us-east-1.tfstate' },
    });
    expect(localStatePath('x')).toBe('../../../terraform.x.tfstate');
  });

  test('s3 state is encrypted, keyed per stack and locked with a lockfile', () => {
    const stacks = synthWithBackend({ type: 's3', bucket: 'acme-tfstate', region: 'us-east-1' });
    for (const name of ['dev-aws-dist-us-east-1', 'dev-azure-host-eastus2']) {
      expect(stacks.get(name)!.terraform.backend).toEqual({
        s3: {
          bucket: 'acme-tfstate',
          region: 'us-east-1',
          key: `gpu-platform/${name}.tfstate`,
          encrypt: true,
          use_lockfile: true,
        },
      });
    }
  });

  test('azurerm state uses Entra ID auth and a key per stack', () => {
    const stacks = synthWithBackend({
      type: 'azurerm',
      resourceGroupName: 'rg-tfstate',
      storageAccountName: 'acmetfstate',
      containerName: 'tfstate',
      keyPrefix: 'gpu',
    });
    expect(stacks.get('dev-azure-host-eastus2')!.terraform.backend).toEqual({
      azurerm: {
        resource_group_name: 'rg-tfstate',
        storage_account_name: 'acmetfstate',
        container_name: 'tfstate',
        key: 'gpu/dev-azure-host-eastus2.tfstate',
        use_azuread_auth: true,
      },
    });
  });

  test('s3 state names its KMS key when config gives one', () => {
    const kmsKeyArn = 'arn:aws:kms:us-east-1:111111111111:alias/acme-tfstate';
    const stacks = synthWithBackend({ type: 's3', bucket: 'acme-tfstate', region: 'us-east-1', kmsKeyArn });
    expect(stacks.get('dev-aws-account')!.terraform.backend).toMatchObject({
      s3: { encrypt: true, use_lockfile: true, kms_key_id: kmsKeyArn },
    });
  });

  test('a production environment on local state is refused, naming the path and the remote forms', () => {
    const config = frozenConfig();
    config.environments.prod.stateBackend = { type: 'local' };
    expect(configProblems(config)).toEqual([
      expect.stringMatching(
        /^environments\.prod\.stateBackend\.type: is "local", but policy\.production is true: production state \(VPN pre-shared keys included\) must be in a remote backend with encryption and locking; use \{ "type": "s3"/,
      ),
    ]);
    // Not production: local state stays a choice.
    config.environments.prod.policy.production = false;
    expect(configProblems(config)).toEqual([]);
  });

  test('a production environment on either remote backend is accepted', () => {
    const config = frozenConfig();
    for (const backend of [
      { type: 's3', bucket: 'acme-tfstate', region: 'us-east-1' },
      { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'acmetfstate', containerName: 'tfstate' },
    ]) {
      config.environments.prod.stateBackend = backend;
      expect(configProblems(config)).toEqual([]);
    }
  });
});
