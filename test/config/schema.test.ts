import { readFileSync } from 'fs';
import * as path from 'path';
import { ConfigError, parsePlatformConfig } from '../../config/load';
import { configWithFourProblems, frozenConfig, shippedConfig, type ConfigInput } from '../helpers/config-fixture';

/** The problems a config yields, as "path: message (found ...)" lines. */
function problems(input: ConfigInput): string[] {
  try {
    parsePlatformConfig(input);
  } catch (e) {
    if (e instanceof ConfigError)
      return e.problems.map((p) => `${p.path}: ${p.message}${p.found ? ` (found ${p.found})` : ''}`);
    throw e;
  }
  return [];
}

/** The frozen fixture config with its `prod` environment edited. */
function withProd(edit: (prod: ConfigInput) => void): ConfigInput {
  const config = frozenConfig();
  edit(config.environments.prod);
  return config;
}

describe('platform config schema', () => {
  test('the shipped config and the frozen fixture config are valid', () => {
    expect(problems(shippedConfig())).toEqual([]);
    expect(problems(frozenConfig())).toEqual([]);
  });

  test('defaults are applied in the schema', () => {
    const config = parsePlatformConfig(frozenConfig());
    const infer = config.environments.prod.gpuPools.find((p) => p.name === 'infer');
    expect(infer).toMatchObject({ clouds: ['aws', 'azure'], fabric: false, gpuDriver: 'install' });
  });

  test('an invalid CIDR names its path and the bad value', () => {
    const found = problems(withProd((p) => (p.aws.regions[0].cidr = '10.0.0.0/33')));
    expect(found).toEqual([
      'environments.prod.aws.regions[0].cidr: has a prefix length above 32 (found "10.0.0.0/33")',
    ]);
  });

  test('a CIDR with host bits set suggests the network address', () => {
    const found = problems(withProd((p) => (p.aws.regions[0].cidr = '10.110.4.0/16')));
    expect(found[0]).toMatch(/regions\[0\]\.cidr: has host bits set \(did you mean 10\.110\.0\.0\/16\?\)/);
  });

  test('overlapping networks across clouds are rejected with both paths', () => {
    const found = problems(withProd((p) => (p.azure.regions[0].cidr = '10.110.128.0/17')));
    expect(found).toEqual([
      'environments.prod.azure.regions[0].cidr: overlaps environments.prod.aws.regions[0].cidr (10.110.0.0/16); the networks of one environment are joined by VPN and need disjoint ranges (found "10.110.128.0/17")',
    ]);
  });

  test('two pools whose AKS rotation copies would share a name are rejected', () => {
    const found = problems(
      withProd((p) => {
        p.gpuPools[1].name = 'inference1';
        p.gpuPools[2].name = 'inference2';
      }),
    );
    expect(found).toEqual([
      'environments.prod.gpuPools[2].name: collides with gpuPools[1] (inference1): AKS rotates a pool through a temporary pool named inferencetmp (its first 9 characters and "tmp"); make the names differ in their first 9 characters (found "inference2")',
    ]);
  });

  test('overlapping networks in different environments are allowed', () => {
    const config = frozenConfig();
    config.environments.dev.aws.regions[0].cidr = config.environments.prod.aws.regions[0].cidr;
    expect(problems(config)).toEqual([]);
  });

  test('an unknown GPU model lists the catalog', () => {
    const found = problems(withProd((p) => (p.gpuPools[0].gpuModel = 'v100')));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^environments\.prod\.gpuPools\[0\]\.gpuModel: is not in the GPU catalog; known models: h100, h200, .*t4.* \(found "v100"\)$/,
    );
  });

  test('a model one cloud does not offer, with clouds left out, says clouds defaults to both and how to fix it', () => {
    // us-east-1 offers the L40S instance types; the fixture's eu-west-1 does not.
    const found = problems(
      withProd((p) => Object.assign(p.gpuPools[2], { gpuModel: 'l40s', regions: ['us-east-1', 'eastus2'] })),
    );
    expect(found).toEqual([
      'environments.prod.gpuPools[2].gpuModel: azure does not offer GPU model l40s, and clouds (left out) defaults to both; set "clouds": ["aws"] to build the pool on aws only (found "l40s")',
    ]);
    expect(
      problems(
        withProd((p) => Object.assign(p.gpuPools[2], { gpuModel: 'l40s', clouds: ['aws'], regions: ['us-east-1'] })),
      ),
    ).toEqual([]);
  });

  test('a model one cloud does not offer, with clouds named, is rejected on that cloud', () => {
    const found = problems(
      withProd((p) =>
        Object.assign(p.gpuPools[2], { gpuModel: 'l40s', clouds: ['aws', 'azure'], regions: ['us-east-1', 'eastus2'] }),
      ),
    );
    expect(found).toEqual([
      'environments.prod.gpuPools[2].clouds[1]: azure does not offer GPU model l40s; it is offered on: aws (found "azure")',
    ]);
  });

  test('a GPU count per node one cloud cannot match names the choices', () => {
    const found = problems(withProd((p) => (p.gpuPools[2].gpusPerNode = 2)));
    expect(found).toEqual([
      'environments.prod.gpuPools[2].gpusPerNode: aws offers a10 with 1 or 4 or 8 GPUs per node, not 2 (found 2)',
    ]);
  });

  test('min above max is rejected', () => {
    const found = problems(withProd((p) => (p.gpuPools[1].nodes = { min: 9, desired: 9, max: 8 })));
    expect(found).toContain('environments.prod.gpuPools[1].nodes.min: must be <= max (8) (found 9)');
  });

  test('desired outside min..max is rejected', () => {
    const found = problems(withProd((p) => (p.gpuPools[1].nodes = { min: 2, desired: 1, max: 8 })));
    expect(found).toEqual([
      'environments.prod.gpuPools[1].nodes.desired: must lie between min (2) and max (8) (found 1)',
    ]);
  });

  test('a retention neither log service accepts lists the allowed values', () => {
    const found = problems(withProd((p) => (p.logging.retentionDays = 45)));
    expect(found).toEqual([
      'environments.prod.logging.retentionDays: must be one of 30, 60, 90, 120, 150, 180, 365, 400, 545 (accepted by both CloudWatch Logs and Log Analytics) (found 45)',
    ]);
  });

  test('an Azure storage account name that breaks the rule is rejected', () => {
    const found = problems(
      withProd(
        (p) =>
          (p.stateBackend = {
            type: 'azurerm',
            resourceGroupName: 'rg-state',
            storageAccountName: 'Bad_Name',
            containerName: 'tfstate',
          }),
      ),
    );
    expect(found).toEqual([
      'environments.prod.stateBackend.storageAccountName: must be 3-24 lowercase letters and digits (found "Bad_Name")',
    ]);
  });

  test('a key vault name that breaks the rule is rejected', () => {
    const found = problems(withProd((p) => (p.azure.keyVaultName = 'kv--prod')));
    expect(found[0]).toMatch(/^environments\.prod\.azure\.keyVaultName: must be 3-24 letters, digits and hyphens/);
  });

  test('a fabric pool spread across zones is rejected', () => {
    const found = problems(withProd((p) => (p.gpuPools[1].zones = [1, 2])));
    expect(found[0]).toMatch(/^environments\.prod\.gpuPools\[1\]\.zones: must name one zone/);
  });

  test('fabric on an Ethernet-only model is rejected', () => {
    const found = problems(withProd((p) => (p.gpuPools[2].fabric = true)));
    expect(found).toEqual([
      'environments.prod.gpuPools[2].fabric: GPU model a10 has no RDMA fabric; set fabric to false (found true)',
    ]);
  });

  test('a reserved pool needs a reservation for each of its clouds', () => {
    const found = problems(
      withProd(
        (p) =>
          (p.gpuPools[2].capacity = {
            type: 'reserved',
            aws: {
              regions: {
                'us-east-1': { capacityReservationId: 'cr-0123456789abcdef0' },
                'eu-west-1': { capacityReservationId: 'cr-0123456789abcdef1' },
              },
            },
          }),
      ),
    );
    expect(found).toEqual([
      'environments.prod.gpuPools[2].capacity.azure: is required: a reserved pool on azure needs its reservation',
    ]);
  });

  test('availability zones must belong to their region', () => {
    const found = problems(withProd((p) => (p.aws.regions[0].availabilityZones = ['us-east-1a', 'us-west-2b'])));
    expect(found).toEqual([
      'environments.prod.aws.regions[0].availabilityZones[1]: must be a zone of us-east-1: use1-az1, use1-az2, ... (zone IDs) or us-east-1a, us-east-1b, ... (zone names) (found "us-west-2b")',
    ]);
  });

  test('duplicate pool names are rejected', () => {
    const found = problems(withProd((p) => (p.gpuPools[2].name = 'serve')));
    expect(found).toEqual(['environments.prod.gpuPools[2].name: duplicates entry 1 (found "serve")']);
  });

  test('a misspelt key is one problem that suggests the known key, not also a missing one', () => {
    const found = problems(
      withProd((p) => {
        p.gpuPool = p.gpuPools;
        delete p.gpuPools;
      }),
    );
    expect(found).toEqual(['environments.prod: unknown key "gpuPool" (did you mean "gpuPools"?)']);
  });

  test('an unknown key like no known one lists the known keys, so typos do not pass silently', () => {
    const found = problems(withProd((p) => (p.aws.vpcFlowLogs = true)));
    expect(found).toEqual([
      'environments.prod.aws: unknown key "vpcFlowLogs"; known keys: accountId, natGateways, serviceLinkedRoles, cloudTrail, baseline, breakGlassRoleArn, permissionsBoundary, adminPrincipalArns, regions',
    ]);
  });

  test('an environment name that breaks the naming rule states the rule and the name', () => {
    const config = frozenConfig();
    config.environments['Prod-EU'] = config.environments.prod;
    delete config.environments.prod;
    expect(problems(config)).toEqual([
      'environments.Prod-EU: the environment name "Prod-EU" must be 2-8 lowercase letters and digits, starting with a letter (found "Prod-EU")',
    ]);
  });

  test("zod's generic messages say what is allowed, in the config's terms", () => {
    const found = problems(
      withProd((p) => {
        p.kubernetes.upgradeChannel = 'fast';
        p.gpuPools[2].nodes.max = 2.5;
        p.stateBackend = { type: 'gcs' };
        p.link.enabled = 'yes';
        p.gpuPools[2].zones = [];
        delete p.kubernetes.version;
      }),
    );
    expect(found.sort()).toEqual([
      'environments.prod.gpuPools[2].nodes.max: must be a whole number, not a fraction (found 2.5)',
      'environments.prod.gpuPools[2].zones: must list at least 1 entry (found [])',
      'environments.prod.kubernetes.upgradeChannel: must be one of "patch", "stable", "rapid" or "node-image" (found "fast")',
      'environments.prod.kubernetes.version: is required (a string)',
      'environments.prod.link.enabled: must be true or false, not a string (found "yes")',
      'environments.prod.stateBackend.type: must be one of "local", "s3" or "azurerm" (found "gcs")',
    ]);
  });

  test('overlap, unknown model, min > max and a bad storage name are reported together', () => {
    const found = problems(configWithFourProblems());
    expect(found.map((f) => f.split(':')[0]).sort()).toEqual([
      'environments.prod.azure.regions[0].cidr',
      'environments.prod.gpuPools[1].nodes.min',
      'environments.prod.gpuPools[2].gpuModel',
      'environments.prod.stateBackend.storageAccountName',
    ]);
  });
});

