import {
  KEY_VAULT_NAME_PATTERN,
  STORAGE_ACCOUNT_NAME_PATTERN,
  awsDistributionStackName,
  azureHostStackName,
  boundedName,
  keyVaultName,
  linkStackName,
  storageAccountName,
} from '../../../constructs/cloud-neutral/naming';

describe('naming', () => {
  test('stack names are short, stable and glob-friendly', () => {
    expect(azureHostStackName('prod', 'eastus2')).toBe('prod-azure-host-eastus2');
    expect(awsDistributionStackName('prod', 'us-east-1')).toBe('prod-aws-dist-us-east-1');
    expect(linkStackName('prod')).toBe('prod-link');
  });

  test('a short storage account name is the plain join', () => {
    expect(storageAccountName(['gpuplat', 'dev', 'eastus2', 'fl'])).toBe('gpuplatdeveastus2fl');
  });

  test('a long storage account name is cut to 24 with a stable hash', () => {
    const name = storageAccountName(['gpuplat', 'prod', 'australiasoutheast', 'flowlogs']);
    expect(name).toHaveLength(24);
    expect(name).toMatch(STORAGE_ACCOUNT_NAME_PATTERN);
    expect(storageAccountName(['gpuplat', 'prod', 'australiasoutheast', 'flowlogs'])).toBe(name);
    expect(storageAccountName(['gpuplat', 'prod', 'australiasoutheast', 'flowlog2'])).not.toBe(name);
  });

  test('key vault names keep the rule when cut', () => {
    const name = keyVaultName(['kv', 'gpuplat', 'prod', 'australiasoutheast']);
    expect(name.length).toBeLessThanOrEqual(24);
    expect(name).toMatch(KEY_VAULT_NAME_PATTERN);
  });

  test('bounded names do not end in a dangling separator before the hash', () => {
    expect(boundedName(['abcdefgh', 'ijklmnop'], '-', 12)).toMatch(/^[a-z]+-[0-9a-f]{6}$/);
  });

  test('the key vault rule rejects consecutive hyphens and a leading digit', () => {
    expect(KEY_VAULT_NAME_PATTERN.test('kv--prod')).toBe(false);
    expect(KEY_VAULT_NAME_PATTERN.test('1kv')).toBe(false);
    expect(KEY_VAULT_NAME_PATTERN.test('kv-gpuplat-prod')).toBe(true);
  });
});
