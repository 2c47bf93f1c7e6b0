/**
 * Plan-time rules of the Azure providers that the TypeScript bindings cannot see: case-sensitive
 * enums, create-only values, mutually exclusive arguments, CustomizeDiff checks, and the checks a
 * provider makes at the start of Create from config alone. Each is read from the provider's
 * source at the version the bindings pin and cites it: hashicorp/terraform-provider-azurerm
 * v4.55.0, Azure/terraform-provider-azapi v2.12.0,
 * hashicorp/terraform-provider-time v0.13.1. Every rule covers an attribute the stacks set, so a
 * fork that changes one is checked before Terraform is. Pure: stack JSON in, findings out.
 */
import type { PrerequisiteRule } from './prerequisites';
import { block, resourcesOfType, type Attributes, type StackJson, type StackResource } from '../shared/stack-json';

const AZURERM = 'azurerm v4.55.0 internal/services';

/** One rule of a provider, on one resource type. */
export interface ProviderRule {
  /** `PLAN-AZ-<n>`. */
  readonly id: string;
  /** The Terraform resource type it reads (`azapi_resource` rules also check the ARM type). */
  readonly type: string;
  /** What must hold, in one line. */
  readonly rule: string;
  /** Provider, version and `file:line` it is read from. */
  readonly source: string;
  /** The problems of one resource, none when it complies. */
  check(resource: Attributes, stack: StackJson): string[];
  /**
   * How a compliant resource is broken to show the rule firing (the tests do): a mutation of its
   * attributes. Enum rules break themselves (a wrongly cased value).
   */
  readonly breaks?: (attributes: Attributes) => void;
  /** For enum rules: the attribute path and the values allowed, case-sensitively. */
  readonly enumeration?: { readonly path: string; readonly allowed: readonly string[] };
}

/** A value Terraform knows only at apply (a reference): providers skip it at plan, and so do the rules. */
const unknown = (value: unknown) => typeof value === 'string' && value.includes('${');

/** Every value at a dotted path, through nested blocks written as objects or lists. */
export function valuesAt(attributes: unknown, path: string): unknown[] {
  let level: unknown[] = [attributes];
  for (const key of path.split('.')) {
    level = level
      .flatMap((value) => (Array.isArray(value) ? value : [value]))
      .filter((value): value is Attributes => value !== null && typeof value === 'object')
      .map((value) => value[key])
      .filter((value) => value !== undefined && value !== null);
  }
  return level.flatMap((value) => (Array.isArray(value) ? value : [value]));
}

const present = (attributes: Attributes, path: string) => valuesAt(attributes, path).length > 0;

function oneOf(id: string, type: string, path: string, allowed: readonly string[], source: string): ProviderRule {
  return {
    id,
    type,
    rule: `${path} is one of ${allowed.join(', ')} (case-sensitive)`,
    source,
    enumeration: { path, allowed },
    check: (attributes) =>
      valuesAt(attributes, path)
        .filter((v) => !unknown(v) && !allowed.includes(String(v)))
        .map(
          (v) =>
            `${path} is ${JSON.stringify(v)}; the provider takes only ${allowed.join(', ')}, matched case-sensitively`,
        ),
  };
}

function matches(
  id: string,
  type: string,
  path: string,
  pattern: RegExp,
  description: string,
  source: string,
  bad: string,
): ProviderRule {
  return {
    id,
    type,
    rule: `${path} is ${description}`,
    source,
    breaks: (a) => setAt(a, path, bad),
    check: (attributes) =>
      valuesAt(attributes, path)
        .filter((v) => !unknown(v) && !pattern.test(String(v)))
        .map((v) => `${path} is ${JSON.stringify(v)}, not ${description}`),
  };
}

function between(id: string, type: string, path: string, min: number, max: number, source: string): ProviderRule {
  return {
    id,
    type,
    rule: `${path} is ${min}-${max}`,
    source,
    breaks: (a) => setAt(a, path, max + 1),
    check: (attributes) =>
      valuesAt(attributes, path)
        .filter((v) => !unknown(v) && (Number(v) < min || Number(v) > max))
        .map((v) => `${path} is ${String(v)}, outside ${min}-${max}`),
  };
}

/** Exactly one of `paths` is set; with `within`, only when that block is present. */
function exactlyOne(id: string, type: string, paths: readonly string[], source: string, within?: string): ProviderRule {
  return {
    id,
    type,
    rule: `exactly one of ${paths.join(', ')}${within ? ` when ${within} is set` : ''}`,
    source,
    breaks: (a) => {
      const [first, second] = paths;
      const value = valuesAt(a, first)[0] ?? valuesAt(a, second)[0];
      setAt(a, present(a, first) ? second : first, value);
    },
    check: (attributes) => {
      if (within && !present(attributes, within)) return [];
      const set = paths.filter((p) => present(attributes, p));
      return set.length === 1
        ? []
        : [`sets ${set.length === 0 ? 'none' : set.join(' and ')} of ${paths.join(', ')}: exactly one is required`];
    },
  };
}

function custom(
  id: string,
  type: string,
  rule: string,
  source: string,
  check: (attributes: Attributes, stack: StackJson) => string[],
  breaks: (attributes: Attributes) => void,
): ProviderRule {
  return { id, type, rule, source, check, breaks };
}

/** Sets a dotted path on the first block of each level, creating objects: for `breaks` only. */
function setAt(attributes: Attributes, path: string, value: unknown): void {
  const keys = path.split('.');
  let target: Attributes = attributes;
  for (const key of keys.slice(0, -1)) {
    const next = Array.isArray(target[key])
      ? (target[key] as Attributes[])[0]
      : (target[key] as Attributes | undefined);
    if (!next) target[key] = {};
    target = (next ?? target[key]) as Attributes;
  }
  target[keys[keys.length - 1]] = value;
}

