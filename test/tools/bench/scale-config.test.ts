import { CLOUD_FACTS_ENV } from '../../../config/cloud-checks';
import { parsePlatformConfig } from '../../../config/load';
import { cidrsOverlap, parseCidr, type Ipv4Cidr } from '../../../constructs/cloud-neutral/cidr';
import {
  awsRegionName,
  azureRegionName,
  carveNetworks,
  cidrsIn,
  scaleConfig,
  templateEnvironment,
} from '../../../tools/bench/scale-config';
import { frozenConfig } from '../../helpers/config-fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated configs are inspected as plain JSON
type Json = any;

/** The template the tests pin: the frozen fixture config (the bench itself reads the shipped one). */
const fixture = (): Json => frozenConfig();

function regionCidrs(env: Json): string[] {
  return [...env.aws.regions, ...env.azure.regions].map((r: Json) => r.cidr);
}

describe('scaleConfig', () => {
  test.each([1, 2, 5, 20, 50])('%i regions per cloud: passes the schema, one environment, disjoint networks', (n) => {
    const { config, envName, awsRegions, azureRegions } = scaleConfig(fixture(), n);
    expect(envName).toBe('prod');
    expect(Object.keys(config.environments as object)).toEqual(['prod']);
    // Made-up region names: the facts of the real clouds do not apply to them.
    process.env[CLOUD_FACTS_ENV] = 'off';
    try {
      expect(() => parsePlatformConfig(config, `generated-${n}`)).not.toThrow();
    } finally {
      delete process.env[CLOUD_FACTS_ENV];
    }

    const env = (config as Json).environments.prod;
    expect(awsRegions).toHaveLength(n);
    expect(azureRegions).toHaveLength(n);
    expect(env.aws.regions.map((r: Json) => r.region)).toEqual(awsRegions);
    expect(new Set(awsRegions).size).toBe(n);
    expect(new Set(azureRegions).size).toBe(n);

    const blocks = regionCidrs(env).map((c) => parseCidr(c) as Ipv4Cidr);
    blocks.forEach((a, i) => blocks.slice(i + 1).forEach((b) => expect(cidrsOverlap(a, b)).toBe(false)));
  });

  test('keeps the template environment except its regions: new fields flow through', () => {
    const template = fixture();
    template.environments.prod.futureSection = { anything: ['kept'] };
    const { config } = scaleConfig(template, 20);
    const env = (config as Json).environments.prod;
    const { aws, azure, ...rest } = env;
    const { aws: tAws, azure: tAzure, ...tRest } = template.environments.prod;
    expect(rest).toEqual(tRest);
    expect({ ...aws, regions: [] }).toEqual({ ...tAws, regions: [] });
    expect({ ...azure, regions: [] }).toEqual({ ...tAzure, regions: [] });
    expect(env.gpuPools).toEqual(template.environments.prod.gpuPools);
    expect(config.platform).toEqual(template.platform);
  });

  test('keeps the template regions first, then adds made-up ones with their cloud’s zones', () => {
    const template = fixture().environments.prod;
    const env = (scaleConfig(fixture(), 5).config as Json).environments.prod;
    expect(env.aws.regions.slice(0, template.aws.regions.length)).toEqual(template.aws.regions);
    expect(env.azure.regions[0]).toEqual(template.azure.regions[0]);
    const added = env.aws.regions[template.aws.regions.length];
    expect(added.region).toBe('qx-bencha-0');
    expect(added.availabilityZones).toEqual(['qx-bencha-0a', 'qx-bencha-0b', 'qx-bencha-0c']);
    expect(env.azure.regions[1]).toMatchObject({ region: 'qbench0', availabilityZones: ['1', '2', '3'] });
  });

  test('one region per cloud keeps only each cloud’s first region', () => {
    const env = (scaleConfig(fixture(), 1).config as Json).environments.prod;
    expect(env.aws.regions.map((r: Json) => r.region)).toEqual(['us-east-1']);
    expect(env.azure.regions.map((r: Json) => r.region)).toEqual(['eastus2']);
  });

  test('avoids every CIDR written anywhere in the template environment', () => {
    const template = fixture();
    template.environments.prod.futureSection = { tunnel: '10.0.0.0/15' };
    const env = (scaleConfig(template, 5).config as Json).environments.prod;
    const reserved = parseCidr('10.0.0.0/15') as Ipv4Cidr;
    regionCidrs(env).forEach((c) => expect(cidrsOverlap(parseCidr(c) as Ipv4Cidr, reserved)).toBe(false));
  });

  test('does not modify its input', () => {
    const template = fixture();
    const before = JSON.stringify(template);
    scaleConfig(template, 20);
    expect(JSON.stringify(template)).toBe(before);
  });

  test('rejects a region count that is not a positive integer', () => {
    expect(() => scaleConfig(fixture(), 0)).toThrow('positive integer');
    expect(() => scaleConfig(fixture(), 1.5)).toThrow('positive integer');
  });
});

describe('helpers', () => {
  test('made-up region names are unique and valid for the schema', () => {
    const aws = Array.from({ length: 300 }, (_, i) => awsRegionName(i));
    const azure = Array.from({ length: 300 }, (_, i) => azureRegionName(i));
    expect(new Set(aws).size).toBe(300);
    expect(new Set(azure).size).toBe(300);
    aws.forEach((r) => expect(r).toMatch(/^[a-z]{2}(-gov)?-[a-z]+-\d$/));
    azure.forEach((r) => expect(r).toMatch(/^[a-z][a-z0-9]+$/));
    expect([awsRegionName(0), awsRegionName(9), awsRegionName(10), awsRegionName(260)]).toEqual([
      'qx-bencha-0',
      'qx-bencha-9',
      'qx-benchb-0',
      'qx-benchba-0',
    ]);
  });

  test('carveNetworks hands out /16s of 10.0.0.0/8 in order, skipping taken ones', () => {
    const taken = cidrsIn({ a: ['10.1.0.0/16', 'not a cidr'], b: { c: '10.3.128.0/17' } });
    expect(taken).toHaveLength(2);
    expect(carveNetworks(4, taken)).toEqual(['10.0.0.0/16', '10.2.0.0/16', '10.4.0.0/16', '10.5.0.0/16']);
    expect(() => carveNetworks(257, [])).toThrow('only 256 free /16s');
  });

  test('the template is prod when there is one, else the first environment', () => {
    expect(templateEnvironment(fixture())).toBe('prod');
    expect(templateEnvironment({ environments: { qa: {}, dev: {} } })).toBe('qa');
  });
});
