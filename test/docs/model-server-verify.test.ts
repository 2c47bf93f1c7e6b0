/**
 * docs/examples/model-server-verify.yaml, the init container the contract page shows: valid
 * Kubernetes of the right shape, run as the verifier identity the stacks grant the trust set to,
 * reading the trust set where the stacks put it, and verifying before the server starts.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { parsePlatformConfig } from '../../config/load';
import { MODEL_TRUST_SET_KEY, releaseVerifiers } from '../../constructs/cloud-neutral/model-signing';
import { MODEL_KEY_PREFIX, identitiesOn } from '../../constructs/cloud-neutral/workload-identity';
import { frozenConfig } from '../helpers/config-fixture';

interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  securityContext?: Record<string, unknown>;
}
const file = path.join(__dirname, '..', '..', 'docs', 'examples', 'model-server-verify.yaml');
const manifest = parse(readFileSync(file, 'utf8')) as {
  apiVersion: string;
  kind: string;
  metadata: { namespace: string };
  spec: {
    template: {
      spec: {
        serviceAccountName: string;
        initContainers: Container[];
        containers: Container[];
        volumes: { name: string; emptyDir?: unknown }[];
      };
    };
  };
};
const pod = manifest.spec.template.spec;
const contract = readFileSync(path.join(__dirname, '..', '..', 'docs', 'model-release-contract.md'), 'utf8');

describe('the verifying init container example', () => {
  test('is a Deployment whose pod runs as the verifier the stacks grant the trust set to', () => {
    expect([manifest.apiVersion, manifest.kind]).toEqual(['apps/v1', 'Deployment']);
    const env = parsePlatformConfig(frozenConfig()).environments.prod;
    const verifiers = releaseVerifiers(identitiesOn('aws', env.workloadIdentities));
    expect(verifiers.map((v) => [v.namespace, v.serviceAccount])).toContainEqual([
      manifest.metadata.namespace,
      pod.serviceAccountName,
    ]);
  });

  test('fetches the release under models/ and the trust set from its key, then verifies, before the server', () => {
    expect(pod.initContainers.map((c) => c.name)).toEqual(['fetch-release', 'verify-release']);
    const fetch = pod.initContainers[0].args!.join(' ');
    expect(fetch).toContain(`s3://\${MODEL_BUCKET}/${MODEL_KEY_PREFIX}\${MODEL}/\${VERSION}/`);
    expect(fetch).toContain(`"s3://\${MODEL_BUCKET}/${MODEL_TRUST_SET_KEY}" /trust/trust.json`);
    const verify = pod.initContainers[1];
    expect(verify.command).toEqual(['node', 'tools/model-release/cli.js', 'verify']);
    expect(verify.args).toEqual(['/models/llama-guard/2026.11.1', '--trust', '/trust/trust.json']);
    // The contract page shows the same command.
    expect(contract).toContain('node tools/model-release/cli.js verify <dir> --trust <trust.json>');
  });

  test('the verifier and the server see the files read-only; the server loads the verified directory', () => {
    const mounts = (c: Container) => Object.fromEntries((c.volumeMounts ?? []).map((m) => [m.name, m]));
    const [, verify] = pod.initContainers;
    const [server] = pod.containers;
    expect(mounts(verify).models).toEqual({ name: 'models', mountPath: '/models', readOnly: true });
    expect(mounts(verify).trust).toEqual({ name: 'trust', mountPath: '/trust', readOnly: true });
    expect(mounts(server).models).toEqual({ name: 'models', mountPath: '/models', readOnly: true });
    expect(mounts(server).trust).toBeUndefined();
    expect(server.args).toContain(verify.args![0]);
    // Pod-local volumes: nothing outlives the pod, nothing is shared with another.
    for (const v of pod.volumes) expect(v.emptyDir).toBeDefined();
  });

  test('every container runs without root or privilege escalation, with all capabilities dropped', () => {
    for (const c of [...pod.initContainers, ...pod.containers]) {
      expect(c.securityContext).toMatchObject({
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      });
    }
  });
});
