import { parsePlatformConfig } from '../../config/load';
import { configProblems, frozenConfig } from '../helpers/config-fixture';

const lock = (region: string) => ({ region, lockedOn: '2027-01-15', account: { name: `gpuplatprod${region}audit` } });

describe('azure.auditArchive', () => {
  test('defaults to GZRS with no locks; dev ships ZRS', () => {
    const config = parsePlatformConfig(frozenConfig());
    expect(config.environments.prod.azure.auditArchive).toEqual({ replication: 'GZRS', locks: [] });
    expect(config.environments.dev.azure.auditArchive.replication).toBe('ZRS');
  });

  test('GZRS in a region without a pair is refused, naming the region and what it lacks', () => {
    const config = frozenConfig();
    config.environments.prod.azure.regions[0].region = 'italynorth';
    expect(configProblems(config)).toContainEqual(
      expect.stringMatching(
        /^environments\.prod\.azure\.auditArchive\.replication: must be ZRS \(or LRS\) while azure\.regions lists italynorth: italynorth has no paired region \(Microsoft Learn "Azure regions list"/,
      ),
    );
  });

  test('a lock needs compliance immutability and a region the environment still has', () => {
    const config = frozenConfig();
    const prod = config.environments.prod;
    prod.logging.immutability = 'governance';
    prod.azure.auditArchive = { locks: [lock('eastus2'), lock('westeurope')] };
    expect(configProblems(config)).toEqual([
      'environments.prod.azure.auditArchive.locks[0]: locks the eastus2 archive, but logging.immutability is "governance": only "compliance" archives are locked',
      'environments.prod.azure.auditArchive.locks[1]: locks the westeurope archive, but logging.immutability is "governance": only "compliance" archives are locked',
      'environments.prod.azure.auditArchive.locks[1].region: names westeurope, which azure.regions does not list: the locked archive there cannot be deleted before its period ends, so its region stays in the config',
    ]);
  });
});
