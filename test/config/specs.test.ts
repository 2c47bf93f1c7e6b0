import { parsePlatformConfig } from '../../config/load';
import { clusterSpec, environmentSpec } from '../../config/specs';
import { poolZones } from '../../constructs/cloud-neutral/cluster';
import { frozenConfig } from '../helpers/config-fixture';

/** The frozen config's prod with a two-zone AWS region added after its three-zone ones. */
function withTwoZoneAwsRegion() {
  const input = frozenConfig();
  input.environments.prod.aws.regions.push({
    region: 'us-west-2',
    cidr: '10.112.0.0/16',
    availabilityZones: ['usw2-az1', 'usw2-az2'],
  });
  input.environments.prod.gpuPools.find((p: { name: string }) => p.name === 'serve').regions.push('us-west-2');
  return parsePlatformConfig(input);
}

/** The AWS cluster spec of every prod region, by region, with each pool's zones resolved in that region. */
function awsClusters(config: ReturnType<typeof parsePlatformConfig>) {
  const env = environmentSpec(config, 'prod', '2026-12-07');
  return Object.fromEntries(
    env.aws.networks.map((network) => {
      const cluster = clusterSpec(env, network, env.aws.gpuPoolsIn(network.region));
      const zones = Object.fromEntries(cluster.gpuPools.map((p) => [p.name, poolZones(p, network.zones)]));
      return [network.region, { cluster, zones }];
    }),
  );
}

describe('GPU pool zones, per region', () => {
  test('a pool that names no zones uses every zone of each region it lands in; a fabric pool the first', () => {
    const clusters = awsClusters(withTwoZoneAwsRegion());
    expect(clusters['us-east-1'].zones).toEqual({ serve: ['use1-az1'], infer: ['use1-az1', 'use1-az2', 'use1-az4'] });
    expect(clusters['eu-west-1'].zones.infer).toEqual(['euw1-az1', 'euw1-az2', 'euw1-az3']);
    expect(clusters['us-west-2'].zones).toEqual({ serve: ['usw2-az1'], infer: ['usw2-az1', 'usw2-az2'] });
  });

  test('adding a region with fewer zones leaves the other regions’ clusters as they were', () => {
    const before = awsClusters(parsePlatformConfig(frozenConfig()));
    const after = awsClusters(withTwoZoneAwsRegion());
    expect(after['us-east-1']).toEqual(before['us-east-1']);
    expect(after['eu-west-1']).toEqual(before['eu-west-1']);
  });

  test('named zones are the same positions in every region', () => {
    const input = frozenConfig();
    input.environments.prod.gpuPools[2].zones = [2, 3];
    const clusters = awsClusters(parsePlatformConfig(input));
    expect(clusters['us-east-1'].zones.infer).toEqual(['use1-az2', 'use1-az4']);
    expect(clusters['eu-west-1'].zones.infer).toEqual(['euw1-az2', 'euw1-az3']);
  });
});

describe('GPU pool placement, per region', () => {
  test('a pool with regions lands only there, on each of its clouds', () => {
    const config = parsePlatformConfig(frozenConfig());
    const env = environmentSpec(config, 'prod', '2026-12-07');
    const pools = (cloud: 'aws' | 'azure', region: string) => env[cloud].gpuPoolsIn(region).map((p) => p.name);
    expect(pools('aws', 'us-east-1')).toEqual(['serve', 'infer']);
    expect(pools('aws', 'eu-west-1')).toEqual(['infer']);
    expect(pools('azure', 'eastus2')).toEqual(['train', 'serve', 'infer']);
  });

  test("each region's pool takes that region's reservation", () => {
    const input = frozenConfig();
    const infer = input.environments.prod.gpuPools.find((p: { name: string }) => p.name === 'infer');
    infer.capacity = {
      type: 'reserved',
      aws: {
        regions: {
          'us-east-1': { capacityReservationId: 'cr-0123456789abcdef0' },
          'eu-west-1': { capacityReservationId: 'cr-0123456789abcdef1' },
        },
      },
      azure: {
        capacityReservationGroupId:
          '/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/capacityReservationGroups/g',
      },
    };
    const env = environmentSpec(parsePlatformConfig(input), 'prod', '2026-12-07');
    const capacity = (region: string) => env.aws.gpuPoolsIn(region).find((p) => p.name === 'infer')!.capacity;
    expect(capacity('us-east-1')).toEqual({
      type: 'reserved',
      aws: {
        capacityReservationId: 'cr-0123456789abcdef0',
        capacityReservationResourceGroupArn: undefined,
        capacityBlock: false,
      },
      azure: {
        capacityReservationGroupId:
          '/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/capacityReservationGroups/g',
      },
    });
    expect(capacity('eu-west-1')).toMatchObject({ aws: { capacityReservationId: 'cr-0123456789abcdef1' } });
  });
});
