import { parsePlatformConfig } from '../../config/load';
import { localStatePath } from '../../stacks/backend';
import { frozenConfig } from '../helpers/config-fixture';
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
});
