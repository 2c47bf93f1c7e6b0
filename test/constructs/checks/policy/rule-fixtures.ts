/**
 * For every rule of the pack: a compliant fixture and a violating one, as small stacks of raw
 * resources. A violating fixture differs from a compliant one in what the rule reads.
 */
import type { FixtureResource } from './fixture';

type R = FixtureResource;
const TAGS = {
  platform: 'p',
  environment: 'dev',
  'cloud-role': 'host',
  owner: 'o',
  'cost-center': 'c',
  'managed-by': 'cdktf',
};
const PROTECTED = { lifecycle: { prevent_destroy: true } };
const KEY: R = ['aws_kms_key', 'key', { enable_key_rotation: true, deletion_window_in_days: 30, ...PROTECTED }];

const EKS = {
  version: '1.36',
  vpc_config: { endpoint_private_access: true, endpoint_public_access: false },
  encryption_config: { resources: ['secrets'], provider: { key_arn: '${aws_kms_key.key.arn}' } },
  enabled_cluster_log_types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
  access_config: { authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false },
};
const CNI: R = [
  'aws_eks_addon',
  'cni',
  {
    addon_name: 'vpc-cni',
    cluster_name: '${aws_eks_cluster.eks.name}',
    configuration_values: '{"enableNetworkPolicy":"true"}',
  },
];
const eks = (overrides: Record<string, unknown> = {}): R[] => [
  KEY,
  CNI,
  ['aws_eks_cluster', 'eks', { ...EKS, ...overrides }],
];

const AKS_POOL = { host_encryption_enabled: true, node_public_ip_enabled: false };
const AKS = {
  kubernetes_version: '1.36',
  private_cluster_enabled: true,
  private_cluster_public_fqdn_enabled: false,
  key_management_service: { key_vault_key_id: '${azurerm_key_vault_key.kms.id}' },
  disk_encryption_set_id: '${azurerm_disk_encryption_set.des.id}',
  oms_agent: { log_analytics_workspace_id: '${azurerm_log_analytics_workspace.logs.id}' },
  local_account_disabled: true,
  azure_active_directory_role_based_access_control: { azure_rbac_enabled: true },
  network_profile: { network_policy: 'cilium' },
  default_node_pool: AKS_POOL,
};
const AKS_AUDIT: R = [
  'azurerm_monitor_diagnostic_setting',
  'aks-audit',
  {
    target_resource_id: '${azurerm_kubernetes_cluster.aks.id}',
    enabled_log: [{ category: 'kube-audit' }, { category: 'kube-audit-admin' }],
  },
];
const aks = (overrides: Record<string, unknown> = {}, extra: R[] = [AKS_AUDIT]): R[] => [
  ['azurerm_kubernetes_cluster', 'aks', { ...AKS, ...overrides }],
  ...extra,
];

const LAUNCH_TEMPLATE = {
  metadata_options: { http_tokens: 'required', http_put_response_hop_limit: 1 },
  block_device_mappings: [{ ebs: { encrypted: 'true', kms_key_id: '${aws_kms_key.key.arn}' } }],
  network_interfaces: [{ associate_public_ip_address: 'false' }],
};
const launchTemplate = (overrides: Record<string, unknown> = {}): R[] => [
  ['aws_launch_template', 'lt', { ...LAUNCH_TEMPLATE, ...overrides }],
];

const sg = (ingress: Record<string, unknown>[]): R[] => [['aws_security_group', 'sg', { ingress }]];
const nsg = (rule: Record<string, unknown>): R[] => [
  [
    'azurerm_network_security_group',
    'nsg',
    { security_rule: [{ access: 'Allow', direction: 'Inbound', source_address_prefix: 'Internet', ...rule }] },
  ],
];

const VPC: R = ['aws_vpc', 'vpc', {}];
const FLOW_LOG: R = ['aws_flow_log', 'flow', { vpc_id: '${aws_vpc.vpc.id}', traffic_type: 'ALL' }];
const DEFAULT_SG: R = [
  'aws_default_security_group',
  'default',
  { vpc_id: '${aws_vpc.vpc.id}', ingress: [], egress: [] },
];

