/**
 * Signed model releases, as the stacks grant them (frozen fixture): the signing key per
 * environment, sign for the publisher alone, the trust set in every AWS region from the key's
 * own output, readable by the model servers and changeable only by admins; and a rotation,
 * whose trust set Terraform itself evaluates with keys made here.
 */
import { execFileSync } from 'child_process';
import { createHash, generateKeyPairSync } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parsePlatformConfig } from '../../config/load';
import { KEY_SIGN_DATA_ACTION, SIGNER_DATA_ACTIONS } from '../../constructs/azure/model-signing-key';
import { MODEL_TRUST_SET_KEY } from '../../constructs/cloud-neutral/model-signing';
import { policyStatements, resourcesOfType, type StackResource } from '../../constructs/shared/stack-json';
import { frozenConfig } from '../helpers/config-fixture';
import { sharedOutput, type StackJson } from '../helpers/shared-synth';
import { synthesize } from '../helpers/synth';

const { stacks } = sharedOutput('frozen');
const hosts = [...stacks.entries()].filter(([name]) => name.includes('-azure-host-'));
const dists = [...stacks.entries()].filter(([name]) => name.includes('-aws-dist-'));
const envOf = (name: string) => name.split('-')[0];

/** Built-in roles whose data actions include signing with a key (Azure built-in roles, Security). */
const BUILT_IN_SIGNING_ROLES = ['Key Vault Administrator', 'Key Vault Crypto Officer', 'Key Vault Crypto User'];

const byPath = (stack: StackJson, type: string, pathEnd: string): StackResource[] =>
  resourcesOfType(stack, type).filter((r) =>
    String((r.attributes['//'] as { metadata: { path: string } }).metadata.path).endsWith(pathEnd),
  );
const one = (stack: StackJson, type: string, pathEnd: string): StackResource => {
  const found = byPath(stack, type, pathEnd);
  expect(found).toHaveLength(1);
  return found[0];
};
const ref = (r: StackResource, attribute: string) => `\${${r.address}.${attribute}}`;

/** Whether an assignment's role, built-in or a custom role of the stack, includes the sign data action. */
function maySign(stack: StackJson, assignment: StackResource): boolean {
  if (BUILT_IN_SIGNING_ROLES.includes(String(assignment.attributes.role_definition_name))) return true;
  const id = String(assignment.attributes.role_definition_id ?? '');
  const definition = resourcesOfType(stack, 'azurerm_role_definition').find((d) => id.startsWith(`\${${d.address}.`));
  if (!definition) return id !== '';
  const [permissions] = definition.attributes.permissions as { data_actions?: string[]; not_data_actions?: string[] }[];
  const grants = (permissions.data_actions ?? []).some((a) =>
    new RegExp(`^${a.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`).test(KEY_SIGN_DATA_ACTION),
  );
  return grants && !(permissions.not_data_actions ?? []).includes(KEY_SIGN_DATA_ACTION);
}

