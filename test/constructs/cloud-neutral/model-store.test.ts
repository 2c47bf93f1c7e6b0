import { azureModelStoreLocation } from '../../../constructs/cloud-neutral/model-store';

describe('Azure model store location', () => {
  test('names come from the primary region alone, so any region can find the store', () => {
    const primary = { name: 'gpuplat-prod-eastus2', region: 'eastus2', cidr: '10.0.0.0/16', zones: ['1'] };
    expect(azureModelStoreLocation('gpuplat', 'prod', primary)).toEqual({
      accountName: 'gpuplatprodeastus2models',
      resourceGroupName: 'rg-gpuplat-prod-eastus2-models',
    });
  });

  test('a long region still gives a valid, stable storage account name', () => {
    const primary = {
      name: 'gpuplat-staging-southafricanorth',
      region: 'southafricanorth',
      cidr: '10.0.0.0/16',
      zones: ['1'],
    };
    const { accountName } = azureModelStoreLocation('gpuplat', 'staging', primary);
    expect(accountName).toMatch(/^[a-z0-9]{3,24}$/);
    expect(azureModelStoreLocation('gpuplat', 'staging', primary).accountName).toBe(accountName);
  });
});