const BUCKET: R = ['aws_s3_bucket', 'bucket', PROTECTED];
const bucketPart = (type: string, attributes: Record<string, unknown>): R => [
  type,
  type.replace('aws_s3_bucket_', ''),
  { bucket: '${aws_s3_bucket.bucket.id}', ...attributes },
];
const PUBLIC_ACCESS_BLOCK = {
  block_public_acls: true,
  block_public_policy: true,
  ignore_public_acls: true,
  restrict_public_buckets: true,
};
const TLS_POLICY = JSON.stringify({
  Statement: [
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
});
const KMS_SSE = {
  rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: 'k' } }],
};

const ACCOUNT = {
  allow_nested_items_to_be_public: false,
  public_network_access_enabled: false,
  min_tls_version: 'TLS1_2',
  customer_managed_key: { key_vault_key_id: '${azurerm_key_vault_key.cmk.versionless_id}' },
  infrastructure_encryption_enabled: true,
  blob_properties: { versioning_enabled: true, delete_retention_policy: { days: 7 } },
  shared_access_key_enabled: false,
  default_to_oauth_authentication: true,
  account_replication_type: 'ZRS',
};
const STORE_ENDPOINT: R = [
  'azurerm_private_endpoint',
  'pe',
  { private_service_connection: { private_connection_resource_id: '${azurerm_storage_account.store.id}' } },
];
const IMMUTABLE = { state: 'Unlocked', period_since_creation_in_days: 365, allow_protected_append_writes: true };
const account = (overrides: Record<string, unknown> = {}, extra: R[] = []): R[] => [
  ['azurerm_storage_account', 'store', { ...ACCOUNT, ...overrides }],
  ...extra,
];

const VAULT = {
  rbac_authorization_enabled: true,
  purge_protection_enabled: true,
  public_network_access_enabled: false,
  sku_name: 'premium',
};
const vaultKey = (overrides: Record<string, unknown> = {}): R[] => [
  ['azurerm_key_vault', 'kv', VAULT],
  [
    'azurerm_key_vault_key',
    'k',
    {
      key_vault_id: '${azurerm_key_vault.kv.id}',
      key_type: 'RSA-HSM',
      expiration_date: '${time_offset.k-expiry.rfc3339}',
      rotation_policy: { expire_after: 'P365D', automatic: { time_after_creation: 'P335D' } },
      ...overrides,
    },
  ],
];

const LOG_GROUP = { kms_key_id: '${aws_kms_key.key.arn}', retention_in_days: 365 };
const TRAIL = {
  is_multi_region_trail: true,
  include_global_service_events: true,
  enable_log_file_validation: true,
  kms_key_id: '${aws_kms_key.key.arn}',
  cloud_watch_logs_group_arn: 'arn:aws:logs:us-east-1:111111111111:log-group:trail:*',
};

const rolePolicy = (statement: Record<string, unknown>): R[] => [
  ['aws_iam_role', 'role', { assume_role_policy: '{"Statement":[]}' }],
  [
    'aws_iam_role_policy',
    'grant',
    { role: '${aws_iam_role.role.id}', policy: JSON.stringify({ Statement: [{ Effect: 'Allow', ...statement }] }) },
  ],
];
const trust = (statement: Record<string, unknown>): R[] => [
  ['aws_iam_role', 'role', { assume_role_policy: JSON.stringify({ Statement: [{ Effect: 'Allow', ...statement }] }) }],
];
const FEDERATED = { Federated: 'arn:aws:iam::111111111111:oidc-provider/issuer' };