describe('the model signing key (Azure)', () => {
  test('one per environment, in the primary host region, in a vault of its own', () => {
    const withKeys = hosts.filter(([, s]) => byPath(s, 'azurerm_key_vault_key', '/model-signing/key-g1').length > 0);
    expect(withKeys.map(([n]) => envOf(n)).sort()).toEqual(['dev', 'prod']);
    for (const [, stack] of withKeys) {
      const key = one(stack, 'azurerm_key_vault_key', '/model-signing/key-g1');
      const vault = one(stack, 'azurerm_key_vault', '/model-signing/vault/vault');
      expect(key.attributes.key_vault_id).toBe(ref(vault, 'id'));
      // No other key in the signing vault.
      const inVault = resourcesOfType(stack, 'azurerm_key_vault_key').filter(
        (k) => k.attributes.key_vault_id === ref(vault, 'id'),
      );
      expect(inVault).toEqual([key]);
    }
  });

  test.each([
    ['prod', 'EC-HSM', 'premium'],
    ['dev', 'EC', 'standard'],
  ])('in %s: %s in a %s vault, P-256, sign and verify only, protected, expiring once', (env, keyType, sku) => {
    const stack = hosts.find(([n]) => envOf(n) === env)![1];
    const key = one(stack, 'azurerm_key_vault_key', '/model-signing/key-g1');
    const vault = one(stack, 'azurerm_key_vault', '/model-signing/vault/vault');
    expect(vault.attributes).toMatchObject({
      sku_name: sku,
      purge_protection_enabled: true,
      rbac_authorization_enabled: true,
      public_network_access_enabled: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(key.attributes).toMatchObject({
      key_type: keyType,
      curve: 'P-256',
      key_opts: ['sign', 'verify'],
      lifecycle: { prevent_destroy: true },
      rotation_policy: { expire_after: 'P730D', notify_before_expiry: 'P90D' },
    });
    expect(key.attributes.key_size).toBeUndefined();
    // The expiry is a time_offset's, fixed in state when created: no diff on later plans.
    const expiry = one(stack, 'time_offset', '/model-signing/expiry-g1');
    expect(key.attributes.expiration_date).toBe(ref(expiry, 'rfc3339'));
    expect(expiry.attributes).toEqual(expect.objectContaining({ offset_days: 730 }));
    expect(expiry.attributes.triggers).toBeUndefined();
  });

  test("the vault's audit events go to Log Analytics and to the immutable audit archive", () => {
    for (const [, stack] of hosts.filter(
      ([, s]) => byPath(s, 'azurerm_key_vault', '/model-signing/vault/vault').length,
    )) {
      const vault = one(stack, 'azurerm_key_vault', '/model-signing/vault/vault');
      const settings = resourcesOfType(stack, 'azurerm_monitor_diagnostic_setting').filter(
        (d) => d.attributes.target_resource_id === ref(vault, 'id'),
      );
      const workspace = resourcesOfType(stack, 'azurerm_log_analytics_workspace').find(
        (w) => String(w.attributes.name).match(/^log-[\w-]+$/) && !String(w.attributes.name).endsWith('-defender'),
      )!;
      const archive = one(stack, 'azurerm_storage_account', '/audit-archive/account');
      expect(
        settings.map((s) => s.attributes.log_analytics_workspace_id ?? s.attributes.storage_account_id).sort(),
      ).toEqual([ref(workspace, 'id'), ref(archive, 'id')].sort());
      for (const s of settings) expect(s.attributes.enabled_log).toEqual([{ category_group: 'audit' }]);
    }
  });
});

describe('who may sign', () => {
  test('the signer role has the sign operation and the public key read, nothing else', () => {
    for (const [, stack] of hosts.filter(
      ([, s]) => byPath(s, 'azurerm_role_definition', '/model-signing/signer-role').length,
    )) {
      const role = one(stack, 'azurerm_role_definition', '/model-signing/signer-role');
      expect(role.attributes.permissions).toEqual([{ data_actions: [...SIGNER_DATA_ACTIONS], not_data_actions: [] }]);
      expect(role.attributes.permissions).not.toHaveProperty('0.actions');
    }
  });

  test('only the publisher may sign, only with the current key: no other principal has any role including sign that reaches it', () => {
    for (const [name, stack] of hosts) {
      const key = byPath(stack, 'azurerm_key_vault_key', '/model-signing/key-g1')[0];
      const vault = byPath(stack, 'azurerm_key_vault', '/model-signing/vault/vault')[0];
      const signers = resourcesOfType(stack, 'azurerm_role_assignment').filter((a) => maySign(stack, a));
      const reachesSigningKey = (scope: string) =>
        Boolean(key) &&
        (scope === ref(key, 'resource_versionless_id') ||
          scope === ref(vault, 'id') ||
          !/^\$\{azurerm_(key_vault|storage_account|storage_container|key_vault_key)\./.test(scope));
      const reaching = signers.filter((a) => reachesSigningKey(String(a.attributes.scope)));
      if (!key) {
        expect(reaching).toEqual([]);
        continue;
      }
      expect(reaching.map((a) => [a.attributes.scope, a.attributes.principal_id])).toEqual([
        [
          ref(key, 'resource_versionless_id'),
          ref(one(stack, 'azurerm_user_assigned_identity', '/workload-identities/artifact-publisher'), 'principal_id'),
        ],
      ]);
      // The trainer and the model server have nothing on the signing vault or key.
      for (const workload of ['model-trainer', 'model-server']) {
        const identity = byPath(stack, 'azurerm_user_assigned_identity', `/workload-identities/${workload}`)[0];
        if (!identity) continue;
        const theirs = resourcesOfType(stack, 'azurerm_role_assignment').filter(
          (a) => a.attributes.principal_id === ref(identity, 'principal_id'),
        );
        for (const a of theirs) expect(reachesSigningKey(String(a.attributes.scope))).toBe(false);
      }
      expect(name).toMatch(/-azure-host-/);
    }
  });

  test('the deployer manages the signing keys through a role that excludes signing', () => {
    for (const [, stack] of hosts.filter(
      ([, s]) => byPath(s, 'azurerm_key_vault', '/model-signing/vault/vault').length,
    )) {
      const vault = one(stack, 'azurerm_key_vault', '/model-signing/vault/vault');
      const deployer = resourcesOfType(stack, 'azurerm_role_assignment').filter(
        (a) => a.attributes.scope === ref(vault, 'id'),
      );
      expect(deployer).toHaveLength(1);
      expect(deployer[0].attributes.principal_id).toMatch(/data\.azurerm_client_config\.model-signing_vault_deployer_/);
      expect(maySign(stack, deployer[0])).toBe(false);
    }
  });
});

describe('where the public key goes (AWS)', () => {
  test.each(dists.map(([n]) => n))(
    '%s: the trust set is the signing key’s own output, through remote state',
    (name) => {
      const stack = stacks.get(name)!;
      const [object] = resourcesOfType(stack, 'aws_s3_object');
      expect(resourcesOfType(stack, 'aws_s3_object')).toHaveLength(1);
      expect(object.attributes.key).toBe(MODEL_TRUST_SET_KEY);
      const content = String(object.attributes.content);
      expect(content).not.toContain('BEGIN PUBLIC KEY');
      const outputs = [...content.matchAll(/data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)/g)];
      expect(outputs.length).toBeGreaterThan(0);
      const host = `${envOf(name)}-azure-host-`;
      for (const [, state, output] of outputs) {
        expect(state).toContain(host);
        const producer = [...stacks.entries()].find(([n]) => state.endsWith(n))!;
        expect(producer[0].startsWith(host)).toBe(true);
        expect(producer[1].output![output].value).toMatch(
          /^\$\{azurerm_key_vault_key\.model-signing_key-g1_\w+\.public_key_pem\}$/,
        );
      }
      expect(object.attributes.bucket).toMatch(/^\$\{aws_s3_bucket\.model-store_bucket_\w+\.id\}$/);
    },
  );

  test('the model servers, and no other role, may read the trust set', () => {
    for (const [name, stack] of [...stacks.entries()].filter(([n]) => n.includes('-aws-'))) {
      const readers = resourcesOfType(stack, 'aws_iam_role_policy').filter((p) =>
        policyStatementsOf(stack, p).some(
          (s) =>
            s.effect === 'Allow' &&
            s.actions.some((a) => ['s3:GetObject', 's3:*', 's3:Get*'].includes(a)) &&
            s.resources.some((r) => r.endsWith(`/${MODEL_TRUST_SET_KEY}`) || r.endsWith('/*')),
        ),
      );
      const onTrustSet = readers.filter((p) =>
        policyStatementsOf(stack, p).some((s) => s.resources.some((r) => r.endsWith(`/${MODEL_TRUST_SET_KEY}`))),
      );
      expect(onTrustSet.map((p) => String(p.attributes.role))).toEqual(
        name.includes('-aws-dist-') ? [expect.stringContaining('model-server')] : [],
      );
      // Nobody reads the whole bucket, which would include it.
      for (const p of readers)
        for (const s of policyStatementsOf(stack, p))
          expect(s.resources.filter((r) => /\.arn\}\/\*$/.test(r))).toEqual([]);
    }
  });

  test('only the admins and the deployer may change it: the bucket policy denies every other writer', () => {
    const config = parsePlatformConfig(frozenConfig());
    for (const [name, stack] of dists) {
      const env = config.environments[envOf(name)];
      const admins = env.aws.adminPrincipalArns ?? env.kubernetes.admins.awsPrincipalArns;
      const policy = resourcesOfType(stack, 'aws_s3_bucket_policy').find((p) =>
        String(p.attributes.bucket).includes('model-store_bucket'),
      )!;
      const deny = policyStatementsOf(stack, policy).find((s) => s.sid === 'OnlyAdminsChangeTheTrustSet')!;
      expect(deny.effect).toBe('Deny');
      expect(deny.actions).toEqual(expect.arrayContaining(['s3:PutObject*', 's3:DeleteObject*']));
      expect(deny.resources).toEqual([expect.stringMatching(new RegExp(`\\.arn\\}/${MODEL_TRUST_SET_KEY}$`))]);
      expect(deny.principals).toEqual({ '*': ['*'] });
      expect(deny.conditions).toEqual([
        {
          test: 'ArnNotEquals',
          variable: 'aws:PrincipalArn',
          values: [expect.stringMatching(/^\$\{data\.aws_iam_session_context\./), ...admins],
        },
      ]);
    }
  });
});

/** The statements of an inline policy or bucket policy, however rendered. */
function policyStatementsOf(stack: StackJson, resource: StackResource) {
  const statements = policyStatements(stack, resource.attributes.policy);
  expect(statements).toBeDefined();
  return statements!;
}

describe('rotation', () => {
  // GIVEN prod rotated once: generation 2, the fixture's 30-day overlap.
  const input = frozenConfig();
  input.environments.prod.modelSigning = { generation: 2, overlapDays: 30, vaultName: 'kv-fork-signing' };
  const rotated = synthesize(parsePlatformConfig(input)).stacks;
  const host = [...rotated.entries()].find(([n]) => n.startsWith('prod-azure-host-'))![1];

  test('both generations stay declared and protected; the publisher signs with the new one only', () => {
    const [g1, g2] = ['/model-signing/key-g1', '/model-signing/key-g2'].map((p) =>
      one(host, 'azurerm_key_vault_key', p),
    );
    for (const key of [g1, g2]) expect(key.attributes.lifecycle).toEqual({ prevent_destroy: true });
    expect([g1, g2].map((k) => k.attributes.name)).toEqual(['model-release-g1', 'model-release-g2']);
    const vault = one(host, 'azurerm_key_vault', '/model-signing/vault/vault');
    const signing = resourcesOfType(host, 'azurerm_role_assignment').filter(
      (a) => maySign(host, a) && String(a.attributes.scope).includes('model-signing_'),
    );
    expect(signing.map((a) => a.attributes.scope)).toEqual([ref(g2, 'resource_versionless_id')]);
    expect(one(host, 'time_offset', '/model-signing/retire-g1').attributes).toMatchObject({ offset_days: 30 });
    // An explicit vault name, for a fork whose derived one is taken.
    expect(vault.attributes.name).toBe('kv-fork-signing');
  });

  test('every region trusts the new key, and the old one until the overlap ends (evaluated by Terraform)', () => {
    const keys = [1, 2].map(() => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey);
    const pems = keys.map((k) => k.export({ type: 'spki', format: 'pem' }).toString());
    const retiredAt = '2027-02-01T10:00:00Z';
    const value = (output: string): string => {
      const produced = String(host.output![output].value);
      if (produced.includes('key-g1_')) return pems[0];
      if (produced.includes('key-g2_')) return pems[1];
      if (produced.includes('retire-g1_')) return retiredAt;
      throw new Error(`unexpected output ${produced}`);
    };
    const regions = [...rotated.entries()].filter(([n]) => n.startsWith('prod-aws-dist-'));
    expect(regions.length).toBeGreaterThan(0);
    const contents = regions.map(([, stack]) => String(resourcesOfType(stack, 'aws_s3_object')[0].attributes.content));
    const printed = terraformEvaluate(contents, value);
    // THEN each region's set is exactly what the format's verifier reads, the hint as Node computes it.
    const hint = (pem: string) => createHash('sha256').update(pem).digest('hex');
    const expected = {
      keys: [
        { hint: hint(pems[1]), pem: pems[1] },
        { hint: hint(pems[0]), pem: pems[0], not_after: retiredAt },
      ],
    };
    expect(printed.map((trust) => JSON.parse(trust))).toEqual(regions.map(() => expected));
  });

  test('a second rotation retires generation 1 from the trust set; its key stays in the vault', () => {
    const again = frozenConfig();
    again.environments.prod.modelSigning = { generation: 3 };
    const output = synthesize(parsePlatformConfig(again)).stacks;
    const host3 = [...output.entries()].find(([n]) => n.startsWith('prod-azure-host-'))![1];
    expect(byPath(host3, 'azurerm_key_vault_key', '/model-signing/key-g1')).toHaveLength(1);
    const dist = [...output.entries()].find(([n]) => n.startsWith('prod-aws-dist-'))![1];
    const content = String(resourcesOfType(dist, 'aws_s3_object')[0].attributes.content);
    const produced = [...content.matchAll(/outputs\.([\w-]+)/g)].map(([, o]) => String(host3.output![o].value));
    expect(produced.some((p) => p.includes('key-g1_'))).toBe(false);
    expect(
      produced.filter((p) => p.includes('key-g3_') || p.includes('key-g2_') || p.includes('retire-g2_')),
    ).toHaveLength(produced.length);
  });
});

/**
 * Evaluates synthesized `${...}` expressions with `terraform console`, each remote state output
 * replaced by a value: what Terraform would write, computed by Terraform. One console evaluates
 * them all, as one list: each start of Terraform costs most of a second.
 */
function terraformEvaluate(expressions: readonly string[], value: (output: string) => string): string[] {
  const bodies = expressions.map((expression) =>
    expression
      .replace(/^\$\{/, '')
      .replace(/\}$/, '')
      .replace(/data\.terraform_remote_state\.[\w-]+\.outputs\.([\w-]+)/g, (_, output: string) =>
        JSON.stringify(value(output)),
      ),
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'trust-set-'));
  try {
    writeFileSync(path.join(dir, 'main.tf.json'), '{}');
    const printed = execFileSync('terraform', ['console'], {
      cwd: dir,
      input: `jsonencode([${bodies.map((body) => `(${body})`).join(', ')}])`,
      env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' },
    }).toString();
    return JSON.parse(JSON.parse(printed.trim()));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
