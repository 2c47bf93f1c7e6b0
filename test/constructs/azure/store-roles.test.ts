import { azureStoreRole, grantOfRole } from '../../../constructs/azure/store-roles';

describe('Azure store roles', () => {
  test('grants map to data-plane roles, never Owner, Contributor or User Access Administrator', () => {
    expect(azureStoreRole({ store: 'models', mode: 'read' })).toBe('Storage Blob Data Reader');
    expect(azureStoreRole({ store: 'models', mode: 'write' })).toBe('Storage Blob Data Contributor');
    expect(azureStoreRole({ store: 'datasets', mode: 'read' })).toBe('Storage Blob Data Reader');
    expect(azureStoreRole({ store: 'workload-logs', mode: 'write' })).toBe('Monitoring Metrics Publisher');
  });

  test('reading back a role gives the grant; a mode the store lacks is a bug', () => {
    expect(grantOfRole('models', 'Storage Blob Data Reader')).toEqual({
      store: 'models',
      cloud: 'azure',
      mode: 'read',
    });
    expect(() => grantOfRole('models', 'Owner')).toThrow('Owner is not a role this platform grants on models');
    expect(() => azureStoreRole({ store: 'workload-logs', mode: 'read' })).toThrow('cannot be granted read');
  });
});