/** Compliant and violating fixtures by rule id. */
export const RULE_FIXTURES: Readonly<Record<string, { compliant: R[]; violating: R[] }>> = {
  'GPUP-AWS-EKS-1': {
    compliant: eks({ vpc_config: { endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] } }),
    violating: eks({ vpc_config: { endpoint_public_access: true, public_access_cidrs: ['0.0.0.0/0'] } }),
  },
  'GPUP-AWS-EKS-2': {
    compliant: eks(),
    violating: eks({ vpc_config: { endpoint_private_access: true, endpoint_public_access: true } }),
  },
  'GPUP-AWS-EKS-3': { compliant: eks(), violating: eks({ encryption_config: undefined }) },
  'GPUP-AWS-EKS-4': { compliant: eks(), violating: eks({ enabled_cluster_log_types: ['api'] }) },
  'GPUP-AWS-EKS-5': {
    compliant: eks(),
    violating: eks({ access_config: { authentication_mode: 'API_AND_CONFIG_MAP' } }),
  },
  'GPUP-AWS-EKS-6': { compliant: eks(), violating: eks().filter(([type]) => type !== 'aws_eks_addon') },
  'GPUP-AZ-AKS-1': { compliant: aks(), violating: aks({ private_cluster_enabled: false }) },
  'GPUP-AZ-AKS-2': { compliant: aks(), violating: aks({ key_management_service: undefined }) },
  'GPUP-AZ-AKS-3': { compliant: aks(), violating: aks({}, []) },
  'GPUP-AZ-AKS-4': { compliant: aks(), violating: aks({ local_account_disabled: false }) },
  'GPUP-AZ-AKS-5': { compliant: aks(), violating: aks({ network_profile: { network_plugin: 'azure' } }) },
  'GPUP-AZ-AKS-6': {
    compliant: [...aks(), ['azurerm_kubernetes_cluster_node_pool', 'gpu', AKS_POOL]],
    violating: [
      ...aks(),
      ['azurerm_kubernetes_cluster_node_pool', 'gpu', { ...AKS_POOL, host_encryption_enabled: false }],
    ],
  },
  'GPUP-K8S-1': { compliant: aks(), violating: eks({ version: '1.29' }) },
  'GPUP-AWS-NODE-1': {
    compliant: launchTemplate(),
    violating: launchTemplate({ metadata_options: { http_tokens: 'optional', http_put_response_hop_limit: 2 } }),
  },
  'GPUP-AWS-NODE-2': {
    compliant: launchTemplate(),
    violating: launchTemplate({ block_device_mappings: [{ ebs: { encrypted: 'false' } }] }),
  },
  'GPUP-AWS-NODE-3': {
    compliant: launchTemplate(),
    violating: launchTemplate({ network_interfaces: [{ associate_public_ip_address: 'true' }] }),
  },
  'GPUP-AWS-NODE-4': {
    compliant: [
      ...launchTemplate(),
      ['aws_eks_node_group', 'ng', { launch_template: { id: '${aws_launch_template.lt.id}' } }],
    ],
    violating: [['aws_eks_node_group', 'ng', { remote_access: { ec2_ssh_key: 'ops' } }]],
  },
  'GPUP-NET-1': {
    compliant: nsg({ destination_port_range: '443' }),
    violating: sg([{ protocol: 'tcp', from_port: 0, to_port: 1024, cidr_blocks: ['0.0.0.0/0'] }]),
  },
  'GPUP-NET-2': {
    compliant: sg([{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['10.0.0.0/16'] }]),
    violating: nsg({ destination_port_range: '*' }),
  },
  'GPUP-AWS-NET-1': { compliant: [VPC, FLOW_LOG, DEFAULT_SG], violating: [VPC, DEFAULT_SG] },
  'GPUP-AWS-NET-2': {
    compliant: [VPC, FLOW_LOG, DEFAULT_SG],
    violating: [
      VPC,
      FLOW_LOG,
      ['aws_default_security_group', 'default', { vpc_id: '${aws_vpc.vpc.id}', ingress: [{ self: true }] }],
    ],
  },
  'GPUP-AWS-NET-3': {
    compliant: [['aws_subnet', 'private', { map_public_ip_on_launch: false }]],
    violating: [['aws_subnet', 'public', { map_public_ip_on_launch: true }]],
  },
  'GPUP-AWS-NET-4': {
    compliant: [
      [
        'aws_network_acl_rule',
        'deny_ssh',
        { rule_action: 'deny', egress: false, protocol: 'tcp', cidr_block: '0.0.0.0/0', from_port: 22, to_port: 22 },
      ],
      [
        'aws_network_acl_rule',
        'replies',
        {
          rule_action: 'allow',
          egress: false,
          protocol: 'tcp',
          cidr_block: '0.0.0.0/0',
          from_port: 3390,
          to_port: 65535,
        },
      ],
      [
        'aws_network_acl_rule',
        'vpc',
        { rule_action: 'allow', egress: false, protocol: '-1', cidr_block: '10.0.0.0/16' },
      ],
      [
        'aws_network_acl',
        'acl',
        { ingress: [{ action: 'allow', protocol: 'tcp', cidr_block: '0.0.0.0/0', from_port: 443, to_port: 443 }] },
      ],
    ],
    violating: [
      [
        'aws_network_acl_rule',
        'replies',
        {
          rule_action: 'allow',
          egress: false,
          protocol: 'tcp',
          cidr_block: '0.0.0.0/0',
          from_port: 1024,
          to_port: 65535,
        },
      ],
      [
        'aws_network_acl',
        'acl',
        { ingress: [{ action: 'allow', protocol: '-1', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 0 }] },
      ],
    ],
  },
  'GPUP-AWS-NET-5': {
    compliant: [
      VPC,
      ['aws_default_network_acl', 'default', { default_network_acl_id: '${aws_vpc.vpc.default_network_acl_id}' }],
    ],
    violating: [
      VPC,
      [
        'aws_default_network_acl',
        'default',
        {
          default_network_acl_id: '${aws_vpc.vpc.default_network_acl_id}',
          ingress: [
            { action: 'allow', protocol: '-1', cidr_block: '0.0.0.0/0', rule_no: 100, from_port: 0, to_port: 0 },
          ],
        },
      ],
    ],
  },
  'GPUP-AZ-NET-1': {
    compliant: [
      ['azurerm_virtual_network', 'vnet', {}],
      [
        'azapi_resource',
        'flow',
        {
          type: 'Microsoft.Network/networkWatchers/flowLogs@2024-05-01',
          body: { properties: { targetResourceId: '${azurerm_virtual_network.vnet.id}' } },
        },
      ],
    ],
    violating: [['azurerm_virtual_network', 'vnet', {}]],
  },
  'GPUP-AZ-NET-2': {
    compliant: [
      ['azurerm_subnet', 'gateway', { name: 'GatewaySubnet' }],
      ['azurerm_subnet', 'nodes', { name: 'nodes' }],
      ['azurerm_subnet_network_security_group_association', 'a', { subnet_id: '${azurerm_subnet.nodes.id}' }],
    ],
    violating: [['azurerm_subnet', 'nodes', { name: 'nodes' }]],
  },
  'GPUP-AWS-S3-1': {
    compliant: [BUCKET, bucketPart('aws_s3_bucket_public_access_block', PUBLIC_ACCESS_BLOCK)],
    violating: [
      BUCKET,
      bucketPart('aws_s3_bucket_public_access_block', { ...PUBLIC_ACCESS_BLOCK, block_public_policy: false }),
    ],
  },
  'GPUP-AWS-S3-2': {
    compliant: [BUCKET, bucketPart('aws_s3_bucket_policy', { policy: TLS_POLICY })],
    violating: [BUCKET, bucketPart('aws_s3_bucket_policy', { policy: '{"Statement":[]}' })],
  },
  'GPUP-AWS-S3-3': {
    compliant: [
      BUCKET,
      bucketPart('aws_s3_bucket_server_side_encryption_configuration', KMS_SSE),
      ['aws_s3_bucket', 'logs', PROTECTED],
      [
        'aws_s3_bucket_server_side_encryption_configuration',
        'logs-sse',
        {
          bucket: '${aws_s3_bucket.logs.id}',
          rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
        },
      ],
      bucketPart('aws_s3_bucket_logging', { target_bucket: '${aws_s3_bucket.logs.id}' }),
    ],
    violating: [
      BUCKET,
      bucketPart('aws_s3_bucket_server_side_encryption_configuration', {
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
      }),
    ],
  },
  'GPUP-AWS-S3-4': {
    compliant: [BUCKET, bucketPart('aws_s3_bucket_versioning', { versioning_configuration: { status: 'Enabled' } })],
    violating: [BUCKET, bucketPart('aws_s3_bucket_versioning', { versioning_configuration: { status: 'Suspended' } })],
  },
  'GPUP-AWS-S3-5': {
    compliant: [
      BUCKET,
      bucketPart('aws_s3_bucket_logging', { target_bucket: 'central-logs' }),
      bucketPart('aws_s3_bucket_ownership_controls', { rule: { object_ownership: 'BucketOwnerEnforced' } }),
    ],
    violating: [BUCKET, bucketPart('aws_s3_bucket_ownership_controls', { rule: { object_ownership: 'ObjectWriter' } })],
  },
  'GPUP-AZ-ST-1': { compliant: account(), violating: account({ public_network_access_enabled: true }) },
  'GPUP-AZ-ST-2': { compliant: account(), violating: account({ min_tls_version: 'TLS1_0' }) },
  'GPUP-AZ-ST-3': { compliant: account(), violating: account({ customer_managed_key: undefined }) },
  'GPUP-AZ-ST-4': { compliant: account(), violating: account({ blob_properties: { versioning_enabled: false } }) },
  'GPUP-AZ-ST-5': { compliant: account(), violating: account({ shared_access_key_enabled: true }) },
  'GPUP-AZ-ST-6': { compliant: account({}, [STORE_ENDPOINT]), violating: account() },
  'GPUP-AZ-ST-7': { compliant: account(), violating: account({ account_replication_type: 'LRS' }) },
  'GPUP-AZ-ST-8': {
    compliant: account({ immutability_policy: IMMUTABLE, account_replication_type: 'GZRS' }),
    violating: account({ immutability_policy: IMMUTABLE, account_replication_type: 'ZRS' }),
  },
  'GPUP-AWS-KMS-1': {
    compliant: [KEY],
    violating: [['aws_kms_key', 'key', { enable_key_rotation: false, deletion_window_in_days: 7 }]],
  },
  'GPUP-AZ-KV-1': {
    compliant: vaultKey(),
    violating: [['azurerm_key_vault', 'kv', { ...VAULT, purge_protection_enabled: false }]],
  },
  // The first version expires only by its own expiration_date: a full rotation policy is not enough.
  'GPUP-AZ-KEY-1': { compliant: vaultKey(), violating: vaultKey({ expiration_date: undefined }) },
  'GPUP-AZ-KEY-2': { compliant: vaultKey(), violating: vaultKey({ key_type: 'RSA' }) },
  'GPUP-AWS-LOG-1': {
    compliant: [['aws_cloudwatch_log_group', 'logs', LOG_GROUP]],
    violating: [['aws_cloudwatch_log_group', 'logs', { ...LOG_GROUP, retention_in_days: 30 }]],
  },
  'GPUP-AWS-TRAIL-1': {
    compliant: [['aws_cloudtrail', 'trail', TRAIL]],
    violating: [['aws_cloudtrail', 'trail', { ...TRAIL, enable_log_file_validation: false }]],
  },
  'GPUP-AWS-SNS-1': {
    compliant: [['aws_sns_topic', 'alarms', { kms_master_key_id: '${aws_kms_key.key.arn}' }]],
    violating: [['aws_sns_topic', 'alarms', {}]],
  },
  'GPUP-AZ-LOG-1': {
    compliant: [['azurerm_log_analytics_workspace', 'logs', { retention_in_days: 365 }]],
    violating: [['azurerm_log_analytics_workspace', 'logs', { retention_in_days: 30 }]],
  },
  'GPUP-AZ-LOG-2': {
    compliant: [['azurerm_log_analytics_workspace', 'logs', { local_authentication_enabled: false }]],
    violating: [['azurerm_log_analytics_workspace', 'logs', { local_authentication_enabled: true }]],
  },
  'GPUP-AZ-LOG-3': {
    compliant: [
      ['azurerm_key_vault', 'kv', VAULT],
      [
        'azurerm_monitor_diagnostic_setting',
        'kv-audit',
        { target_resource_id: '${azurerm_key_vault.kv.id}', enabled_log: [{ category_group: 'audit' }] },
      ],
    ],
    violating: [['azurerm_key_vault', 'kv', VAULT]],
  },
  'GPUP-AWS-IAM-1': {
    compliant: rolePolicy({ Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::models/*' }),
    violating: rolePolicy({ Action: 's3:*', Resource: 'arn:aws:s3:::models/*' }),
  },
  'GPUP-AWS-IAM-2': {
    compliant: rolePolicy({ Action: ['ec2:DescribeInstances'], Resource: '*' }),
    violating: rolePolicy({ Action: ['s3:GetObject'], Resource: '*' }),
  },
  'GPUP-AWS-IAM-3': {
    compliant: [
      [
        'aws_iam_role_policy_attachment',
        'a',
        { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy' },
      ],
    ],
    violating: [
      ['aws_iam_role_policy_attachment', 'a', { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
    ],
  },
  'GPUP-AWS-IAM-4': {
    compliant: trust({
      Principal: FEDERATED,
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'issuer:sub': 'system:serviceaccount:ns:sa' } },
    }),
    violating: trust({ Principal: FEDERATED, Action: 'sts:AssumeRoleWithWebIdentity' }),
  },
  'GPUP-TAG-1': {
    compliant: [['aws_vpc', 'vpc', { tags: TAGS }]],
    violating: [['aws_vpc', 'vpc', { tags: { owner: 'o' } }]],
  },
  'GPUP-DATA-1': { compliant: [KEY], violating: [['aws_kms_key', 'key', { enable_key_rotation: true }]] },
};
