import { parsePlatformConfig } from '../../config/load';
import { cidrContains, mustParseCidr } from '../../constructs/cloud-neutral/cidr';
import { localStatePath } from '../../stacks/backend';
import { expectedStackNames } from '../../stacks/platform';
import { frozenConfig } from '../helpers/config-fixture';
import { resourcesOf, sharedOutput, type StackJson } from '../helpers/shared-synth';
import { synthesize } from '../helpers/synth';
import { pskEntries } from '../invariants/invariants';
import { policyStatements } from '../../constructs/shared/stack-json';

type Resource = Record<string, unknown>;

/** `${type.id.attribute}` split into its parts; throws on anything else. */
function reference(value: unknown): { type: string; id: string; attribute: string } {
  const match = /^\$\{([a-z0-9_]+)\.([\w-]+)\.(\w+)\}$/.exec(String(value));
  if (!match) throw new Error(`not a plain resource reference: ${String(value)}`);
  return { type: match[1], id: match[2], attribute: match[3] };
}

function resolve(stack: StackJson, value: unknown): { resource: Resource; attribute: string; id: string } {
  const ref = reference(value);
  const resource = resourcesOf(stack, ref.type)[ref.id];
  if (!resource) throw new Error(`${String(value)} names no resource in the stack`);
  return { resource, attribute: ref.attribute, id: ref.id };
}

const host = (address: string) => mustParseCidr(`${address}/32`);
const inCidr = (cidr: string, address: string) => cidrContains(mustParseCidr(cidr), host(address));
const offset = (cidr: string, address: string) => host(address).network - mustParseCidr(cidr).network;

const fixture = frozenConfig() as {
  environments: Record<string, { link: { awsAsn: number; azureAsn: number }; azure: { regions: { cidr: string }[] } }>;
};

