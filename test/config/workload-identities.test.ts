import { parsePlatformConfig } from '../../config/load';
import { configProblems, frozenConfig, type ConfigInput } from '../helpers/config-fixture';

const problems = configProblems;

/** The frozen fixture with prod's workload identities edited. */
function withIdentities(edit: (identities: ConfigInput[]) => void): ConfigInput {
  const config = frozenConfig();
  edit(config.environments.prod.workloadIdentities);
  return config;
}

describe('workload identity config', () => {
  test('the fixture declares the four identities of the distribution path, and defaults apply', () => {
    const config = parsePlatformConfig(frozenConfig());
    const names = config.environments.prod.workloadIdentities.map((w) => w.name);
    expect(names).toEqual(['model-trainer', 'artifact-publisher', 'model-server', 'log-shipper']);
    expect(config.environments.prod.workloadIdentities[2].clouds).toEqual(['aws', 'azure']);
    expect(config.environments.prod.modelStores).toEqual({
      softDeleteDays: 30,
      noncurrentVersionDays: 90,
      azureReplication: 'ZRS',
    });
    expect(config.environments.prod.aws.permissionsBoundary).toBe('platform');
  });

  test('a store a cloud lacks is named with its path and where the store exists', () => {
    const found = problems(withIdentities((ids) => ids[2].access.push({ store: 'datasets', mode: 'read' })));
    expect(found).toEqual([
      'environments.prod.workloadIdentities[2].access[1].store: aws has no datasets store (datasets exists on azure)',
    ]);
  });

  test('an explicit cloud without the store, a mode the store refuses, and EKS into Azure are all reported at once', () => {
    const found = problems(
      withIdentities((ids) => {
        ids[0].access.push({ store: 'datasets', cloud: 'aws', mode: 'read' });
        ids[3].access[0].mode = 'read';
        ids[2].access.push({ store: 'models', cloud: 'azure', mode: 'read' });
      }),
    );
    expect(found).toEqual([
      'environments.prod.workloadIdentities[0].access[2].cloud: aws has no datasets store (datasets exists on azure)',
      'environments.prod.workloadIdentities[2].access[1].cloud: a workload on aws cannot be granted azure stores: only AKS workloads are federated into AWS',
      'environments.prod.workloadIdentities[3].access[0].mode: workload-logs may only be granted write',
    ]);
  });

  test('two identities on one service account, and duplicate names, are refused', () => {
    const found = problems(
      withIdentities((ids) => {
        ids.push({ ...ids[2], name: 'model-server-2' });
        ids.push({ ...ids[3], serviceAccount: 'other' });
      }),
    );
    expect(found.sort()).toEqual([
      'environments.prod.workloadIdentities[4].serviceAccount: is already the service account of workloadIdentities[2] in namespace serving; each identity needs its own',
      'environments.prod.workloadIdentities[5].name: duplicates entry 3',
    ]);
  });

  test('a service account name Kubernetes refuses is refused', () => {
    const found = problems(withIdentities((ids) => (ids[0].serviceAccount = 'Model_Trainer')));
    expect(found).toEqual([
      expect.stringMatching(/^environments\.prod\.workloadIdentities\[0\]\.serviceAccount: must be a Kubernetes name/),
    ]);
  });
});
