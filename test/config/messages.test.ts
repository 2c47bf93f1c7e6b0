import { closestKey } from '../../config/messages';

describe('closestKey', () => {
  test('finds the key a word misspells, ignoring case', () => {
    expect(closestKey('gpuPool', ['tags', 'gpuPools', 'kubernetes'])).toBe('gpuPools');
    expect(closestKey('LogRetentionDay', ['logRetentionDays'])).toBe('logRetentionDays');
    expect(closestKey('zone', ['zones', 'nodes'])).toBe('zones');
  });

  test('prefers the nearest of several', () => {
    expect(closestKey('region', ['regions', 'region'])).toBe('region');
  });

  test('suggests nothing for a word unlike every key', () => {
    expect(closestKey('vpcFlowLogs', ['accountId', 'natGateways', 'regions'])).toBeUndefined();
    expect(closestKey('ab', ['xy'])).toBeUndefined();
  });
});