describe('link stack (frozen fixture config)', () => {
  const { stacks } = sharedOutput('frozen');
  const links = ['dev', 'prod'].map((env) => [env, stacks.get(`${env}-link`)!] as const);

  test('one link stack per environment', () => {
    expect([...stacks.keys()].filter((n) => n.endsWith('-link'))).toEqual(['dev-link', 'prod-link']);
  });

  test('resource counts: one gateway per cloud, two AWS connections of two tunnels, four Azure connections', () => {
    for (const [env, link] of links) {
      const count = (type: string) => Object.keys(resourcesOf(link, type)).length;
      expect({ env, counts: Object.fromEntries(Object.keys(link.resource!).map((t) => [t, count(t)])) }).toEqual({
        env,
        counts: {
          azurerm_public_ip: 2,
          azurerm_virtual_network_gateway: 1,
          azurerm_local_network_gateway: 4,
          azurerm_virtual_network_gateway_connection: 4,
          aws_vpn_gateway: 1,
          aws_customer_gateway: 2,
          // HTTPS and path-MTU ICMP from each AKS node subnet to the EKS nodes, on their security
          // group and on their subnets' network ACL.
          aws_vpc_security_group_ingress_rule: 4,
          aws_network_acl_rule: 4,
          aws_vpn_connection: 2,
          // Every private route table of the primary VPC: one per zone for nodes, one for intra.
          aws_vpn_gateway_route_propagation: env === 'prod' ? 4 : 3,
          // Link health: a tunnel alarm per AWS connection; a link-down and a tunnel-down alert on Azure.
          aws_cloudwatch_metric_alarm: 2,
          azurerm_monitor_action_group: 1,
          azurerm_monitor_metric_alert: 2,
          // The gateway's logs, to the host's workspace and audit archive.
          azurerm_monitor_diagnostic_setting: 1,
        },
      });
    }
  });

  describe('tunnel addressing', () => {
    test('the AWS tunnel inside CIDRs are exactly the /30s of the Azure instance each connection reaches', () => {
      for (const [, link] of links) {
        const [gateway] = Object.values(resourcesOf(link, 'azurerm_virtual_network_gateway'));
        const peering = (gateway.bgp_settings as { peering_addresses: Resource[] }).peering_addresses;
        const configs = gateway.ip_configuration as Resource[];
        for (const vpn of Object.values(resourcesOf(link, 'aws_vpn_connection'))) {
          // AWS connection -> customer gateway -> Azure public IP -> gateway instance -> its APIPA addresses.
          const cgw = resolve(link, vpn.customer_gateway_id).resource;
          const pip = resolve(link, cgw.ip_address);
          expect(pip.attribute).toBe('ip_address');
          const ipConfig = configs.find((c) => resolve(link, c.public_ip_address_id).id === pip.id)!;
          const apipa = peering.find((p) => p.ip_configuration_name === ipConfig.name)!.apipa_addresses as string[];

          const insideCidrs = [vpn.tunnel1_inside_cidr, vpn.tunnel2_inside_cidr] as string[];
          expect(insideCidrs.map((cidr) => mustParseCidr(cidr).prefixLength)).toEqual([30, 30]);
          expect(insideCidrs.map((cidr) => apipa.filter((a) => inCidr(cidr, a)))).toEqual(apipa.map((a) => [a]));
          // AWS takes .1 of each /30, so the customer (Azure) side must be .2.
          for (const [i, cidr] of insideCidrs.entries()) expect(offset(cidr, apipa[i])).toBe(2);
        }
      }
    });

    test('every Azure connection pairs the AWS tunnel behind its local network gateway', () => {
      for (const [, link] of links) {
        const [gateway] = Object.values(resourcesOf(link, 'azurerm_virtual_network_gateway'));
        const apipaOf = (instance: number) =>
          (gateway.bgp_settings as { peering_addresses: Resource[] }).peering_addresses[instance]
            .apipa_addresses as string[];
        const tunnels = new Set<string>();
        for (const cn of Object.values(resourcesOf(link, 'azurerm_virtual_network_gateway_connection'))) {
          const lgw = resolve(link, cn.local_network_gateway_id).resource;
          const outside = resolve(link, lgw.gateway_address);
          const psk = resolve(link, cn.shared_key);
          const tunnel = outside.attribute.match(/^(tunnel[12])_address$/)![1];
          // The key and the address come from the same AWS tunnel.
          expect(psk.id).toBe(outside.id);
          expect(psk.attribute).toBe(`${tunnel}_preshared_key`);
          tunnels.add(`${outside.id}/${tunnel}`);

          const insideCidr = outside.resource[`${tunnel}_inside_cidr`] as string;
          const bgp = lgw.bgp_settings as Resource;
          expect(offset(insideCidr, bgp.bgp_peering_address as string)).toBe(1);

          // The instance the tunnel ends on speaks BGP from the custom address inside the tunnel's /30.
          const { primary, secondary } = cn.custom_bgp_addresses as { primary: string; secondary: string };
          expect(apipaOf(0)).toContain(primary);
          expect(apipaOf(1)).toContain(secondary);
          expect([primary, secondary].filter((a) => inCidr(insideCidr, a))).toHaveLength(1);
          expect(cn).toMatchObject({ type: 'IPsec', enable_bgp: true, connection_protocol: 'IKEv2' });
        }
        expect(tunnels.size).toBe(4);
      }
    });
  });

  test('the Azure gateway is active-active with BGP, zone-redundant, on the host VNet GatewaySubnet', () => {
    for (const [env, link] of links) {
      const [gateway] = Object.values(resourcesOf(link, 'azurerm_virtual_network_gateway'));
      expect(gateway).toMatchObject({
        type: 'Vpn',
        vpn_type: 'RouteBased',
        sku: 'VpnGw2AZ',
        generation: 'Generation2',
        active_active: true,
        enable_bgp: true,
        resource_group_name: expect.stringContaining(
          `data.terraform_remote_state.cross-stack-reference-input-${env}-azure-host-eastus2.outputs`,
        ),
      });
      const configs = gateway.ip_configuration as Resource[];
      expect(configs).toHaveLength(2);
      for (const c of configs) {
        expect(c.subnet_id).toMatch(
          new RegExp(
            `^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-${env}-azure-host-eastus2\\.outputs\\.[\\w-]*GatewaySubnet`,
          ),
        );
      }
      const pips = Object.values(resourcesOf(link, 'azurerm_public_ip'));
      expect(pips).toHaveLength(2);
      for (const pip of pips) {
        expect(pip).toMatchObject({ sku: 'Standard', allocation_method: 'Static', zones: ['1', '2', '3'] });
      }
    }
  });

  test('ASNs come from config', () => {
    for (const [env, link] of links) {
      const { awsAsn, azureAsn } = fixture.environments[env].link;
      const only = (type: string) => Object.values(resourcesOf(link, type));
      expect(only('aws_vpn_gateway')[0].amazon_side_asn).toBe(String(awsAsn));
      for (const cgw of only('aws_customer_gateway')) expect(cgw.bgp_asn).toBe(String(azureAsn));
      expect((only('azurerm_virtual_network_gateway')[0].bgp_settings as Resource).asn).toBe(azureAsn);
      for (const lgw of only('azurerm_local_network_gateway')) expect((lgw.bgp_settings as Resource).asn).toBe(awsAsn);
      for (const vpn of only('aws_vpn_connection')) expect(vpn.static_routes_only).toBe(false);
    }
  });

  test('both sides pin the same IKEv2 proposal: AES-256, SHA-256, DH group 14, PFS', () => {
    for (const [, link] of links) {
      for (const vpn of Object.values(resourcesOf(link, 'aws_vpn_connection'))) {
        for (const t of ['tunnel1', 'tunnel2']) {
          expect(vpn).toMatchObject({
            [`${t}_ike_versions`]: ['ikev2'],
            [`${t}_phase1_encryption_algorithms`]: ['AES256'],
            [`${t}_phase1_integrity_algorithms`]: ['SHA2-256'],
            [`${t}_phase1_dh_group_numbers`]: [14],
            [`${t}_phase2_encryption_algorithms`]: ['AES256'],
            [`${t}_phase2_integrity_algorithms`]: ['SHA2-256'],
            [`${t}_phase2_dh_group_numbers`]: [14],
            [`${t}_phase2_lifetime_seconds`]: 3600,
          });
        }
      }
      for (const cn of Object.values(resourcesOf(link, 'azurerm_virtual_network_gateway_connection'))) {
        expect(cn.ipsec_policy).toEqual({
          ike_encryption: 'AES256',
          ike_integrity: 'SHA256',
          dh_group: 'DHGroup14',
          ipsec_encryption: 'AES256',
          ipsec_integrity: 'SHA256',
          pfs_group: 'PFS2048',
          sa_lifetime: 3600,
        });
      }
    }
  });

  test('BGP routes propagate into every private route table of the primary VPC', () => {
    for (const [env, link] of links) {
      const dist = stacks.get(`${env}-aws-dist-us-east-1`)!;
      const privateTables = Object.keys(resourcesOf(dist, 'aws_route_table'))
        .filter((id) => !id.includes('public'))
        .map((id) => `\${aws_route_table.${id}.id}`)
        .sort();
      const propagated = Object.values(resourcesOf(link, 'aws_vpn_gateway_route_propagation')).map((p) => {
        const output = String(p.route_table_id).match(/\.outputs\.([\w-]+)\}$/)![1];
        return dist.output![output].value;
      });
      expect(propagated.sort()).toEqual(privateTables);
      expect(privateTables).toHaveLength(env === 'prod' ? 4 : 3);
    }
  });

  describe('cross-stack references', () => {
    test('the link reads the primary networks through terraform_remote_state of both network stacks', () => {
      for (const [env, link] of links) {
        // The account stack too: the tunnel alarms notify its topic.
        const producers = [`${env}-aws-account`, `${env}-aws-dist-us-east-1`, `${env}-azure-host-eastus2`];
        const remote = link.data!.terraform_remote_state;
        expect(Object.keys(remote).sort()).toEqual(producers.map((p) => `cross-stack-reference-input-${p}`));
        for (const producer of producers) {
          // Local state (dev): the producer's own relative backend path, valid from the link's
          // working directory; remote state (prod, production): the producer's own key.
          expect(remote[`cross-stack-reference-input-${producer}`]).toMatchObject(
            env === 'dev'
              ? { backend: 'local', config: { path: localStatePath(producer) } }
              : { backend: 's3', config: { key: `gpu-platform/${producer}.tfstate`, encrypt: true } },
          );
        }
      }
    });

    test('remote state paths are relative', () => {
      for (const [, link] of links) {
        for (const state of Object.values(link.data!.terraform_remote_state)) {
          const path = String((state.config as Resource).path);
          expect(path.startsWith('/')).toBe(false);
          expect(path).not.toMatch(/\/(tmp|work|home|root|Users)\//);
        }
      }
    });

    test('every remote reference in the link names an output of the producing stack', () => {
      for (const [, link] of links) {
        const refs = JSON.stringify(link.resource).match(/data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+/g)!;
        expect(refs.length).toBeGreaterThan(0);
        for (const ref of new Set(refs)) {
          const [, producer, output] = ref.match(/cross-stack-reference-input-([\w-]+)\.outputs\.([\w-]+)/)!;
          expect({ ref, found: output in (stacks.get(producer)!.output ?? {}) }).toEqual({ ref, found: true });
        }
      }
    });

    test('the second AWS region is not part of the link', () => {
      expect(JSON.stringify(stacks.get('prod-link'))).not.toContain('eu-west-1');
    });
  });

  describe('pre-shared keys', () => {
    test('no pre-shared key is a literal in any stack: each is a reference to a generated, sensitive attribute', () => {
      const found: [string, unknown][] = [];
      for (const [name, stack] of stacks) {
        for (const [path, value] of pskEntries(stack)) found.push([`${name} ${path}`, value]);
      }
      // Four Azure connections per link, each taking its key from the AWS tunnel.
      expect(found.length).toBe(8);
      for (const [path, value] of found) {
        expect({ path, value }).toEqual({ path, value: expect.stringMatching(/^\$\{[^${}]+\}$/) });
        expect({ path, value }).toEqual({ path, value: expect.stringMatching(/\.tunnel[12]_preshared_key\}$/) });
      }
    });

    test('AWS generates the keys: no VPN connection sets one', () => {
      for (const [, link] of links) {
        for (const vpn of Object.values(resourcesOf(link, 'aws_vpn_connection'))) {
          expect(vpn).not.toHaveProperty('tunnel1_preshared_key');
          expect(vpn).not.toHaveProperty('tunnel2_preshared_key');
        }
      }
    });

    test('no output exposes a key unless it is sensitive, and no key variable is', () => {
      for (const [name, stack] of stacks) {
        for (const [id, output] of Object.entries(stack.output ?? {})) {
          if (/preshared_key|shared_key/.test(JSON.stringify(output.value))) {
            expect({ name, id, sensitive: output.sensitive }).toEqual({ name, id, sensitive: true });
          }
        }
        for (const [id, variable] of Object.entries(stack.variable ?? {})) {
          if (/key|secret|psk/i.test(id))
            expect({ name, id, sensitive: variable.sensitive }).toEqual({ name, id, sensitive: true });
        }
      }
    });
  });

  describe('link visibility', () => {
    const remoteOutput = (value: unknown, producer: string): ReturnType<typeof resolve> => {
      const match = new RegExp(
        `^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-${producer}\\.outputs\\.([\\w-]+)\\}$`,
      ).exec(String(value));
      if (!match) throw new Error(`${String(value)} is not an output of ${producer}`);
      const producing = stacks.get(producer)!;
      return resolve(producing, producing.output![match[1]].value);
    };

    test("the Azure gateway sends its tunnel, IKE, route and gateway logs to the host's workspace and audit archive", () => {
      for (const [env, link] of links) {
        const [setting] = Object.values(resourcesOf(link, 'azurerm_monitor_diagnostic_setting'));
        const gateway = resolve(link, setting.target_resource_id);
        expect(gateway.resource.type).toBe('Vpn');
        expect((setting.enabled_log as Resource[]).map((l) => l.category).sort()).toEqual(
          ['GatewayDiagnosticLog', 'IKEDiagnosticLog', 'RouteDiagnosticLog', 'TunnelDiagnosticLog'].sort(),
        );
        // No point-to-site on this gateway, and each category named (no category group).
        expect(setting.enabled_log as Resource[]).not.toContainEqual(
          expect.objectContaining({ category_group: expect.anything() }),
        );
        const hostStack = `${env}-azure-host-eastus2`;
        const workspace = remoteOutput(setting.log_analytics_workspace_id, hostStack);
        expect(workspace.id).toMatch(/^log-analytics_workspace_/);
        expect(workspace.resource.name).not.toMatch(/-defender$/);
        const archive = remoteOutput(setting.storage_account_id, hostStack);
        expect(archive.id).toMatch(/^audit-archive_/);
        // The archive is in the gateway's region, as Azure Monitor requires of a storage destination.
        const [vnet] = Object.values(resourcesOf(stacks.get(hostStack)!, 'azurerm_virtual_network'));
        expect(archive.resource.location).toBe(vnet.location);
      }
    });

    test('every AWS tunnel logs, as JSON, into a KMS-encrypted, retained log group of the distribution stack that the key admits', () => {
      for (const [env, link] of links) {
        const dist = `${env}-aws-dist-us-east-1`;
        const producing = stacks.get(dist)!;
        for (const vpn of Object.values(resourcesOf(link, 'aws_vpn_connection'))) {
          for (const tunnel of ['tunnel1', 'tunnel2']) {
            const options = (vpn[`${tunnel}_log_options`] as Resource).cloudwatch_log_options as Resource;
            expect(options).toMatchObject({ log_enabled: true, log_output_format: 'json' });
            const group = remoteOutput(options.log_group_arn, dist);
            expect(group.attribute).toBe('arn');
            expect(group.resource).toMatchObject({
              name: expect.stringMatching(/^\/aws\/vpn\/.+\/tunnels$/),
              retention_in_days: expect.any(Number),
              lifecycle: { prevent_destroy: true },
            });
            // The key's policy lets CloudWatch Logs use it for this account's log groups in the region.
            const key = resolve(producing, group.resource.kms_key_id);
            const statements = policyStatements(producing, key.resource.policy)!;
            const logs = statements.find((s) => s.principals.Service?.includes('logs.us-east-1.amazonaws.com'))!;
            const [pattern] = logs.conditions.find((c) => c.variable === 'kms:EncryptionContext:aws:logs:arn')!.values;
            const account = /^arn:aws:logs:us-east-1:(\d{12}):log-group:\*$/.exec(pattern);
            expect(account).not.toBeNull();
          }
        }
      }
    });

    test('only the AWS end of the link keeps tunnel logs', () => {
      const tunnelGroups = [...stacks].flatMap(([name, s]) =>
        Object.values(resourcesOf(s, 'aws_cloudwatch_log_group'))
          .filter((g) => String(g.name).startsWith('/aws/vpn/'))
          .map(() => name),
      );
      expect(tunnelGroups.sort()).toEqual(['dev-aws-dist-us-east-1', 'prod-aws-dist-us-east-1']);
    });
  });

  test('every taggable resource of the link says it belongs to the link', () => {
    for (const [, link] of links) {
      for (const resources of Object.values(link.resource!)) {
        for (const r of Object.values(resources)) {
          if (r.tags) expect((r.tags as Record<string, string>)['cloud-role']).toBe('link');
        }
      }
    }
  });
});

