import { compareRegions, type RegionDescription } from '../../../constructs/checks/region-parity';

const region = (over: Partial<RegionDescription>): RegionDescription => ({
  addressSpace: '10.0.0.0/16',
  zones: 3,
  natEgress: true,
  flowLogs: true,
  privateStoreAccess: true,
  operationalRetentionDays: 365,
  auditRetentionDays: 545,
  logsWithCmk: true,
  auditImmutability: 'compliance',
  ...over,
});

describe('compareRegions', () => {
  test('address spaces differ by design; every compared field that differs is reported with both values', () => {
    expect(compareRegions(region({ addressSpace: '10.1.0.0/16' }), region({ addressSpace: '10.2.0.0/16' }))).toEqual(
      [],
    );
    expect(compareRegions(region({ zones: 3, flowLogs: true }), region({ zones: 2, flowLogs: false }))).toEqual([
      { field: 'zones', aws: 3, azure: 2 },
      { field: 'flowLogs', aws: true, azure: false },
    ]);
  });

  test.each([
    ['compliance', 'compliance', true],
    ['compliance', 'unlocked', true], // compliance until its deliberate lock
    ['governance', 'unlocked', true],
    ['governance', 'compliance', false],
    ['off', 'unlocked', false],
    ['compliance', 'off', false],
  ] as const)('audit archive: S3 %s against Azure %s matches: %s', (aws, azure, matches) => {
    const differences = compareRegions(region({ auditImmutability: aws }), region({ auditImmutability: azure }));
    expect(differences.length === 0).toBe(matches);
  });
});
