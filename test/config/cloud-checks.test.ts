/**
 * What the clouds do not have, refused at config load with its path (config/cloud-checks.ts and
 * the CIDR rule of config/schema.ts): the wrong inputs of a stranger's fork, each on the frozen
 * fixture, then all at once. The facts themselves are tested against their sources in
 * test/constructs/cloud-neutral/cloud-facts.test.ts.
 */
import { configWarnings, parsePlatformConfig } from '../../config/load';
import { configProblems as problems, frozenConfig, type ConfigInput } from '../helpers/config-fixture';
import { gb200ConfigInput } from '../helpers/gb200-fixture';

/** The frozen fixture, edited. */
function edited(edit: (environments: ConfigInput['environments']) => void): ConfigInput {
  const config = frozenConfig();
  edit(config.environments);
  return config;
}

const mistypedAzureRegion = (envs: ConfigInput['environments']) => (envs.dev.azure.regions[0].region = 'eastus22');
const unknownAwsRegion = (envs: ConfigInput['environments']) => {
  envs.prod.aws.regions[1].region = 'eu-west-9';
  envs.prod.aws.regions[1].availabilityZones = ['euw9-az1', 'euw9-az2', 'euw9-az3'];
};
const zonesWhereThereAreNone = (envs: ConfigInput['environments']) => {
  envs.dev.azure.regions[0].region = 'westus';
  envs.dev.azure.regions[0].availabilityZones = ['1', '2'];
};
const publicCidr = (envs: ConfigInput['environments']) => (envs.dev.aws.regions[0].cidr = '8.8.0.0/16');

