import { awsZoneIdPrefix, awsZoneProblem, isAwsZoneId } from '../../../constructs/cloud-neutral/zones';

describe('AWS zone IDs', () => {
  test.each([
    ['us-east-1', 'use1'],
    ['eu-west-1', 'euw1'],
    ['ap-southeast-2', 'apse2'],
    ['ap-northeast-1', 'apne1'],
    ['us-gov-west-1', 'usgw1'],
    ['eu-central-2', 'euc2'],
  ])('%s has zone IDs starting %s', (region, prefix) => {
    expect(awsZoneIdPrefix(region)).toBe(prefix);
  });

  test('a region off the pattern has no derivable prefix', () => {
    expect(awsZoneIdPrefix('qx-bencha-0')).toBeUndefined();
  });

  test('zone IDs and zone names of the region are both accepted', () => {
    expect(awsZoneProblem('us-east-1', 'use1-az4')).toBeUndefined();
    expect(awsZoneProblem('us-east-1', 'us-east-1c')).toBeUndefined();
    expect(isAwsZoneId('use1-az4')).toBe(true);
    expect(isAwsZoneId('us-east-1c')).toBe(false);
  });

  test("another region's zone is refused, naming both spellings", () => {
    expect(awsZoneProblem('us-east-1', 'euw1-az1')).toBe(
      'must be a zone of us-east-1: use1-az1, use1-az2, ... (zone IDs) or us-east-1a, us-east-1b, ... (zone names)',
    );
  });
});