describe('link stack, turned off or on another backend', () => {
  // GIVEN dev with the link turned off, prod with S3 state
  const input = frozenConfig();
  input.environments.dev.link.enabled = false;
  input.environments.prod.stateBackend = { type: 's3', bucket: 'acme-tfstate', region: 'us-east-1' };
  const config = parsePlatformConfig(input);
  // WHEN
  const { stacks } = synthesize(config);

  test('an environment with the link off has no link stack, and expectedStackNames agrees', () => {
    expect(stacks.has('dev-link')).toBe(false);
    expect(stacks.has('prod-link')).toBe(true);
    expect(expectedStackNames(config)).not.toContain('dev-link');
    expect(expectedStackNames(config).sort()).toEqual([...stacks.keys()].sort());
  });

  test('without the link, the network stacks export nothing to it', () => {
    expect(stacks.get('dev-aws-dist-us-east-1')!.output).toBeUndefined();
    // The host still exports its AKS issuer, which the account stack's federation trusts, its NAT's
    // address, which the federated role and the stores are bound to, and the signing key's public
    // key, which the distribution stacks' trust sets carry.
    expect(
      Object.values(stacks.get('dev-azure-host-eastus2')!.output ?? {})
        .map((o) => o.value)
        .sort(),
    ).toEqual([
      expect.stringMatching(/^\$\{azurerm_key_vault_key\.model-signing_key-g1_\w+\.public_key_pem\}$/),
      expect.stringMatching(/^\$\{azurerm_kubernetes_cluster\.\S+\.oidc_issuer_url\}$/),
      expect.stringMatching(/^\$\{azurerm_public_ip\.network_nat-ip_\w+\.ip_address\}$/),
    ]);
  });

  test('remote state follows the producing stack backend', () => {
    const remote = stacks.get('prod-link')!.data!.terraform_remote_state;
    expect(remote['cross-stack-reference-input-prod-aws-dist-us-east-1']).toMatchObject({
      backend: 's3',
      config: { bucket: 'acme-tfstate', region: 'us-east-1', key: 'gpu-platform/prod-aws-dist-us-east-1.tfstate' },
    });
  });
});

