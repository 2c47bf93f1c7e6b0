/**
 * The model distribution path on the frozen fixture config: prod has two AWS regions in one
 * account, so account-global IAM is exercised; dev has one of each.
 */
import { duplicateAccountGlobals } from '../../constructs/checks/prerequisites';
import {
  policyStatements,
  referencedAddress,
  resourcesOfType,
  type PolicyStatementJson,
  type StackJson,
} from '../../constructs/shared/stack-json';
import { compareIdentities } from '../../constructs/cloud-neutral/parity';
import { parsePlatformConfig, selectEnvironments } from '../../config/load';
import { frozenConfig } from '../helpers/config-fixture';
import { sharedOutput } from '../helpers/shared-synth';
import { build, synthesize } from '../helpers/synth';

type Attributes = Record<string, unknown>;

const { stacks } = sharedOutput('frozen');
const awsStacks = [...stacks].filter(([, s]) => s.provider?.aws);
const azureStacks = [...stacks].filter(([name]) => name.includes('-azure-host-'));
const all = <T>(type: string, from = [...stacks]) =>
  from.flatMap(([name, stack]) => resourcesOfType(stack, type).map((r) => ({ ...r, stack: name, json: stack }) as T));
type Found = ReturnType<typeof resourcesOfType>[number] & { stack: string; json: StackJson };

const statementsOf = (r: Found, attribute = 'policy'): PolicyStatementJson[] =>
  policyStatements(r.json, r.attributes[attribute])!;

const PROD_DISTS = ['prod-aws-dist-us-east-1', 'prod-aws-dist-eu-west-1'];