describe('network size', () => {
  test('a network too small for the subnet plan is a config error on its cidr', () => {
    const found = problems(withProd((p) => (p.aws.regions[1].cidr = '10.111.0.0/24')));
    expect(found).toEqual([
      'environments.prod.aws.regions[1].cidr: is too small for its subnets: the nodes, public, intra, endpoints subnets need 336 addresses, the network has 256; use a /22 or larger (found "10.111.0.0/24")',
    ]);
  });

  test('the link ASNs must differ and be private', () => {
    const found = problems(withProd((p) => (p.link = { awsAsn: 65020, azureAsn: 65020 })));
    expect(found).toEqual([
      'environments.prod.link.azureAsn: must differ from awsAsn: the link is eBGP between two autonomous systems (found 65020)',
    ]);
    expect(problems(withProd((p) => (p.link.azureAsn = 65515)))[0]).toMatch(
      /link\.azureAsn: must not be one Azure reserves/,
    );
    expect(problems(withProd((p) => (p.link.awsAsn = 100)))[0]).toMatch(
      /link\.awsAsn: must be a private ASN, 64512-65534/,
    );
  });
});

describe('the GPU pools page', () => {
  test("the 'Add a GPU pool' example is a valid pool", () => {
    const page = readFileSync(path.join(__dirname, '..', '..', 'docs', 'gpu-pools.md'), 'utf8');
    const section = page.slice(page.indexOf('## Add a GPU pool'));
    const example = JSON.parse(
      section.slice(section.indexOf('```json') + 7, section.indexOf('```', section.indexOf('```json') + 7)),
    );
    expect(problems(withProd((p) => p.gpuPools.push(example)))).toEqual([]);
  });
});

describe('named pool zones', () => {
  test('a zone a region of the pool’s clouds lacks is a problem naming that region', () => {
    const found = problems(
      withProd((p) => {
        p.aws.regions.push({ region: 'us-west-2', cidr: '10.112.0.0/16', availabilityZones: ['usw2-az1', 'usw2-az2'] });
        p.gpuPools[2].zones = [1, 3];
      }),
    );
    expect(found).toEqual([
      'environments.prod.gpuPools[2].zones: names zone 3, but environments.prod.aws.regions[2].availabilityZones (us-west-2) lists 2; name zones 1-2, or leave zones out to use every zone of each region (found [1,3])',
    ]);
  });

  test('a pool that names no zones fits regions of any size', () => {
    const found = problems(
      withProd((p) =>
        p.aws.regions.push({ region: 'us-west-2', cidr: '10.112.0.0/16', availabilityZones: ['usw2-az1', 'usw2-az2'] }),
      ),
    );
    expect(found).toEqual([]);
  });
});