const STORAGE = 'azurerm_storage_account';
const SA = `${AZURERM}/storage/storage_account_resource.go`;
const KV = `${AZURERM}/keyvault/key_vault_resource.go`;
const KEY = `${AZURERM}/keyvault/key_vault_key_resource.go`;
const DES = `${AZURERM}/compute/disk_encryption_set_resource.go`;
const AKS = 'azurerm_kubernetes_cluster';
const MC = `${AZURERM}/containers/kubernetes_cluster_resource.go`;
const NODEPOOL = `${AZURERM}/containers/kubernetes_nodepool.go`;
const POOL = 'azurerm_kubernetes_cluster_node_pool';
const AP = `${AZURERM}/containers/kubernetes_cluster_node_pool_resource.go`;
const VNG = 'azurerm_virtual_network_gateway';
const VNGR = `${AZURERM}/network/virtual_network_gateway_resource.go`;
const CONN = 'azurerm_virtual_network_gateway_connection';
const CONNR = `${AZURERM}/network/virtual_network_gateway_connection_resource.go`;
const LAW = `${AZURERM}/loganalytics/log_analytics_workspace_resource.go`;
const TABLE = `${AZURERM}/loganalytics/log_analytics_workspace_table_resource.go`;
const DCR = `${AZURERM}/monitor/monitor_data_collection_rule_resource.go`;
const ALERT = `${AZURERM}/monitor/monitor_metric_alert_resource.go`;
const PRICING = 'azurerm_security_center_subscription_pricing';
const SCP = `${AZURERM}/securitycenter/security_center_subscription_pricing_resource.go`;
const ACTIVITY_ALERT = 'azurerm_monitor_activity_log_alert';
const ALA = `${AZURERM}/monitor/monitor_activity_log_alert_resource.go`;
const LOCK = `${AZURERM}/resource/management_lock_resource.go`;

const IDENTITY_TYPES = ['SystemAssigned', 'UserAssigned', 'SystemAssigned, UserAssigned'];
/** The total retentions Log Analytics takes beyond 730 days: whole years (tables). */
const TOTAL_RETENTION_YEARS = [1095, 1460, 1826, 2191, 2556, 2922, 3288, 3653, 4018, 4383];

/** Generation 2 route-based VPN gateway SKUs (virtual_network_gateway_resource.go:1511-1553). */
const GEN2_VPN_SKUS = ['VpnGw2', 'VpnGw3', 'VpnGw4', 'VpnGw5', 'VpnGw2AZ', 'VpnGw3AZ', 'VpnGw4AZ', 'VpnGw5AZ'];

/**
 * The flow-log resource body azapi validates at plan (`schema_validation_enabled`, on by
 * default): azapi v2.12.0 internal/azure/generated/network/microsoft.network/2024-05-01/types.json,
 * FlowLogPropertiesFormat (line 5311) and the resource body (line 31407); azapi refuses unknown
 * and read-only properties and requires the required ones (internal/azure/types/object_type.go:103-162).
 */
const FLOW_LOG_PROPERTIES = {
  allowed: [
    'targetResourceId',
    'storageId',
    'enabledFilteringCriteria',
    'enabled',
    'retentionPolicy',
    'format',
    'flowAnalyticsConfiguration',
  ],
  required: ['targetResourceId', 'storageId'],
  readOnly: ['targetResourceGuid', 'provisioningState'],
  nested: {
    retentionPolicy: ['days', 'enabled'],
    format: ['type', 'version'],
    flowAnalyticsConfiguration: ['networkWatcherFlowAnalyticsConfiguration'],
    'flowAnalyticsConfiguration.networkWatcherFlowAnalyticsConfiguration': [
      'enabled',
      'workspaceId',
      'workspaceRegion',
      'workspaceResourceId',
      'trafficAnalyticsInterval',
    ],
  } as Readonly<Record<string, readonly string[]>>,
};