describe('config refused where the clouds lack what it names', () => {
  test('a mistyped Azure region, with the nearest names', () => {
    expect(problems(edited(mistypedAzureRegion))).toEqual([
      expect.stringMatching(
        /^environments\.dev\.azure\.regions\[0\]\.region: is not an Azure region \(Microsoft Learn "Azure regions list", \d{4}-\d\d-\d\d\); did you mean eastus2,/,
      ),
    ]);
  });

  test('an AWS region that does not exist, with the nearest names, and no noise about its zones', () => {
    expect(problems(edited(unknownAwsRegion))).toEqual([
      expect.stringMatching(
        /^environments\.prod\.aws\.regions\[1\]\.region: is not a region of AWS \(AWS endpoints, \d{4}-\d\d-\d\d\); did you mean eu-west-1, /,
      ),
    ]);
  });

  test('zones listed for an Azure region without availability zones', () => {
    expect(problems(edited(zonesWhereThereAreNone))).toContainEqual(
      expect.stringMatching(
        /^environments\.dev\.azure\.regions\[0\]\.availabilityZones: lists zones, but westus has no availability zones .*regions with zones nearby by name: westus2, westus3/,
      ),
    );
  });

  test('a public network range; shared address space only with a stated reason', () => {
    expect(problems(edited(publicCidr))).toEqual([
      'environments.dev.aws.regions[0].cidr: is not a private range: the networks are joined by VPN and reached through private endpoints, so they must lie in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918), or 100.64.0.0/10 with sharedAddressSpaceReason',
    ]);
    const shared = edited((envs) => (envs.dev.aws.regions[0].cidr = '100.64.0.0/16'));
    expect(problems(shared)).toEqual([
      expect.stringMatching(
        /^environments\.dev\.aws\.regions\[0\]\.cidr: is in 100\.64\.0\.0\/10, the shared address space/,
      ),
    ]);
    shared.environments.dev.aws.regions[0].sharedAddressSpaceReason =
      'RFC 1918 space is exhausted in the corporate WAN';
    expect(problems(shared)).toEqual([]);
  });

  test('GB200 Capacity Blocks in a region where they are not sold', () => {
    const config = gb200ConfigInput();
    config.environments.prod.aws.regions[0] = {
      region: 'us-west-2',
      cidr: '10.110.0.0/16',
      availabilityZones: ['usw2-az1', 'usw2-az2', 'usw2-az3'],
    };
    expect(problems(config)).toEqual([
      expect.stringMatching(
        /^environments\.prod\.gpuPools\[0\]: Capacity Blocks of p6e-gb200\.36xlarge \(gb200, 4 GPUs per node\) is not offered in us-west-2: EC2 Capacity Blocks for ML pricing page, \d{4}-\d\d-\d\d lists .*; set the pool's regions to regions that have it/,
      ),
    ]);
  });

  test('a SKU the region does not offer, by region and by zone', () => {
    const byRegion = edited((envs) => {
      envs.prod.azure.regions[0].region = 'westeurope';
      envs.prod.gpuPools[1].regions = ['us-east-1', 'westeurope'];
      envs.prod.gpuPools[0].gpuModel = 'h200';
    });
    expect(problems(byRegion)).toEqual([
      expect.stringMatching(
        /^environments\.prod\.gpuPools\[0\]: Standard_ND96isr_H200_v5 \(h200, 8 GPUs per node\) is not offered in westeurope: az vm list-skus per region, \d{4}-\d\d-\d\d lists Standard_ND96isr_H200_v5 in .*eastus2/,
      ),
    ]);
    // ap-northeast-1's apne1-az2 has no g5 (EC2 DescribeInstanceTypeOfferings): the A10 pool must skip it.
    const byZone = edited((envs) => {
      envs.prod.aws.regions[1] = {
        region: 'ap-northeast-1',
        cidr: '10.111.0.0/16',
        availabilityZones: ['apne1-az1', 'apne1-az2', 'apne1-az4'],
      };
    });
    expect(problems(byZone)).toContainEqual(
      expect.stringMatching(
        /^environments\.prod\.gpuPools\[2\]: g5\.8xlarge \(a10, 1 GPUs per node\) is not offered in ap-northeast-1 zone apne1-az2: .* only in apne1-az1, apne1-az4; set the pool's zones/,
      ),
    );
    byZone.environments.prod.gpuPools[2].zones = [1, 3];
    expect(problems(byZone)).toEqual([]);
  });

  test('a SKU no source knows for a region is a warning, printed, not an error', () => {
    // Chile Central has zones but is not among the regions the list-skus source covers.
    const config = edited((envs) => (envs.dev.azure.regions[0].region = 'chilecentral'));
    expect(problems(config)).toEqual([]);
    expect(configWarnings(parsePlatformConfig(config)).map((w) => w.path)).toContain('environments.dev.gpuPools[0]');
  });

  test('a pool placed in a region its environment does not have, and one reservation for two regions', () => {
    const config = edited((envs) => {
      envs.prod.gpuPools[1].regions = ['us-east-1', 'eastus3'];
      envs.prod.gpuPools[2].capacity = {
        type: 'reserved',
        aws: { capacityReservationId: 'cr-0123456789abcdef0' },
        azure: {
          capacityReservationGroupId:
            '/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/capacityReservationGroups/g',
        },
      };
    });
    const found = problems(config);
    expect(found).toContainEqual(
      expect.stringMatching(/^environments\.prod\.gpuPools\[1\]\.regions\[1\]: is not a region of the pool's clouds/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(
        /^environments\.prod\.gpuPools\[2\]\.capacity\.aws: names one reservation, but the pool lands in 2 aws regions \(us-east-1, eu-west-1\)/,
      ),
    );
  });

  test('every problem at once, across environments', () => {
    const all = problems(
      edited((envs) => {
        mistypedAzureRegion(envs);
        unknownAwsRegion(envs);
        publicCidr(envs);
      }),
    );
    for (const path of [
      'environments.dev.azure.regions[0].region',
      'environments.prod.aws.regions[1].region',
      'environments.dev.aws.regions[0].cidr',
    ])
      expect(all.some((p) => p.startsWith(`${path}: `))).toBe(true);
  });
});
