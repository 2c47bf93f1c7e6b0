import {
  releaseSigners,
  releaseVerifiers,
  signingKeyName,
  trustedGenerations,
} from '../../../constructs/cloud-neutral/model-signing';
import { identitiesOn, type WorkloadIdentitySpec } from '../../../constructs/cloud-neutral/workload-identity';
import { configProblems, frozenConfig } from '../../helpers/config-fixture';

const workloads: WorkloadIdentitySpec[] = [
  {
    name: 'trainer',
    clouds: ['azure'],
    namespace: 't',
    serviceAccount: 't',
    access: [{ store: 'models', mode: 'write' }],
  },
  {
    name: 'publisher',
    clouds: ['azure'],
    namespace: 'p',
    serviceAccount: 'p',
    access: [
      { store: 'models', mode: 'read' },
      { store: 'models', cloud: 'aws', mode: 'write' },
    ],
  },
  {
    name: 'server',
    clouds: ['azure', 'aws'],
    namespace: 's',
    serviceAccount: 's',
    access: [{ store: 'models', mode: 'read' }],
  },
];

describe('model signing, cloud-neutral', () => {
  test('the signers are the Azure workloads that write AWS model stores: the publish path', () => {
    expect(releaseSigners(identitiesOn('azure', workloads)).map((w) => w.name)).toEqual(['publisher']);
  });

  test('the verifiers are the AWS workloads that read models', () => {
    expect(releaseVerifiers(identitiesOn('aws', workloads)).map((w) => w.name)).toEqual(['server']);
    expect(releaseVerifiers(identitiesOn('azure', workloads))).toEqual([]);
  });

  test('a trust set carries the current generation, and the previous one after a rotation', () => {
    expect(trustedGenerations(1)).toEqual([{ generation: 1, role: 'current' }]);
    expect(trustedGenerations(3)).toEqual([
      { generation: 3, role: 'current' },
      { generation: 2, role: 'previous' },
    ]);
    expect(() => trustedGenerations(0)).toThrow(/whole number from 1, got 0/);
    expect(signingKeyName(2)).toBe('model-release-g2');
  });

  test('config: curve, generation and overlap are checked with the path and what is allowed', () => {
    const config = frozenConfig();
    config.environments.prod.modelSigning = { curve: 'P-521', generation: 0, overlapDays: 120 };
    expect(configProblems(config)).toEqual([
      expect.stringMatching(/^environments\.prod\.modelSigning\.curve: .*P-256.*P-384/),
      expect.stringMatching(/^environments\.prod\.modelSigning\.generation: must be 1 or more/),
      expect.stringMatching(/^environments\.prod\.modelSigning\.overlapDays: must be 1-90 days/),
    ]);
  });

  test('config: a publisher needs an Azure grant, whose identity is what may sign', () => {
    const config = frozenConfig();
    const publisher = config.environments.prod.workloadIdentities.find(
      (w: { name: string }) => w.name === 'artifact-publisher',
    );
    publisher.access = publisher.access.filter((a: { cloud?: string }) => a.cloud === 'aws');
    const index = config.environments.prod.workloadIdentities.indexOf(publisher);
    expect(configProblems(config)).toEqual([
      `environments.prod.workloadIdentities[${index}].access: publishes to AWS, so it signs releases with an Azure identity, which only an Azure grant creates: add { "store": "models", "mode": "read" }, the store it publishes from`,
    ]);
  });
});
