import { checkDay, datedFindings } from '../../config/dated-checks';
import { configWarnings, parsePlatformConfig } from '../../config/load';
import { configProblems, frozenConfig } from '../helpers/config-fixture';

describe('dated checks', () => {
  test('tests judge as of a pinned day; a malformed day is refused', () => {
    expect(checkDay()).toBe('2026-12-07');
    expect(() => checkDay({ GPU_PLATFORM_TODAY: 'soon' })).toThrow(
      'GPU_PLATFORM_TODAY must be a date such as 2027-01-31, not "soon"',
    );
  });

  test('a Kubernetes version past EKS standard support fails the config, at kubernetes.version of each environment', () => {
    const config = frozenConfig();
    config.environments.prod.kubernetes.version = '1.33';
    expect(configProblems(config)).toEqual([
      expect.stringMatching(
        /^environments\.prod\.kubernetes\.version: EKS standard support for 1\.33 ended on 2026-07-29/,
      ),
      expect.stringMatching(/^environments\.prod\.kubernetes\.version: AKS support for 1\.33 ended on 2026-07-31/),
    ]);
  });

  test('extended EKS support is a choice in config; AKS still refuses a version past its end', () => {
    const config = frozenConfig();
    config.environments.prod.kubernetes.version = '1.34';
    config.environments.prod.kubernetes.eksSupport = 'extended';
    expect(configProblems(config)).toEqual([
      expect.stringMatching(/^environments\.prod\.kubernetes\.version: AKS support for 1\.34 ended/),
    ]);
  });

  test('three months before the end, the config is valid and warned', () => {
    const config = parsePlatformConfig(frozenConfig());
    expect(configWarnings(config, '2026-12-07')).toEqual([]);
    expect(datedFindings(config, '2027-05-15').warnings.map((w) => `${w.path}: ${w.message}`)).toEqual(
      ['dev', 'prod'].flatMap((env) => [
        expect.stringMatching(
          new RegExp(
            `^environments\\.${env}\\.kubernetes\\.version: EKS standard support for 1\\.36 ends on 2027-08-02, in 79 days .*AWS upgrades the clusters by itself$`,
          ),
        ),
        expect.stringMatching(
          new RegExp(
            `^environments\\.${env}\\.kubernetes\\.version: AKS support for 1\\.36 ends on 2027-06-30, in 46 days`,
          ),
        ),
      ]),
    );
  });
});