describe('link ingress (frozen fixture config)', () => {
  const { stacks } = sharedOutput('frozen');
  /** The AKS node subnets of the host stack, as planned there (`aks-system`, `aks-gpu`). */
  const clusterSubnets = (env: string) =>
    Object.values(resourcesOf(stacks.get(`${env}-azure-host-eastus2`)!, 'azurerm_subnet'))
      .filter((s) => ['aks-system', 'aks-gpu'].includes(String(s.name)))
      .flatMap((s) => s.address_prefixes as string[])
      .sort();
  const remoteId = (value: unknown, dist: StackJson) => {
    const output = String(value).match(/^\$\{data\.terraform_remote_state\.[\w-]+\.outputs\.([\w-]+)\}$/)![1];
    return String(dist.output![output].value);
  };

  test('the EKS nodes admit HTTPS and path-MTU ICMP from the AKS node subnets only, on their own security group', () => {
    for (const env of ['dev', 'prod']) {
      const link = stacks.get(`${env}-link`)!;
      const dist = stacks.get(`${env}-aws-dist-us-east-1`)!;
      const rules = Object.values(resourcesOf(link, 'aws_vpc_security_group_ingress_rule'));
      const sources = clusterSubnets(env);
      expect(sources).toHaveLength(2);
      // Narrower than the VNet, which also holds the deploy runners, endpoints and gateway.
      const vnet = fixture.environments[env].azure.regions[0].cidr;
      for (const cidr of sources) expect(cidr).not.toBe(vnet);
      expect(rules.map((r) => [r.cidr_ipv4, r.ip_protocol, r.from_port, r.to_port]).sort()).toEqual(
        sources
          .flatMap((cidr) => [
            [cidr, 'icmp', 3, 4],
            [cidr, 'tcp', 443, 443],
          ])
          .sort(),
      );
      // The peer-ingress group, not the EKS-managed cluster group; it is on every node.
      const [groupId] = Object.keys(resourcesOf(dist, 'aws_security_group')).filter((id) =>
        id.includes('peer-ingress'),
      );
      for (const rule of rules)
        expect(remoteId(rule.security_group_id, dist)).toBe(`\${aws_security_group.${groupId}.id}`);
      for (const template of Object.values(resourcesOf(dist, 'aws_launch_template')))
        for (const nic of template.network_interfaces as Resource[])
          expect(nic.security_groups).toEqual(expect.arrayContaining([`\${aws_security_group.${groupId}.id}`]));
      // The group has no inline rules, which would fight the link's.
      const group = resourcesOf(dist, 'aws_security_group')[groupId];
      expect(group.ingress).toBeUndefined();
      expect(group.egress).toBeUndefined();
      // The cluster is unchanged: no extra groups in vpc_config (they would reach only the control plane).
      const [cluster] = Object.values(resourcesOf(dist, 'aws_eks_cluster'));
      expect((cluster.vpc_config as Resource).security_group_ids).toBeUndefined();
    }
  });

  test("the node subnets' ACL admits the same, in the link's band, from the same subnets", () => {
    for (const env of ['dev', 'prod']) {
      const link = stacks.get(`${env}-link`)!;
      const dist = stacks.get(`${env}-aws-dist-us-east-1`)!;
      const acl = Object.values(resourcesOf(link, 'aws_network_acl_rule'));
      const [nodesAcl] = Object.entries(resourcesOf(dist, 'aws_network_acl')).filter(([id]) => id.includes('nodes'));
      for (const rule of acl) {
        expect(remoteId(rule.network_acl_id, dist)).toBe(`\${aws_network_acl.${nodesAcl[0]}.id}`);
        expect(rule).toMatchObject({ egress: false, rule_action: 'allow', rule_number: expect.any(Number) });
        expect(Number(rule.rule_number)).toBeGreaterThanOrEqual(300);
        expect(Number(rule.rule_number)).toBeLessThan(400);
      }
      expect(acl.map((r) => [r.cidr_block, r.protocol, r.from_port ?? r.icmp_type]).sort()).toEqual(
        clusterSubnets(env)
          .flatMap((cidr) => [
            [cidr, 'icmp', 3],
            [cidr, 'tcp', 443],
          ])
          .sort(),
      );
    }
  });
});