export const PROVIDER_RULES: readonly ProviderRule[] = [
  // Storage accounts and containers.
  matches(
    'PLAN-AZ-1',
    STORAGE,
    'name',
    /^[a-z0-9]{3,24}$/,
    '3-24 lowercase letters and digits',
    `${AZURERM}/storage/validate/storage_account_name.go:14`,
    'Audit_Archive',
  ),
  oneOf(
    'PLAN-AZ-2',
    STORAGE,
    'account_kind',
    ['BlobStorage', 'BlockBlobStorage', 'FileStorage', 'Storage', 'StorageV2'],
    `${SA}:114`,
  ),
  oneOf('PLAN-AZ-3', STORAGE, 'account_tier', ['Premium', 'Standard'], `${SA}:122`),
  oneOf(
    'PLAN-AZ-4',
    STORAGE,
    'account_replication_type',
    ['LRS', 'ZRS', 'GRS', 'RAGRS', 'GZRS', 'RAGZRS'],
    `${SA}:142-152`,
  ),
  oneOf('PLAN-AZ-5', STORAGE, 'min_tls_version', ['TLS1_0', 'TLS1_1', 'TLS1_2', 'TLS1_3'], `${SA}:1333-1339`),
  oneOf('PLAN-AZ-6', STORAGE, 'network_rules.bypass', ['AzureServices', 'Logging', 'Metrics', 'None'], `${SA}:393`),
  oneOf('PLAN-AZ-7', STORAGE, 'network_rules.default_action', ['Allow', 'Deny'], `${SA}:418-422`),
  oneOf('PLAN-AZ-8', STORAGE, 'identity.type', IDENTITY_TYPES, `${SA}:449 (commonschema identity_system_user.go)`),
  exactlyOne(
    'PLAN-AZ-9',
    STORAGE,
    ['customer_managed_key.key_vault_key_id', 'customer_managed_key.managed_hsm_key_id'],
    `${SA}:267-279`,
    'customer_managed_key',
  ),
  oneOf('PLAN-AZ-10', STORAGE, 'immutability_policy.state', ['Disabled', 'Locked', 'Unlocked'], `${SA}:316`),
  custom(
    'PLAN-AZ-11',
    STORAGE,
    'an immutability policy needs blob versioning',
    `${SA}:1629-1641`,
    (a) =>
      block(a.immutability_policy) && block(a.blob_properties)?.versioning_enabled !== true
        ? [
            'sets immutability_policy without blob_properties.versioning_enabled = true, which the provider refuses at create',
          ]
        : [],
    (a) => ((block(a.blob_properties) as Attributes).versioning_enabled = false),
  ),
  between('PLAN-AZ-12', STORAGE, 'blob_properties.delete_retention_policy.days', 1, 365, `${SA}:480`),
  between('PLAN-AZ-13', STORAGE, 'blob_properties.container_delete_retention_policy.days', 1, 365, `${SA}:505`),
  custom(
    'PLAN-AZ-14',
    STORAGE,
    'queue_properties and static_website are refused while the provider feature storage.data_plane_available is false',
    `${SA}:1142-1160`,
    (a, stack) => {
      const off = block(block(block(stack.provider?.azurerm)?.features)?.storage)?.data_plane_available === false;
      return off
        ? ['queue_properties', 'static_website']
            .filter((k) => a[k] !== undefined)
            .map((k) => `sets ${k}, which the provider refuses with data_plane_available = false`)
        : [];
    },
    (a) => (a.static_website = { index_document: 'index.html' }),
  ),
  custom(
    'PLAN-AZ-15',
    STORAGE,
    'infrastructure encryption and customer-managed keys need kind StorageV2 (or a Premium block-blob or file account)',
    `${SA}:1512-1519, :2483-2485`,
    (a) => {
      const kind = String(a.account_kind ?? 'StorageV2');
      const premiumFile = a.account_tier === 'Premium' && ['BlockBlobStorage', 'FileStorage'].includes(kind);
      const needs = [
        ...(a.infrastructure_encryption_enabled === true ? ['infrastructure_encryption_enabled'] : []),
        ...(block(a.customer_managed_key) ? ['customer_managed_key'] : []),
      ];
      return kind === 'StorageV2' || premiumFile ? [] : needs.map((n) => `sets ${n} on an account of kind ${kind}`);
    },
    (a) => (a.account_kind = 'Storage'),
  ),
  matches(
    'PLAN-AZ-16',
    'azurerm_storage_container',
    'name',
    /^(?!-)(?!.*--)[0-9a-z-]{3,63}$/,
    '3-63 lowercase letters, digits and single hyphens, not starting with one',
    `${AZURERM}/storage/validate/storage_container.go:18-30`,
    'Models',
  ),
  oneOf(
    'PLAN-AZ-17',
    'azurerm_storage_container',
    'container_access_type',
    ['blob', 'container', 'private'],
    `${AZURERM}/storage/storage_container_resource.go:89-97`,
  ),

  // Key Vault, keys, disk encryption sets.
  matches(
    'PLAN-AZ-18',
    'azurerm_key_vault',
    'name',
    /^[a-zA-Z0-9-]{3,24}$/,
    '3-24 letters, digits and hyphens',
    `${AZURERM}/keyvault/validate/vault_name.go:13`,
    'kv_gpuplat',
  ),
  oneOf('PLAN-AZ-19', 'azurerm_key_vault', 'sku_name', ['standard', 'premium'], `${KV}:77-84`),
  oneOf('PLAN-AZ-20', 'azurerm_key_vault', 'network_acls.default_action', ['Allow', 'Deny'], `${KV}:150-164`),
  oneOf('PLAN-AZ-21', 'azurerm_key_vault', 'network_acls.bypass', ['AzureServices', 'None'], `${KV}:150-164`),
  between('PLAN-AZ-22', 'azurerm_key_vault', 'soft_delete_retention_days', 7, 90, `${KV}:199-204`),
  oneOf('PLAN-AZ-23', 'azurerm_key_vault_key', 'key_type', ['EC', 'EC-HSM', 'RSA', 'RSA-HSM'], `${KEY}:71-83`),
  oneOf(
    'PLAN-AZ-24',
    'azurerm_key_vault_key',
    'key_opts',
    ['decrypt', 'encrypt', 'sign', 'unwrapKey', 'verify', 'wrapKey'],
    `${KEY}:92-108`,
  ),
  custom(
    'PLAN-AZ-25',
    'azurerm_key_vault_key',
    'an RSA key sets key_size and no curve; an EC key sets curve and no key_size',
    `${KEY}:85-90, :328-334`,
    (a) => {
      const rsa = String(a.key_type).startsWith('RSA');
      if (rsa && (a.key_size === undefined || a.curve !== undefined))
        return ['an RSA key needs key_size and takes no curve'];
      if (!rsa && a.key_size !== undefined) return ['an EC key takes curve, not key_size'];
      return [];
    },
    (a) => delete a.key_size,
  ),
  custom(
    'PLAN-AZ-26',
    'azurerm_key_vault_key',
    'rotation_policy.expire_after and notify_before_expiry are set together',
    `${KEY}:151-174`,
    (a) => {
      const policy = block(a.rotation_policy);
      return policy && (policy.expire_after === undefined) !== (policy.notify_before_expiry === undefined)
        ? ['rotation_policy sets one of expire_after and notify_before_expiry without the other']
        : [];
    },
    (a) => delete (block(a.rotation_policy) as Attributes).notify_before_expiry,
  ),
  matches(
    'PLAN-AZ-27',
    'azurerm_key_vault_key',
    'name',
    /^[0-9a-zA-Z-]+$/,
    'letters, digits and hyphens',
    `${AZURERM}/keyvault/validate/nested_item_name.go:14`,
    'disk_key',
  ),
  exactlyOne('PLAN-AZ-28', 'azurerm_disk_encryption_set', ['key_vault_key_id', 'managed_hsm_key_id'], `${DES}:69-79`),
  custom(
    'PLAN-AZ-29',
    'azurerm_disk_encryption_set',
    'auto_key_rotation_enabled takes a versionless key id; without it, a versioned one',
    `${DES}:157, :236-246`,
    (a) => {
      const id = String(a.key_vault_key_id ?? '');
      if (!unknown(id)) return [];
      const versionless = id.endsWith('.versionless_id}');
      return a.auto_key_rotation_enabled === true && !versionless
        ? ['auto_key_rotation_enabled needs the key versionless id (versionless_id)']
        : a.auto_key_rotation_enabled !== true && versionless
          ? ['a versionless key id needs auto_key_rotation_enabled = true']
          : [];
    },
    (a) => (a.key_vault_key_id = String(a.key_vault_key_id).replace('.versionless_id}', '.id}')),
  ),
  oneOf(
    'PLAN-AZ-30',
    'azurerm_disk_encryption_set',
    'encryption_type',
    [
      'EncryptionAtRestWithCustomerKey',
      'EncryptionAtRestWithPlatformAndCustomerKeys',
      'ConfidentialVmEncryptedWithCustomerKey',
    ],
    `${DES}:89-98`,
  ),

  // AKS clusters.
  exactlyOne('PLAN-AZ-31', AKS, ['dns_prefix', 'dns_prefix_private_cluster'], `${MC}:415-428`),
  custom(
    'PLAN-AZ-32',
    AKS,
    'dns_prefix_private_cluster needs a private cluster with a custom private DNS zone',
    `${MC}:1947-1951`,
    (a) =>
      a.dns_prefix_private_cluster !== undefined &&
      (a.private_cluster_enabled !== true || ['System', 'None', undefined].includes(a.private_dns_zone_id as string))
        ? ['sets dns_prefix_private_cluster without private_cluster_enabled and a custom private_dns_zone_id']
        : [],
    (a) => (a.private_cluster_enabled = false),
  ),
  oneOf('PLAN-AZ-33', AKS, 'identity.type', ['SystemAssigned', 'UserAssigned'], `${MC}:467`),
  custom(
    'PLAN-AZ-34',
    AKS,
    'workload identity needs the OIDC issuer',
    `${MC}:1816-1822`,
    (a) =>
      a.workload_identity_enabled === true && a.oidc_issuer_enabled !== true
        ? ['sets workload_identity_enabled without oidc_issuer_enabled']
        : [],
    (a) => (a.oidc_issuer_enabled = false),
  ),
  oneOf('PLAN-AZ-35', AKS, 'automatic_upgrade_channel', ['patch', 'rapid', 'stable', 'node-image'], `${MC}:196-204`),
  custom(
    'PLAN-AZ-36',
    AKS,
    'node_os_upgrade_channel is one of NodeImage, None, SecurityPatch, Unmanaged, and NodeImage when the upgrade channel is node-image',
    `${MC}:1330-1340, :1848-1852`,
    (a) => {
      const channel = a.node_os_upgrade_channel;
      if (channel === undefined) return [];
      if (!['NodeImage', 'None', 'SecurityPatch', 'Unmanaged'].includes(String(channel)))
        return [`node_os_upgrade_channel is ${JSON.stringify(channel)}`];
      return a.automatic_upgrade_channel === 'node-image' && channel !== 'NodeImage'
        ? ['automatic_upgrade_channel node-image needs node_os_upgrade_channel NodeImage']
        : [];
    },
    (a) => (a.node_os_upgrade_channel = 'nodeImage'),
  ),
  oneOf('PLAN-AZ-37', AKS, 'sku_tier', ['Free', 'Standard', 'Premium'], `${MC}:1508-1516`),
  between('PLAN-AZ-38', AKS, 'image_cleaner_interval_hours', 24, 2160, `${MC}:474-478`),
  oneOf(
    'PLAN-AZ-39',
    AKS,
    'maintenance_window_auto_upgrade.frequency',
    ['Daily', 'Weekly', 'RelativeMonthly', 'AbsoluteMonthly'],
    `${MC}:814-841`,
  ),
  between('PLAN-AZ-40', AKS, 'maintenance_window_auto_upgrade.duration', 4, 24, `${MC}:814-841`),
  oneOf(
    'PLAN-AZ-41',
    AKS,
    'maintenance_window_auto_upgrade.day_of_week',
    ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    `${MC}:814-841`,
  ),
  custom(
    'PLAN-AZ-42',
    AKS,
    'key_management_service.key_vault_key_id is a versioned key id',
    `${MC}:1023 (keyvault/validate/nested_item_id.go:13-30)`,
    (a) => {
      const id = block(a.key_management_service)?.key_vault_key_id;
      return typeof id === 'string' && id.endsWith('.versionless_id}')
        ? ['key_management_service.key_vault_key_id must name a key version (the key id), not the versionless id']
        : [];
    },
    (a) => {
      const kms = block(a.key_management_service) as Attributes;
      kms.key_vault_key_id = String(kms.key_vault_key_id).replace('.id}', '.versionless_id}');
    },
  ),
  oneOf('PLAN-AZ-43', AKS, 'key_management_service.key_vault_network_access', ['Private', 'Public'], `${MC}:1026-1030`),
  oneOf('PLAN-AZ-44', AKS, 'network_profile.network_plugin', ['azure', 'kubenet', 'none'], `${MC}:1058-1067`),
  oneOf('PLAN-AZ-45', AKS, 'network_profile.network_policy', ['calico', 'azure', 'cilium'], `${MC}:1083-1092`),
  oneOf('PLAN-AZ-46', AKS, 'network_profile.network_data_plane', ['azure', 'cilium'], `${MC}:1102-1109`),
  oneOf('PLAN-AZ-47', AKS, 'network_profile.network_plugin_mode', ['overlay'], `${MC}:1111-1117`),
  oneOf('PLAN-AZ-48', AKS, 'network_profile.load_balancer_sku', ['basic', 'standard'], `${MC}:1157-1166`),
  oneOf(
    'PLAN-AZ-49',
    AKS,
    'network_profile.outbound_type',
    ['loadBalancer', 'userDefinedRouting', 'managedNATGateway', 'userAssignedNATGateway', 'none'],
    `${MC}:1168-1178`,
  ),
  matches(
    'PLAN-AZ-50',
    AKS,
    'default_node_pool.name',
    /^[a-z][a-z0-9]{0,11}$/,
    '1-12 lowercase letters and digits, starting with a letter',
    `${NODEPOOL}:44-52 (containers/validate/kubernetes.go:34)`,
    'System-Pool',
  ),
  matches(
    'PLAN-AZ-51',
    AKS,
    'default_node_pool.temporary_name_for_rotation',
    /^[a-z][a-z0-9]{0,11}$/,
    '1-12 lowercase letters and digits, starting with a letter',
    `${NODEPOOL}:86-97`,
    'system-rotation',
  ),
  custom(
    'PLAN-AZ-52',
    AKS,
    'an autoscaled default pool sets min_count and max_count of 1-1000, with node_count between them',
    `${NODEPOOL}:120-147, :978-1024`,
    (a) => {
      const pool = block(a.default_node_pool);
      if (!pool || pool.auto_scaling_enabled !== true) return [];
      const [min, max, count] = [pool.min_count, pool.max_count, pool.node_count].map(Number);
      return min >= 1 && max <= 1000 && min <= max && (pool.node_count === undefined || (count >= min && count <= max))
        ? []
        : [
            `default_node_pool counts ${String(pool.min_count)}/${String(pool.node_count)}/${String(pool.max_count)} (min/node/max) break 1 <= min <= node_count <= max <= 1000`,
          ];
    },
    (a) => ((block(a.default_node_pool) as Attributes).min_count = 0),
  ),
  oneOf('PLAN-AZ-53', AKS, 'default_node_pool.os_disk_type', ['Ephemeral', 'Managed'], `${NODEPOOL}:175-183`),
  custom(
    'PLAN-AZ-54',
    AKS,
    'default_node_pool.upgrade_settings sets max_surge',
    `${NODEPOOL}:682-685`,
    (a) => {
      const settings = block(block(a.default_node_pool)?.upgrade_settings);
      return settings && settings.max_surge === undefined
        ? ['default_node_pool.upgrade_settings without max_surge']
        : [];
    },
    (a) => delete (block((block(a.default_node_pool) as Attributes).upgrade_settings) as Attributes).max_surge,
  ),
  custom(
    'PLAN-AZ-55',
    AKS,
    'kubernetes_version and default_node_pool.orchestrator_version are equal when both are set',
    `${MC}:1736-1744`,
    (a) => {
      const pool = block(a.default_node_pool)?.orchestrator_version;
      return pool !== undefined && a.kubernetes_version !== undefined && pool !== a.kubernetes_version
        ? [`orchestrator_version ${String(pool)} differs from kubernetes_version ${String(a.kubernetes_version)}`]
        : [];
    },
    (a) => ((block(a.default_node_pool) as Attributes).orchestrator_version = '1.20'),
  ),

  // AKS node pools.
  matches(
    'PLAN-AZ-56',
    POOL,
    'name',
    /^[a-z][a-z0-9]{0,11}$/,
    '1-12 lowercase letters and digits, starting with a letter',
    `${AP}:125-130`,
    'gpu_pool',
  ),
  matches(
    'PLAN-AZ-57',
    POOL,
    'temporary_name_for_rotation',
    /^[a-z][a-z0-9]{0,11}$/,
    '1-12 lowercase letters and digits, starting with a letter',
    `${AP}:960-999`,
    'inference-rotation',
  ),
  oneOf('PLAN-AZ-58', POOL, 'priority', ['Regular', 'Spot'], `${AP}:332-341`),
  custom(
    'PLAN-AZ-59',
    POOL,
    'eviction_policy (Delete or Deallocate) and spot_max_price only on Spot pools',
    `${AP}:171-179, :356-361, :568-579`,
    (a) => [
      ...(a.priority !== 'Spot'
        ? ['eviction_policy', 'spot_max_price']
            .filter((k) => a[k] !== undefined)
            .map((k) => `sets ${k} on a ${String(a.priority ?? 'Regular')} pool`)
        : []),
      ...(a.eviction_policy !== undefined && !['Delete', 'Deallocate'].includes(String(a.eviction_policy))
        ? [`eviction_policy is ${JSON.stringify(a.eviction_policy)}`]
        : []),
    ],
    (a) => (a.eviction_policy = 'delete'),
  ),
  custom(
    'PLAN-AZ-60',
    POOL,
    'Spot pools carry no upgrade_settings: AKS refuses max surge on them (the provider checks it from v4.65.0, PR #31129)',
    `${AP}:539, :1378-1381 (azurerm #19355, #26465)`,
    (a) =>
      a.priority === 'Spot' && a.upgrade_settings !== undefined
        ? ['sets upgrade_settings on a Spot pool: AKS refuses maxSurge on Spot pools at apply']
        : [],
    (a) => {
      a.priority = 'Spot';
      a.upgrade_settings = { max_surge: '1' };
    },
  ),
  exactlyOne(
    'PLAN-AZ-61',
    POOL,
    ['upgrade_settings.max_surge', 'upgrade_settings.max_unavailable'],
    `${AP}:1267-1283`,
    'upgrade_settings',
  ),
  custom(
    'PLAN-AZ-62',
    POOL,
    'an autoscaled pool sets min_count <= max_count within 0-1000, with node_count between them',
    `${AP}:139-144, :220-250, :648-675`,
    (a) => {
      if (a.auto_scaling_enabled !== true) return [];
      const [min, max, count] = [a.min_count, a.max_count, a.node_count].map(Number);
      return min >= 0 && max <= 1000 && min <= max && (a.node_count === undefined || (count >= min && count <= max))
        ? []
        : [
            `counts ${String(a.min_count)}/${String(a.node_count)}/${String(a.max_count)} (min/node/max) break 0 <= min <= node_count <= max <= 1000`,
          ];
    },
    (a) => (a.max_count = 1001),
  ),
  oneOf('PLAN-AZ-63', POOL, 'mode', ['System', 'User'], `${AP}:232-240`),
  oneOf('PLAN-AZ-64', POOL, 'gpu_driver', ['Install', 'None'], `${AP}:203-208`),
  oneOf('PLAN-AZ-65', POOL, 'os_disk_type', ['Ephemeral', 'Managed'], `${AP}:291-299`),
  custom(
    'PLAN-AZ-66',
    'azurerm_proximity_placement_group',
    'a zonal placement group lists allowed_vm_sizes',
    `${AZURERM}/compute/proximity_placement_group_resource.go:60-85`,
    (a) =>
      a.zone !== undefined && valuesAt(a, 'allowed_vm_sizes').length === 0
        ? ['sets zone without allowed_vm_sizes']
        : [],
    (a) => delete a.allowed_vm_sizes,
  ),

  // Identity and access.
  exactlyOne(
    'PLAN-AZ-67',
    'azurerm_role_assignment',
    ['role_definition_id', 'role_definition_name'],
    `${AZURERM}/authorization/role_assignment_resource.go:81-98`,
  ),
  oneOf(
    'PLAN-AZ-68',
    'azurerm_role_assignment',
    'principal_type',
    ['User', 'Group', 'ServicePrincipal'],
    `${AZURERM}/authorization/role_assignment_resource.go:106-116`,
  ),
  custom(
    'PLAN-AZ-69',
    'azurerm_federated_identity_credential',
    'audience holds one value',
    `${AZURERM}/managedidentity/federated_identity_credential_resource.go:47-55`,
    (a) => (valuesAt(a, 'audience').length > 1 ? ['audience holds more than one value'] : []),
    (a) => (a.audience = ['api://AzureADTokenExchange', 'sts.amazonaws.com']),
  ),

  // Networks.
  exactlyOne(
    'PLAN-AZ-70',
    'azurerm_virtual_network',
    ['address_space', 'ip_address_pool'],
    `${AZURERM}/network/virtual_network_resource.go:79-83`,
  ),
  exactlyOne(
    'PLAN-AZ-71',
    'azurerm_subnet',
    ['address_prefixes', 'ip_address_pool'],
    `${AZURERM}/network/subnet_resource.go:150-155`,
  ),
  oneOf(
    'PLAN-AZ-72',
    'azurerm_subnet',
    'private_endpoint_network_policies',
    ['Disabled', 'Enabled', 'NetworkSecurityGroupEnabled', 'RouteTableEnabled'],
    `${AZURERM}/network/subnet_resource.go:279-284`,
  ),
  oneOf(
    'PLAN-AZ-73',
    'azurerm_network_security_group',
    'security_rule.protocol',
    ['*', 'Tcp', 'Udp', 'Icmp', 'Ah', 'Esp'],
    `${AZURERM}/network/network_security_group_resource.go:63-178`,
  ),
  oneOf(
    'PLAN-AZ-74',
    'azurerm_network_security_group',
    'security_rule.access',
    ['Allow', 'Deny'],
    `${AZURERM}/network/network_security_group_resource.go:63-178`,
  ),
  oneOf(
    'PLAN-AZ-75',
    'azurerm_network_security_group',
    'security_rule.direction',
    ['Inbound', 'Outbound'],
    `${AZURERM}/network/network_security_group_resource.go:63-178`,
  ),
  between(
    'PLAN-AZ-76',
    'azurerm_network_security_group',
    'security_rule.priority',
    100,
    4096,
    `${AZURERM}/network/network_security_group_resource.go:63-178`,
  ),
  custom(
    'PLAN-AZ-77',
    'azurerm_public_ip',
    'allocation_method is Static or Dynamic, sku Basic or Standard, and a Standard address is Static',
    `${AZURERM}/network/public_ip_resource.go:63-113, :213-217`,
    (a) => [
      ...(!['Static', 'Dynamic'].includes(String(a.allocation_method))
        ? [`allocation_method is ${JSON.stringify(a.allocation_method)}`]
        : []),
      ...(a.sku !== undefined && !['Basic', 'Standard'].includes(String(a.sku))
        ? [`sku is ${JSON.stringify(a.sku)}`]
        : []),
      ...(a.sku === 'Standard' && a.allocation_method === 'Dynamic' ? ['a Standard public IP must be Static'] : []),
    ],
    (a) => (a.allocation_method = 'Dynamic'),
  ),
  oneOf(
    'PLAN-AZ-78',
    'azurerm_nat_gateway',
    'sku_name',
    ['Standard'],
    `${AZURERM}/network/nat_gateway_resource.go:69-85`,
  ),
  between(
    'PLAN-AZ-79',
    'azurerm_nat_gateway',
    'idle_timeout_in_minutes',
    4,
    120,
    `${AZURERM}/network/nat_gateway_resource.go:69-85`,
  ),
  exactlyOne(
    'PLAN-AZ-80',
    'azurerm_private_endpoint',
    [
      'private_service_connection.private_connection_resource_id',
      'private_service_connection.private_connection_resource_alias',
    ],
    `${AZURERM}/network/private_endpoint_resource.go:152-164`,
  ),
  oneOf('PLAN-AZ-81', VNG, 'type', ['ExpressRoute', 'Vpn'], `${VNGR}:67-134`),
  oneOf('PLAN-AZ-82', VNG, 'vpn_type', ['RouteBased', 'PolicyBased'], `${VNGR}:67-134`),
  oneOf('PLAN-AZ-83', VNG, 'generation', ['Generation1', 'Generation2', 'None'], `${VNGR}:67-134`),
  custom(
    'PLAN-AZ-84',
    VNG,
    `a Generation2 route-based VPN gateway takes one of ${GEN2_VPN_SKUS.join(', ')}`,
    `${VNGR}:951-985, :1511-1553`,
    (a) =>
      a.type === 'Vpn' &&
      a.vpn_type === 'RouteBased' &&
      a.generation === 'Generation2' &&
      !GEN2_VPN_SKUS.includes(String(a.sku))
        ? [`sku ${String(a.sku)} is not a Generation2 route-based SKU`]
        : [],
    (a) => (a.sku = 'VpnGw1'),
  ),
  custom(
    'PLAN-AZ-85',
    VNG,
    'BGP APIPA addresses lie in 169.254.21.0-169.254.22.255',
    `${AZURERM}/network/validate/virtual_network_gateway.go:25-29`,
    (a) =>
      valuesAt(a, 'bgp_settings.peering_addresses.apipa_addresses')
        .filter((ip) => !unknown(ip) && !/^169\.254\.2[12]\.(25[0-5]|2[0-4]\d|1?\d?\d)$/.test(String(ip)))
        .map((ip) => `APIPA address ${String(ip)} is outside 169.254.21.0-169.254.22.255`),
    (a) => {
      const [peer] = valuesAt(a, 'bgp_settings.peering_addresses') as Attributes[];
      peer.apipa_addresses = ['169.254.30.1'];
    },
  ),
  oneOf('PLAN-AZ-86', CONN, 'type', ['ExpressRoute', 'IPsec', 'Vnet2Vnet'], `${CONNR}:61-70`),
  oneOf('PLAN-AZ-87', CONN, 'connection_protocol', ['IKEv1', 'IKEv2'], `${CONNR}:176-185`),
  oneOf(
    'PLAN-AZ-88',
    CONN,
    'ipsec_policy.dh_group',
    ['DHGroup1', 'DHGroup14', 'DHGroup2', 'DHGroup2048', 'DHGroup24', 'ECP256', 'ECP384', 'None'],
    `${CONNR}:242-348`,
  ),
  oneOf(
    'PLAN-AZ-89',
    CONN,
    'ipsec_policy.ike_encryption',
    ['AES128', 'AES192', 'AES256', 'DES', 'DES3', 'GCMAES128', 'GCMAES256'],
    `${CONNR}:242-348`,
  ),
  oneOf(
    'PLAN-AZ-90',
    CONN,
    'ipsec_policy.ike_integrity',
    ['GCMAES128', 'GCMAES256', 'MD5', 'SHA1', 'SHA256', 'SHA384'],
    `${CONNR}:242-348`,
  ),
  oneOf(
    'PLAN-AZ-91',
    CONN,
    'ipsec_policy.ipsec_encryption',
    ['AES128', 'AES192', 'AES256', 'DES', 'DES3', 'GCMAES128', 'GCMAES192', 'GCMAES256', 'None'],
    `${CONNR}:242-348`,
  ),
  oneOf(
    'PLAN-AZ-92',
    CONN,
    'ipsec_policy.ipsec_integrity',
    ['GCMAES128', 'GCMAES192', 'GCMAES256', 'MD5', 'SHA1', 'SHA256'],
    `${CONNR}:242-348`,
  ),
  oneOf(
    'PLAN-AZ-93',
    CONN,
    'ipsec_policy.pfs_group',
    ['ECP256', 'ECP384', 'None', 'PFS1', 'PFS14', 'PFS2', 'PFS2048', 'PFS24', 'PFSMM'],
    `${CONNR}:242-348`,
  ),
  custom(
    'PLAN-AZ-94',
    CONN,
    'an IPsec connection names its local network gateway',
    `${CONNR}:870-874`,
    (a) =>
      a.type === 'IPsec' && a.local_network_gateway_id === undefined
        ? ['an IPsec connection without local_network_gateway_id']
        : [],
    (a) => delete a.local_network_gateway_id,
  ),
  exactlyOne(
    'PLAN-AZ-95',
    'azurerm_local_network_gateway',
    ['gateway_address', 'gateway_fqdn'],
    `${AZURERM}/network/local_network_gateway_resource.go:58-66`,
  ),

  // Logs and monitoring.
  oneOf(
    'PLAN-AZ-96',
    'azurerm_log_analytics_workspace',
    'sku',
    ['PerGB2018', 'PerNode', 'Standalone', 'CapacityReservation', 'LACluster', 'Unlimited'],
    `${LAW}:107-122, :211-231 (Standard and Premium are refused by CustomizeDiff)`,
  ),
  between('PLAN-AZ-97', 'azurerm_log_analytics_workspace', 'retention_in_days', 30, 730, `${LAW}:139-144`),
  custom(
    'PLAN-AZ-98',
    'azurerm_log_analytics_workspace_table',
    `plan Analytics or Basic; retention_in_days 4-730 (not with Basic); total_retention_in_days 4-730 or one of ${TOTAL_RETENTION_YEARS.join(', ')}`,
    `${TABLE}:36-86`,
    (a) => {
      const problems: string[] = [];
      if (a.plan !== undefined && !['Analytics', 'Basic'].includes(String(a.plan)))
        problems.push(`plan is ${JSON.stringify(a.plan)}`);
      const retention = a.retention_in_days;
      if (retention !== undefined && (a.plan === 'Basic' || Number(retention) < 4 || Number(retention) > 730))
        problems.push(`retention_in_days ${String(retention)} is not 4-730, or the plan is Basic`);
      const total = a.total_retention_in_days;
      if (
        total !== undefined &&
        !((Number(total) >= 4 && Number(total) <= 730) || TOTAL_RETENTION_YEARS.includes(Number(total)))
      )
        problems.push(
          `total_retention_in_days ${String(total)} is neither 4-730 nor a whole number of years the provider lists`,
        );
      return problems;
    },
    (a) => (a.total_retention_in_days = 1000),
  ),
  matches(
    'PLAN-AZ-99',
    'azurerm_log_analytics_workspace_table_custom_log',
    'name',
    /_CL$/,
    'a name ending in _CL',
    `${AZURERM}/loganalytics/log_analytics_workspace_table_custom_log_resource.go:64-69`,
    'WorkloadLogs',
  ),
  oneOf(
    'PLAN-AZ-100',
    'azurerm_log_analytics_workspace_table_custom_log',
    'column.type',
    ['boolean', 'dateTime', 'dynamic', 'guid', 'int', 'long', 'real', 'string'],
    `${AZURERM}/loganalytics/log_analytics_workspace_table.go:30-34 (tables/constants.go:62-69)`,
  ),
  oneOf(
    'PLAN-AZ-101',
    'azurerm_monitor_data_collection_rule',
    'stream_declaration.column.type',
    ['boolean', 'datetime', 'dynamic', 'int', 'long', 'real', 'string'],
    `${DCR}:872-897 (datacollectionrules/constants.go:56-62)`,
  ),
  oneOf(
    'PLAN-AZ-102',
    'azurerm_monitor_diagnostic_setting',
    'log_analytics_destination_type',
    ['Dedicated', 'AzureDiagnostics'],
    `${AZURERM}/monitor/monitor_diagnostic_setting_resource.go:102-111`,
  ),
  custom(
    'PLAN-AZ-103',
    'azurerm_monitor_diagnostic_setting',
    'a diagnostic setting has a destination and enables at least one log or metric, each log by category or category group',
    `${AZURERM}/monitor/monitor_diagnostic_setting_resource.go:74-100, :113-169`,
    (a) => {
      const destinations = [
        'log_analytics_workspace_id',
        'storage_account_id',
        'eventhub_authorization_rule_id',
        'partner_solution_id',
      ].filter((k) => a[k] !== undefined);
      const logs = valuesAt(a, 'enabled_log') as Attributes[];
      return [
        ...(destinations.length === 0 ? ['has no destination'] : []),
        ...(logs.length === 0 && !present(a, 'enabled_metric') ? ['enables no log and no metric'] : []),
        ...logs
          .filter((l) => l.category === undefined && l.category_group === undefined)
          .map(() => 'an enabled_log names neither category nor category_group'),
      ];
    },
    (a) => {
      delete a.log_analytics_workspace_id;
      delete a.storage_account_id;
    },
  ),
  matches(
    'PLAN-AZ-104',
    'azurerm_monitor_action_group',
    'short_name',
    /^.{1,12}$/,
    '1-12 characters',
    `${AZURERM}/monitor/monitor_action_group_resource.go:66-85`,
    'gpuplat-link-alerts',
  ),
  oneOf(
    'PLAN-AZ-105',
    'azurerm_monitor_metric_alert',
    'criteria.aggregation',
    ['Average', 'Count', 'Minimum', 'Maximum', 'Total'],
    `${ALERT}:94-174`,
  ),
  oneOf(
    'PLAN-AZ-106',
    'azurerm_monitor_metric_alert',
    'criteria.operator',
    ['Equals', 'GreaterThan', 'GreaterThanOrEqual', 'LessThan', 'LessThanOrEqual'],
    `${ALERT}:94-174`,
  ),
  oneOf(
    'PLAN-AZ-107',
    'azurerm_monitor_metric_alert',
    'frequency',
    ['PT1M', 'PT5M', 'PT15M', 'PT30M', 'PT1H'],
    `${ALERT}:349-378`,
  ),
  oneOf(
    'PLAN-AZ-108',
    'azurerm_monitor_metric_alert',
    'window_size',
    ['PT1M', 'PT5M', 'PT15M', 'PT30M', 'PT1H', 'PT6H', 'PT12H', 'P1D'],
    `${ALERT}:349-378`,
  ),
  between('PLAN-AZ-109', 'azurerm_monitor_metric_alert', 'severity', 0, 4, `${ALERT}:349-378`),

  // The subscription baseline and management locks.
  oneOf('PLAN-AZ-110', PRICING, 'tier', ['Free', 'Standard'], `${SCP}:50-57`),
  oneOf(
    'PLAN-AZ-111',
    PRICING,
    'resource_type',
    [
      'AI',
      'Api',
      'AppServices',
      'ContainerRegistry',
      'KeyVaults',
      'KubernetesService',
      'SqlServers',
      'SqlServerVirtualMachines',
      'StorageAccounts',
      'VirtualMachines',
      'Arm',
      'Dns',
      'OpenSourceRelationalDatabases',
      'Containers',
      'CosmosDbs',
      'CloudPosture',
    ],
    `${SCP}:59-81`,
  ),
  custom(
    'PLAN-AZ-112',
    PRICING,
    'extensions only on the Standard tier (the provider refuses them on Free before calling Azure)',
    `${SCP}:166-168`,
    (a) => (a.tier === 'Free' && present(a, 'extension.name') ? ['enables extensions on the Free tier'] : []),
    (a) => {
      a.tier = 'Free';
      a.extension = [{ name: 'AgentlessVmScanning' }];
    },
  ),
  custom(
    'PLAN-AZ-113',
    ACTIVITY_ALERT,
    'location is global (or one of westeurope, northeurope, eastus2euap): Activity Log alerts are global resources',
    `${ALA}:401-418`,
    (a) =>
      unknown(a.location) ||
      ['global', 'westeurope', 'northeurope', 'eastus2euap'].includes(
        String(a.location).toLowerCase().replace(/\s/g, ''),
      )
        ? []
        : [
            `location is ${JSON.stringify(a.location)}; the provider takes only global, westeurope, northeurope, eastus2euap`,
          ],
    (a) => {
      a.location = 'eastus2';
    },
  ),
  oneOf(
    'PLAN-AZ-114',
    ACTIVITY_ALERT,
    'criteria.category',
    ['Administrative', 'Autoscale', 'Policy', 'Recommendation', 'ResourceHealth', 'Security', 'ServiceHealth'],
    `${ALA}:82-94`,
  ),
  oneOf('PLAN-AZ-115', 'azurerm_management_lock', 'lock_level', ['CanNotDelete', 'ReadOnly'], `${LOCK}:53-61`),
  matches(
    'PLAN-AZ-116',
    'azurerm_management_lock',
    'notes',
    /^[\s\S]{0,512}$/,
    'at most 512 characters',
    `${LOCK}:63-68`,
    'x'.repeat(513),
  ),

  // Model release signing: the EC key's curve, and the custom roles.
  oneOf('PLAN-AZ-117', 'azurerm_key_vault_key', 'curve', ['P-256', 'P-256K', 'P-384', 'P-521'], `${KEY}:110-130`),
  matches(
    'PLAN-AZ-118',
    'azurerm_role_definition',
    'scope',
    /^(\/subscriptions\/|\/providers\/Microsoft\.Management\/managementGroups\/)/,
    'a subscription or management group id, or a scope under one',
    `${AZURERM}/authorization/role_definition_resource.go:64-69`,
    'rg-security',
  ),
  matches(
    'PLAN-AZ-119',
    'azurerm_role_definition',
    'name',
    /\S/,
    'not empty',
    `${AZURERM}/authorization/role_definition_resource.go:58-62`,
    '',
  ),

  // hashicorp/time.
  matches(
    'PLAN-TIME-1',
    'time_sleep',
    'create_duration',
    /^[0-9]+(\.[0-9]+)?(ms|s|m|h)$/,
    'a number and one unit (ms, s, m or h)',
    'time v0.13.1 internal/provider/resource_time_sleep.go:79-80',
    '2m30s',
  ),

  // azapi.
  custom(
    'PLAN-AZAPI-1',
    'azapi_resource',
    'a Microsoft.Network/networkWatchers/flowLogs@2024-05-01 body holds only the properties the API defines, with the required ones and none that are read-only',
    'azapi v2.12.0 internal/azure/generated/network/microsoft.network/2024-05-01/types.json (FlowLogPropertiesFormat, line 5311), internal/azure/types/object_type.go:103-162',
    (a) => {
      if (!String(a.type).startsWith('Microsoft.Network/networkWatchers/flowLogs@2024-05-01')) return [];
      const properties = (block(a.body)?.properties ?? {}) as Attributes;
      const problems = [
        ...Object.keys(block(a.body) ?? {})
          .filter((k) => !['properties'].includes(k))
          .map((k) => `body.${k} is not expected (location, identity and tags are top-level arguments)`),
        ...FLOW_LOG_PROPERTIES.required
          .filter((k) => properties[k] === undefined)
          .map((k) => `body.properties.${k} is required`),
        ...FLOW_LOG_PROPERTIES.readOnly
          .filter((k) => properties[k] !== undefined)
          .map((k) => `body.properties.${k} is read-only`),
        ...Object.keys(properties)
          .filter((k) => !FLOW_LOG_PROPERTIES.allowed.includes(k) && !FLOW_LOG_PROPERTIES.readOnly.includes(k))
          .map((k) => `body.properties.${k} is not a property of the API (names are case-sensitive)`),
      ];
      for (const [path, allowed] of Object.entries(FLOW_LOG_PROPERTIES.nested)) {
        const nested = valuesAt(properties, path)[0];
        if (nested && typeof nested === 'object')
          problems.push(
            ...Object.keys(nested)
              .filter((k) => !allowed.includes(k))
              .map((k) => `body.properties.${path}.${k} is not a property of the API`),
          );
      }
      const identity = block(a.identity)?.type;
      if (
        identity !== undefined &&
        !['SystemAssigned', 'UserAssigned', 'SystemAssigned, UserAssigned', 'None'].includes(String(identity))
      )
        problems.push(`identity type ${JSON.stringify(identity)} is not one azapi takes (azapi_resource.go:437-445)`);
      return problems;
    },
    (a) => {
      const properties = (block(a.body) as Attributes).properties as Attributes;
      properties.Enabled = properties.enabled;
      delete properties.enabled;
    },
  ),
];

/** The provider rules, run with the deploy prerequisites on every synth. */
export const PROVIDER_PREREQUISITE_RULES: readonly PrerequisiteRule[] = PROVIDER_RULES.map((rule) => ({
  id: rule.id,
  description: `${rule.type}: ${rule.rule} (${rule.source})`,
  check: (stack: StackJson) =>
    resourcesOfType(stack, rule.type).flatMap((resource: StackResource) =>
      rule.check(resource.attributes, stack).map((problem) => ({
        address: resource.address,
        problem: `${problem}: the provider refuses it at plan or apply (${rule.source})`,
        fix: `keep to the provider's rule: ${rule.rule}`,
      })),
    ),
}));
