import { DEFAULT_CONFIG_PATH, loadPlatformConfig } from '../../config/load';
import { expectedStackNames } from '../../stacks/platform';
import { shippedOutput } from '../helpers/synth';

describe('the shipped platform', () => {
  const { stacks } = shippedOutput();

  test('one Azure host stack per Azure region and one AWS distribution stack per AWS region, per environment', () => {
    expect([...stacks.keys()]).toEqual(
      expect.arrayContaining([
        'dev-aws-dist-us-east-1',
        'dev-azure-host-eastus2',
        'prod-aws-dist-eu-west-1',
        'prod-aws-dist-us-east-1',
        'prod-azure-host-eastus2',
      ]),
    );
  });

  test('AWS providers are pinned to the environment account and region', () => {
    expect(stacks.get('prod-aws-dist-eu-west-1')!.provider!.aws).toEqual([
      expect.objectContaining({ region: 'eu-west-1', allowed_account_ids: ['222222222222'] }),
    ]);
  });

  test('Azure providers name the subscription and use Entra ID for storage', () => {
    expect(stacks.get('dev-azure-host-eastus2')!.provider!.azurerm).toEqual([
      expect.objectContaining({ subscription_id: '00000000-0000-0000-0000-000000000001', storage_use_azuread: true }),
    ]);
  });

  test('no synthesized stack holds an absolute path', () => {
    for (const [name, stack] of stacks) {
      expect({ name, absolute: JSON.stringify(stack).match(/"\/(?:tmp|home|work|root|Users)\//g) }).toEqual({
        name,
        absolute: null,
      });
    }
  });

  describe('snapshots', () => {
    for (const [name, stack] of stacks) {
      test(`${name} matches its snapshot`, () => {
        expect(stack).toMatchSnapshot();
      });
    }
  });
});

describe('expectedStackNames', () => {
  test('lists exactly the stacks the app synthesizes', () => {
    const { stacks } = shippedOutput();
    expect(expectedStackNames(loadPlatformConfig(DEFAULT_CONFIG_PATH)).sort()).toEqual([...stacks.keys()].sort());
  });
});
