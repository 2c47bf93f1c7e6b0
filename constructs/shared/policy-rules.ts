/**
 * The platform's policy rules: pure functions of one resource's Terraform type and attributes,
 * as synthesized. Each returns the problem, or undefined when the resource complies or the rule
 * does not apply. `PolicyAspect` runs them on every stack; an error fails the synth.
 */

/** A resource's attributes as they will be written (tokens unresolved). */
export type ResourceAttributes = Record<string, unknown>;

export interface PolicyRule {
  /** `PLAT-<n>`. */
  readonly id: string;
  /** What the rule protects, for the report. */
  readonly description: string;
  /** The Terraform types the rule reads; others are never rendered for it (rendering costs synth time). */
  readonly appliesTo: readonly string[];
  check(type: string, attributes: ResourceAttributes): string | undefined;
}

/** Resources whose loss loses data or history: state, model stores, logs, keys, vaults. */
export const STATEFUL_TYPES = [
  'aws_kms_key',
  'aws_cloudwatch_log_group',
  'aws_s3_bucket',
  'azurerm_key_vault',
  'azurerm_key_vault_key',
  'azurerm_storage_account',
  'azurerm_log_analytics_workspace',
] as const;

const WORLD = ['0.0.0.0/0', '::/0', '*', 'Internet', 'Any'];
const ADMIN_PORTS = [22, 3389];

function admitsPort(from: unknown, to: unknown, port: number): boolean {
  return Number(from) <= port && port <= Number(to);
}

/** An NSG port spec: `*`, `443` or `20-25`. */
function nsgPortAdmits(spec: string, port: number): boolean {
  if (spec === '*') return true;
  const [from, to = from] = spec.split('-');
  return admitsPort(from, to, port);
}

/** Whether one AWS security group ingress rule admits `port` from the whole internet. */
export function securityGroupRuleAdmitsFromWorld(rule: ResourceAttributes, port: number): boolean {
  const sources = [...((rule.cidr_blocks as string[]) ?? []), ...((rule.ipv6_cidr_blocks as string[]) ?? [])];
  if (!sources.some((s) => WORLD.includes(s))) return false;
  return rule.protocol === '-1' || rule.protocol === 'all' || admitsPort(rule.from_port, rule.to_port, port);
}

/** Whether one NSG rule admits `port` from the whole internet. */
export function nsgRuleAdmitsFromWorld(rule: ResourceAttributes, port: number): boolean {
  if (rule.access !== 'Allow' || rule.direction !== 'Inbound') return false;
  const sources = [rule.source_address_prefix, ...((rule.source_address_prefixes as string[]) ?? [])];
  if (!sources.some((s) => WORLD.includes(String(s)))) return false;
  const ports = [rule.destination_port_range, ...((rule.destination_port_ranges as string[]) ?? [])].filter(Boolean);
  return ports.some((spec) => nsgPortAdmits(String(spec), port));
}

export const POLICY_RULES: readonly PolicyRule[] = [
  {
    id: 'PLAT-1',
    description: 'Stateful resources are protected from accidental destroy',
    appliesTo: STATEFUL_TYPES,
    check: (_type, attributes) => {
      const lifecycle = attributes.lifecycle as { prevent_destroy?: boolean } | undefined;
      return lifecycle?.prevent_destroy === true ? undefined : 'stateful resource must set lifecycle.prevent_destroy';
    },
  },
  {
    id: 'PLAT-2',
    description: 'No security group or NSG admits SSH or RDP from the internet',
    appliesTo: ['aws_security_group', 'azurerm_network_security_group'],
    check: (type, attributes) => {
      const rules =
        type === 'aws_security_group'
          ? ((attributes.ingress as ResourceAttributes[]) ?? []).filter((r) =>
              ADMIN_PORTS.some((p) => securityGroupRuleAdmitsFromWorld(r, p)),
            )
          : type === 'azurerm_network_security_group'
            ? ((attributes.security_rule as ResourceAttributes[]) ?? []).filter((r) =>
                ADMIN_PORTS.some((p) => nsgRuleAdmitsFromWorld(r, p)),
              )
            : [];
      return rules.length > 0 ? 'admits SSH or RDP from the internet; use SSM Session Manager or Bastion' : undefined;
    },
  },
  {
    id: 'PLAT-3',
    description: 'Customer-managed KMS keys rotate',
    appliesTo: ['aws_kms_key'],
    check: (_type, attributes) =>
      attributes.enable_key_rotation !== true ? 'must set enable_key_rotation' : undefined,
  },
  {
    id: 'PLAT-4',
    description: 'Storage accounts require TLS 1.2, Entra ID auth and no anonymous blob access',
    appliesTo: ['azurerm_storage_account'],
    check: (_type, attributes) => {
      const problems = [
        attributes.min_tls_version !== 'TLS1_2' && 'min_tls_version TLS1_2',
        attributes.shared_access_key_enabled !== false && 'shared_access_key_enabled false',
        attributes.allow_nested_items_to_be_public !== false && 'allow_nested_items_to_be_public false',
      ].filter(Boolean);
      return problems.length > 0 ? `must set ${problems.join(', ')}` : undefined;
    },
  },
];
