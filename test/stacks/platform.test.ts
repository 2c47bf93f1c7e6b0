import { expectedStackNames } from '../../stacks/platform';
import { SHARED_SYNTHS, sharedOutput, shippedOutput } from '../helpers/shared-synth';

describe('the platform (frozen fixture config)', () => {
  const { stacks } = sharedOutput('frozen');

  test('one Azure host stack per Azure region and one AWS distribution stack per AWS region, per environment', () => {
    expect([...stacks.keys()].sort()).toEqual([
      'dev-aws-account',
      'dev-aws-dist-us-east-1',
      'dev-azure-host-eastus2',
      'dev-link',
      'prod-aws-account',
      'prod-aws-dist-eu-west-1',
      'prod-aws-dist-us-east-1',
      'prod-azure-host-eastus2',
      'prod-link',
    ]);
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

  test('expectedStackNames lists exactly the stacks the app synthesizes', () => {
    expect(expectedStackNames(SHARED_SYNTHS.frozen()).sort()).toEqual([...stacks.keys()].sort());
  });
});

// The shipped config's stacks, as reviewed: the one thing a fork updates (`npm test -- -u`) after
// changing config/platform.json. test/invariants/ checks what must hold whatever it holds.
describe('the shipped platform', () => {
  describe('snapshots', () => {
    for (const [name, stack] of shippedOutput().stacks) {
      test(`${name} matches its snapshot`, () => {
        expect(stack).toMatchSnapshot();
      });
    }
  });
});