describe('model distribution path (frozen fixture)', () => {
  describe('trust', () => {
    const roles = all<Found>('aws_iam_role', awsStacks);

    test('every role trusting web identities pins audience and the exact service-account subject', () => {
      const federated = roles.filter((r) =>
        statementsOf(r, 'assume_role_policy').some((s) => s.actions.includes('sts:AssumeRoleWithWebIdentity')),
      );
      // Per dist stack: vpc-cni, model-server, log-shipper; per account: the publisher.
      expect(federated).toHaveLength(3 * 3 + 2);
      for (const role of federated) {
        for (const s of statementsOf(role, 'assume_role_policy')) {
          expect(s.principals.Federated).toHaveLength(1);
          const issuer = /^\$\{element\(split\("oidc-provider\/", (\S+)\.arn\), 1\)\}:/;
          const tests = Object.fromEntries(s.conditions.map((c) => [c.variable.replace(issuer, '<issuer>:'), c]));
          expect(tests['<issuer>:aud']).toEqual(
            expect.objectContaining({ test: 'StringEquals', values: ['sts.amazonaws.com'] }),
          );
          expect(tests['<issuer>:sub'].test).toBe('StringEquals');
          expect(tests['<issuer>:sub'].values).toEqual([
            expect.stringMatching(/^system:serviceaccount:[a-z0-9-]+:[a-z0-9-]+$/),
          ]);
          // The issuer's condition keys name the same provider the principal is (global keys, `aws:`, name none).
          const provider = referencedAddress(s.principals.Federated[0]);
          for (const c of s.conditions.filter((c) => !c.variable.startsWith('aws:')))
            expect(c.variable).toContain(`${provider}.arn`);
        }
      }
    });

    test('the publisher role lives in the account stack and trusts the AKS issuer for its one subject', () => {
      const publisher = roles.filter((r) => r.attributes.name === 'gpuplat-prod-artifact-publisher');
      expect(publisher.map((r) => r.stack)).toEqual(['prod-aws-account']);
      const [s] = statementsOf(publisher[0], 'assume_role_policy');
      expect(s.conditions.find((c) => c.variable.endsWith(':sub'))!.values).toEqual([
        'system:serviceaccount:publishing:artifact-publisher',
      ]);
      const provider = resourcesOfType(stacks.get('prod-aws-account')!, 'aws_iam_openid_connect_provider');
      expect(provider).toHaveLength(1);
      expect(provider[0].attributes.client_id_list).toEqual(['sts.amazonaws.com']);
      expect(String(provider[0].attributes.url)).toMatch(
        /cross-stack-output-azurerm_kubernetes_cluster\S+oidc_issuer_url/,
      );
    });

    test('every IAM role carries the permissions boundary', () => {
      expect(roles.length).toBeGreaterThan(10);
      for (const role of roles) expect(role.attributes.permissions_boundary).toMatch(/\S/);
    });

    test("region stacks read the account stack's boundary through remote state, bound to a local of their own", () => {
      for (const dist of PROD_DISTS) {
        const stack = stacks.get(dist)!;
        const locals = stack.locals as Record<string, string>;
        expect(locals.permissions_boundary_arn).toMatch(
          /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-prod-aws-account\.outputs\.\S+permissions-boundary\S+arn\}$/,
        );
        for (const role of resourcesOfType(stack, 'aws_iam_role'))
          expect(role.attributes.permissions_boundary).toBe('${local.permissions_boundary_arn}');
      }
    });
  });

  describe('least privilege', () => {
    const grantPolicies = all<Found>('aws_iam_role_policy', awsStacks);

    test('no role policy holds a wildcard action, or a wildcard resource', () => {
      expect(grantPolicies.length).toBeGreaterThan(0);
      for (const policy of grantPolicies) {
        for (const s of statementsOf(policy)) {
          for (const action of s.actions) expect(action).not.toMatch(/(^|:)\*$/);
          expect(s.resources).not.toContain('*');
        }
      }
    });

    test('the publisher can only put under models/ of each region, with that region key, granted beside its role', () => {
      const account = stacks.get('prod-aws-account')!;
      const policies = all<Found>('aws_iam_role_policy', [['prod-aws-account', account]]).filter((p) =>
        p.id.startsWith('federated-artifact-publisher-stores-'),
      );
      expect(policies.map((p) => p.attributes.name).sort()).toEqual(['stores-eu-west-1', 'stores-us-east-1']);
      for (const dist of PROD_DISTS) {
        const region = dist.replace('prod-aws-dist-', '');
        const [policy] = policies.filter((p) => p.attributes.name === `stores-${region}`);
        expect(referencedAddress(policy.attributes.role)).toMatch(/^aws_iam_role\.federated-artifact-publisher_role_/);
        // The names the account stack grants are the ones the region stack creates.
        const distStack = stacks.get(dist)!;
        const bucket = resourcesOfType(distStack, 'aws_s3_bucket').find((b) => b.id.startsWith('model-store_bucket_'))!;
        const alias = resourcesOfType(distStack, 'aws_kms_alias').find((a) => a.id.startsWith('model-store_key_'))!;
        const statements = statementsOf(policy);
        const s3 = statements.filter((s) => s.actions.some((a) => a.startsWith('s3:')));
        expect(s3.flatMap((s) => s.actions).sort()).toEqual(['s3:AbortMultipartUpload', 's3:PutObject']);
        for (const s of s3) expect(s.resources).toEqual([`arn:aws:s3:::${String(bucket.attributes.bucket)}/models/*`]);
        const kms = statements.filter((s) => s.actions.some((a) => a.startsWith('kms:')));
        expect(kms).toHaveLength(1);
        expect(kms[0].resources).toEqual([`arn:aws:kms:${region}:222222222222:key/*`]);
        expect(kms[0].conditions).toEqual(
          expect.arrayContaining([
            { test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: [alias.attributes.name] },
            {
              test: 'StringEquals',
              variable: 'kms:EncryptionContext:aws:s3:arn',
              values: [`arn:aws:s3:::${String(bucket.attributes.bucket)}`],
            },
            { test: 'StringEquals', variable: 'kms:ViaService', values: [`s3.${region}.amazonaws.com`] },
          ]),
        );
        // No region stack grants the account's role anything.
        expect(
          all<Found>('aws_iam_role_policy', [[dist, distStack]]).filter((p) =>
            String(p.attributes.role).includes('artifact-publisher'),
          ),
        ).toEqual([]);
      }
    });

    test('the model server can only read', () => {
      for (const dist of PROD_DISTS) {
        const roles = all<Found>('aws_iam_role_policy', [[dist, stacks.get(dist)!]]).filter((p) =>
          String(p.attributes.role).includes('model-server'),
        );
        expect(roles).toHaveLength(1);
        const statements = statementsOf(roles[0]);
        expect([...new Set(statements.flatMap((s) => s.actions))].sort()).toEqual([
          'kms:Decrypt',
          's3:GetObject',
          's3:GetObjectVersion',
          's3:ListBucket',
        ]);
        // Objects it reads: the releases, and the trust set it verifies them with.
        const objects = statements.filter((s) => s.actions.includes('s3:GetObject')).flatMap((s) => s.resources);
        expect(objects.map((r) => r.replace(/^.*\.arn\}\//, '')).sort()).toEqual([
          'model-signing/trust.json',
          'models/*',
        ]);
      }
    });

    test('the boundary is the one policy allowing whole services, and it denies escalation', () => {
      const boundaries = all<Found>('aws_iam_policy', awsStacks);
      expect(boundaries.map((b) => b.stack).sort()).toEqual(['dev-aws-account', 'prod-aws-account']);
      const statements = statementsOf(boundaries[0]);
      expect(statements.filter((s) => s.effect === 'Deny').flatMap((s) => s.actions)).toEqual(
        expect.arrayContaining(['iam:CreateUser', 'iam:PutRolePermissionsBoundary', 'iam:CreatePolicyVersion']),
      );
    });

    /** Scopes wider than one container, key or rule, each with the reason it cannot be narrower. */
    const SCOPE_EXCEPTIONS: Record<string, { scope: string; why: string }> = {
      'deployer-crypto-officer': {
        scope: 'azurerm_key_vault',
        why: 'the deployer creates keys, which exist only in a vault',
      },
      'identity-kms-private-link': {
        scope: 'azurerm_key_vault',
        why: "AKS KMS with a private vault creates its private link on the vault (management plane): the KMS key's own vault",
      },
      'storage-writer': {
        scope: 'azurerm_storage_account',
        why: 'Network Watcher writes flow logs into a container it creates itself',
      },
    };
    const NARROW_SCOPES = [
      'azurerm_storage_container',
      'azurerm_key_vault_key',
      'azurerm_monitor_data_collection_rule',
      'azurerm_virtual_network',
      'azurerm_private_dns_zone',
      'azurerm_disk_encryption_set',
      'azurerm_proximity_placement_group',
    ];

    test('Azure grants are at container, key or resource scope, never a group or subscription; exceptions are listed', () => {
      const assignments = all<Found>('azurerm_role_assignment', azureStacks);
      for (const a of assignments) {
        const scope = String(a.attributes.scope);
        expect(scope).not.toMatch(/^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?$/);
        const scopeType = (referencedAddress(scope) ?? scope).split('.')[0];
        const exception = Object.entries(SCOPE_EXCEPTIONS).find(([id]) => a.id.includes(`_${id}_`));
        const allowed = exception ? [exception[1].scope] : NARROW_SCOPES;
        expect({ grant: a.id, scopeAllowed: allowed.includes(scopeType) }).toEqual({ grant: a.id, scopeAllowed: true });
        if (['Owner', 'Contributor', 'User Access Administrator'].includes(String(a.attributes.role_definition_name))) {
          // Contributor on one proximity placement group: AKS writes its scale sets into it, and no narrower role exists.
          expect(scopeType).toBe('azurerm_proximity_placement_group');
        }
      }
      const workloadGrants = assignments.filter((a) => a.address.includes('workload-identities'));
      const byIdentity = (name: string) =>
        workloadGrants
          .filter((a) => a.stack === 'prod-azure-host-eastus2' && a.id.startsWith(`workload-identities_${name}`))
          .map((a) => [a.attributes.role_definition_name, referencedAddress(a.attributes.scope)]);
      expect(byIdentity('model-trainer')).toEqual([
        [
          'Storage Blob Data Reader',
          expect.stringMatching(/^azurerm_storage_container\.model-store_container-datasets/),
        ],
        [
          'Storage Blob Data Contributor',
          expect.stringMatching(/^azurerm_storage_container\.model-store_container-models/),
        ],
      ]);
      expect(byIdentity('artifact-publisher')).toEqual([
        ['Storage Blob Data Reader', expect.stringMatching(/^azurerm_storage_container\.model-store_container-models/)],
      ]);
      expect(byIdentity('log-shipper')).toEqual([
        [
          'Monitoring Metrics Publisher',
          expect.stringMatching(/^azurerm_monitor_data_collection_rule\.workload-logs_rule/),
        ],
      ]);
      for (const a of workloadGrants) expect(a.attributes.principal_type).toBe('ServicePrincipal');
    });

    test('each Azure workload identity is federated to the AKS issuer for its exact subject', () => {
      const credentials = all<Found>('azurerm_federated_identity_credential', azureStacks);
      expect(credentials).toHaveLength(2 * 4);
      for (const c of credentials) {
        expect(c.attributes.audience).toEqual(['api://AzureADTokenExchange']);
        expect(c.attributes.issuer).toMatch(/^\$\{azurerm_kubernetes_cluster\.aks_cluster_\w+\.oidc_issuer_url\}$/);
        expect(c.attributes.subject).toMatch(/^system:serviceaccount:[a-z0-9-]+:[a-z0-9-]+$/);
      }
    });

    test('what each cloud built for each identity is what config intends (identity parity)', () => {
      const config = parsePlatformConfig(frozenConfig());
      const { environments } = build(config);
      for (const [env, built] of Object.entries(environments)) {
        const intended = config.environments[env].workloadIdentities;
        for (const host of built.azureHosts)
          expect(compareIdentities('azure', intended, host.describeIdentities())).toEqual([]);
        for (const dist of built.awsDistributions) {
          expect(compareIdentities('aws', intended, dist.describeIdentities())).toEqual([]);
        }
      }
      // A wiring mistake shows: the AWS server reading nothing, or the publisher granted read.
      const prod = config.environments.prod.workloadIdentities;
      const dist = environments.prod.awsDistributions[0].describeIdentities();
      const broken = dist.map((d) =>
        d.name === 'artifact-publisher' ? { ...d, grants: [{ ...d.grants[0], mode: 'read' as const }] } : d,
      );
      expect(compareIdentities('aws', prod, broken)).toEqual([
        expect.objectContaining({
          identity: 'artifact-publisher',
          missing: ['models:write'],
          unexpected: ['models:read'],
        }),
      ]);
    });
  });

  describe('account-global IAM', () => {
    test('two AWS regions in one account declare no role, policy or OIDC provider twice', () => {
      const prodAccount = [...stacks].filter(([name]) => name.startsWith('prod-aws-'));
      expect(prodAccount.map(([n]) => n).sort()).toEqual(['prod-aws-account', ...PROD_DISTS].sort());
      expect(duplicateAccountGlobals(prodAccount)).toEqual([]);
      const names = all<Found>('aws_iam_role', prodAccount).map((r) => String(r.attributes.name));
      expect(new Set(names).size).toBe(names.length);
      const providers = all<Found>('aws_iam_openid_connect_provider', prodAccount);
      // One per EKS cluster (its own issuer) and one for the AKS issuer, in the account stack.
      expect(providers.map((p) => p.stack).sort()).toEqual(['prod-aws-account', ...PROD_DISTS].sort());
    });
  });

  describe('stores', () => {
    const bucketsOf = (stack: StackJson) => resourcesOfType(stack, 'aws_s3_bucket');
    const settingFor = (stack: StackJson, type: string, bucket: string): Attributes => {
      const found = resourcesOfType(stack, type).filter((r) => referencedAddress(r.attributes.bucket) === bucket);
      expect(found).toHaveLength(1);
      return found[0].attributes;
    };

    test.each(PROD_DISTS)(
      '%s: the distribution bucket is private, KMS-encrypted, versioned, logged and kept',
      (dist) => {
        const stack = stacks.get(dist)!;
        const [store] = bucketsOf(stack).filter((b) =>
          /^gpuplat-models-prod-[a-z0-9-]+-\d{12}$/.test(String(b.attributes.bucket)),
        );
        expect(store.attributes.lifecycle).toEqual({ prevent_destroy: true });
        expect(store.attributes.force_destroy).toBeUndefined();
        expect(settingFor(stack, 'aws_s3_bucket_public_access_block', store.address)).toMatchObject({
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        });
        const [rule] = settingFor(stack, 'aws_s3_bucket_server_side_encryption_configuration', store.address)
          .rule as Attributes[];
        expect(rule.bucket_key_enabled).toBe(true);
        expect(rule.apply_server_side_encryption_by_default).toEqual({
          sse_algorithm: 'aws:kms',
          kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.model-store_\w*key_\w+\.arn\}$/),
        });
        const key = resourcesOfType(stack, 'aws_kms_key').find((k) => k.address.includes('model-store'))!;
        expect(key.attributes).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
        expect(settingFor(stack, 'aws_s3_bucket_versioning', store.address).versioning_configuration).toEqual({
          status: 'Enabled',
        });
        const [lifecycle] = settingFor(stack, 'aws_s3_bucket_lifecycle_configuration', store.address)
          .rule as Attributes[];
        expect(lifecycle.noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
        const logging = settingFor(stack, 'aws_s3_bucket_logging', store.address);
        const logBucket = referencedAddress(logging.target_bucket)!;
        expect(logBucket).not.toBe(store.address);
        expect(settingFor(stack, 'aws_s3_bucket_public_access_block', logBucket).block_public_policy).toBe(true);

        const policy = resourcesOfType(stack, 'aws_s3_bucket_policy').find(
          (p) => referencedAddress(p.attributes.bucket) === store.address,
        )!;
        const statements = policyStatements(stack, policy.attributes.policy)!;
        expect(statements.find((s) => s.sid === 'DenyWithoutTls')).toMatchObject({
          effect: 'Deny',
          conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        });
        const only = statements.find((s) => s.sid === 'OnlyAdminsAndGrantedWorkloads')!;
        expect(only.effect).toBe('Deny');
        expect(only.conditions[0]).toMatchObject({ test: 'ArnNotEquals', variable: 'aws:PrincipalArn' });
        // The deployer, read at plan time, is admitted first: no deploy can lock itself out.
        const [session] = Object.keys(stack.data!.aws_iam_session_context!);
        expect(stack.data!.aws_iam_session_context![session].arn).toMatch(
          /^\$\{data\.aws_caller_identity\.[\w-]+\.arn\}$/,
        );
        expect(only.conditions[0].values).toEqual([
          `\${data.aws_iam_session_context.${session}.issuer_arn}`,
          'arn:aws:iam::222222222222:role/platform-admins',
          `arn:aws:iam::222222222222:role/${dist.replace('prod-aws-dist-', 'gpuplat-prod-')}-model-server`,
          expect.stringMatching(/cross-stack-output-aws_iam_rolefederated-artifact-publisher_role\S+arn/),
        ]);
        // The policy comes last: every other setting of the bucket waits for nothing from it.
        const settings = Object.keys(stack.resource!)
          .filter((type) => type.startsWith('aws_s3_bucket_') && type !== 'aws_s3_bucket_policy')
          .flatMap((type) => resourcesOfType(stack, type))
          .filter((r) => referencedAddress(r.attributes.bucket) === store.address)
          .map((r) => r.address);
        expect(settings.length).toBe(6);
        expect([...(policy.attributes.depends_on as string[])].sort()).toEqual(settings.sort());
      },
    );

    test('the Azure model store is hardened, private, and kept, with a models container', () => {
      for (const [name, replication] of [
        ['prod-azure-host-eastus2', 'ZRS'],
        ['dev-azure-host-eastus2', 'LRS'],
      ] as const) {
        const stack = stacks.get(name)!;
        const account = resourcesOfType(stack, 'azurerm_storage_account').find((a) =>
          a.address.includes('model-store'),
        )!;
        expect(account.attributes).toMatchObject({
          account_replication_type: replication,
          min_tls_version: 'TLS1_2',
          https_traffic_only_enabled: true,
          allow_nested_items_to_be_public: false,
          public_network_access_enabled: false,
          shared_access_key_enabled: false,
          infrastructure_encryption_enabled: true,
          customer_managed_key: { key_vault_key_id: expect.stringMatching(/azurerm_key_vault_key\.model-store_cmk/) },
          lifecycle: { prevent_destroy: true },
        });
        const blob = account.attributes.blob_properties as Attributes;
        expect(blob.versioning_enabled).toBe(true);
        expect(blob.delete_retention_policy).toEqual({ days: expect.any(Number) });
        expect(blob.container_delete_retention_policy).toEqual({ days: expect.any(Number) });
        const endpoints = resourcesOfType(stack, 'azurerm_private_endpoint').filter(
          (e) =>
            referencedAddress(
              (e.attributes.private_service_connection as Attributes).private_connection_resource_id,
            ) === account.address,
        );
        expect(endpoints).toHaveLength(1);
        const containers = resourcesOfType(stack, 'azurerm_storage_container').map((c) => c.attributes);
        // Created through Resource Manager: the account refuses every network, so the deploy
        // runner could not reach its blob endpoint.
        for (const c of containers) {
          expect(c.storage_account_id).toBe(`\${${account.address}.id}`);
          expect(c.storage_account_name).toBeUndefined();
        }
        expect(containers.map((c) => [c.name, c.container_access_type]).sort()).toEqual([
          ['datasets', 'private'],
          ['models', 'private'],
        ]);
        const vault = resourcesOfType(stack, 'azurerm_key_vault')[0].attributes;
        expect(vault.purge_protection_enabled).toBe(true);
      }
    });
  });

  test('a second Azure region finds the primary model store by name and reaches it privately; AWS trusts the primary AKS only', () => {
    const config = frozenConfig();
    // centralus offers the fixture's Azure GPU sizes (cloud facts); westus3 lacks ND H100 v5.
    config.environments.prod.azure.regions.push({
      region: 'centralus',
      cidr: '10.121.0.0/16',
      availabilityZones: ['1', '2', '3'],
    });
    const second = synthesize(selectEnvironments(parsePlatformConfig(config), 'prod', 'test')).stacks;
    const host = second.get('prod-azure-host-centralus')!;
    expect(resourcesOfType(host, 'azurerm_storage_account').map((a) => a.id)).not.toContainEqual(
      expect.stringMatching(/^model-store/),
    );
    expect(host.data!.azurerm_storage_account['model-store-lookup']).toMatchObject({
      name: 'gpuplatprodeastus2models',
      resource_group_name: 'rg-gpuplat-prod-eastus2-models',
    });
    const endpoint = resourcesOfType(host, 'azurerm_private_endpoint').find((e) => e.id === 'model-store-endpoint')!;
    expect((endpoint.attributes.private_service_connection as Attributes).private_connection_resource_id).toBe(
      '${data.azurerm_storage_account.model-store-lookup.id}',
    );
    const serverGrant = resourcesOfType(host, 'azurerm_role_assignment').find((a) =>
      a.id.startsWith('workload-identities_model-server'),
    )!;
    expect(serverGrant.attributes.scope).toBe(
      '${data.azurerm_storage_account.model-store-lookup.id}/blobServices/default/containers/models',
    );
    // The primary region and the account are untouched by the new region.
    for (const name of ['prod-azure-host-eastus2', 'prod-aws-account']) {
      expect(JSON.stringify(second.get(name))).toBe(JSON.stringify(stacks.get(name)));
    }
  });

  test('no secret or key material is written into the synthesized JSON', () => {
    for (const [name, stack] of stacks) {
      const text = JSON.stringify(stack);
      expect({
        name,
        found: text.match(
          /-----BEGIN|AKIA[0-9A-Z]{16}|"(client_secret|password|primary_access_key|shared_key)":"[^$]/g,
        ),
      }).toEqual({
        name,
        found: null,
      });
    }
  });
});
