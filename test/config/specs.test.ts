import { parsePlatformConfig } from '../../config/load';
import { clusterSpec, environmentSpec } from '../../config/specs';
import { poolZones } from '../../constructs/spec/cluster';
import { frozenConfig } from '../helpers/config-fixture';

/** The frozen config's prod with a two-zone AWS region added after its three-zone ones. */
function withTwoZoneAwsRegion() {
  const input = frozenConfig();
  input.environments.prod.aws.regions.push({
    region: 'us-west-2',
    cidr: '10.112.0.0/16',
    availabilityZones: ['usw2-az1', 'usw2-az2'],
  });
  return parsePlatformConfig(input);
}

/** The AWS cluster spec of every prod region, by region, with each pool's zones resolved in that region. */
function awsClusters(config: ReturnType<typeof parsePlatformConfig>) {
  const env = environmentSpec(config, 'prod', '2026-12-07');
  return Object.fromEntries(
    env.aws.networks.map((network) => {
      const cluster = clusterSpec(env, network, env.aws.gpuPools);
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
