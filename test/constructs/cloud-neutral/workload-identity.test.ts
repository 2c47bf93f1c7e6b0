import {
  crossCloudSupported,
  identitiesOn,
  identityParityView,
  modelArtifactKey,
  serviceAccountSubject,
  type WorkloadIdentitySpec,
} from '../../../constructs/cloud-neutral/workload-identity';

const publisher: WorkloadIdentitySpec = {
  name: 'artifact-publisher',
  clouds: ['azure'],
  namespace: 'publishing',
  serviceAccount: 'artifact-publisher',
  access: [
    { store: 'models', mode: 'read' },
    { store: 'models', cloud: 'aws', mode: 'write' },
  ],
};
const server: WorkloadIdentitySpec = {
  name: 'model-server',
  clouds: ['aws', 'azure'],
  namespace: 'serving',
  serviceAccount: 'model-server',
  access: [{ store: 'models', mode: 'read' }],
};

describe('workload identities', () => {
  test('the subject is the exact service account, as Kubernetes writes it into tokens', () => {
    expect(serviceAccountSubject('serving', 'model-server')).toBe('system:serviceaccount:serving:model-server');
  });

  test('a grant without a cloud is on the store of each cloud the workload runs on', () => {
    expect(identitiesOn('aws', [server])).toEqual([
      expect.objectContaining({
        cloud: 'aws',
        local: [{ store: 'models', cloud: 'aws', mode: 'read' }],
        crossCloud: [],
      }),
    ]);
    expect(identitiesOn('azure', [server])[0].local).toEqual([{ store: 'models', cloud: 'azure', mode: 'read' }]);
  });

  test("a grant on the other cloud's store is cross-cloud, and a workload runs only where config says", () => {
    expect(identitiesOn('aws', [publisher])).toEqual([]);
    const [onAzure] = identitiesOn('azure', [publisher]);
    expect(onAzure.local).toEqual([{ store: 'models', cloud: 'azure', mode: 'read' }]);
    expect(onAzure.crossCloud).toEqual([{ store: 'models', cloud: 'aws', mode: 'write' }]);
  });

  test('only AKS workloads federate into AWS', () => {
    expect(crossCloudSupported('azure', 'aws')).toBe(true);
    expect(crossCloudSupported('aws', 'azure')).toBe(false);
    expect(crossCloudSupported('aws', 'aws')).toBe(true);
  });

  test('the parity view lists where each identity runs and what it may touch there', () => {
    expect(identityParityView([publisher, server])).toEqual([
      { name: 'artifact-publisher', clouds: { azure: { local: ['models:read'], crossCloud: ['models:write'] } } },
      {
        name: 'model-server',
        clouds: { aws: { local: ['models:read'], crossCloud: [] }, azure: { local: ['models:read'], crossCloud: [] } },
      },
    ]);
  });

  test('model artifacts live under models/<name>/<version>/, and odd names are refused', () => {
    expect(modelArtifactKey('llama-guard', '2026.11.1', 'manifest.json')).toBe(
      'models/llama-guard/2026.11.1/manifest.json',
    );
    expect(() => modelArtifactKey('../etc', '1', 'x')).toThrow(/model "..\/etc" must be/);
    expect(() => modelArtifactKey('m', 'v/2', 'x')).toThrow(/version "v\/2" must be/);
  });
});
