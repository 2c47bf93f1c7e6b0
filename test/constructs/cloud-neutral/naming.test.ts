import {
  KEY_VAULT_NAME_PATTERN,
  awsAccountStackName,
  STORAGE_ACCOUNT_NAME_PATTERN,
  awsDistributionStackName,
  azureHostStackName,
  boundedName,
  keyVaultName,
  linkStackName,
  parseStackName,
  storageAccountName,
} from '../../../constructs/cloud-neutral/naming';

describe('naming', () => {
  test('stack names are short, stable and glob-friendly', () => {
    expect(azureHostStackName('prod', 'eastus2')).toBe('prod-azure-host-eastus2');
    expect(awsDistributionStackName('prod', 'us-east-1')).toBe('prod-aws-dist-us-east-1');
    expect(linkStackName('prod')).toBe('prod-link');
  });

  test('a stack name reads back into its environment, kind and region', () => {
    expect(parseStackName(azureHostStackName('prd', 'swedencentral'))).toEqual({
      environment: 'prd',
      kind: 'azure-host',
      region: 'swedencentral',
    });
    expect(parseStackName(awsDistributionStackName('qa2', 'ap-northeast-1'))).toEqual({
      environment: 'qa2',
      kind: 'aws-dist',
      region: 'ap-northeast-1',
    });
    expect(parseStackName(awsAccountStackName('prod'))).toEqual({ environment: 'prod', kind: 'aws-account' });
    expect(parseStackName(linkStackName('dev'))).toEqual({ environment: 'dev', kind: 'link' });
    expect(parseStackName('scratch')).toBeUndefined();
    expect(parseStackName('prod-gcp-host-x')).toBeUndefined();
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
