/**
 * Region parity beyond the clusters: what an AWS region and an Azure region of one environment
 * built for networking, logging and audit, read from their synthesized stacks and compared in
 * cloud-neutral terms. Pure: stacks in, descriptions and differences out.
 */
import type { ParityDifference } from '../cloud-neutral/parity';
import { block, resourcesOfType, type Attributes, type StackJson } from '../shared/stack-json';

/** What a region built, in terms both clouds share. */
export interface RegionDescription {
  /** The network's address space (`10.110.0.0/16`): shown, not compared (each region has its own). */
  readonly addressSpace: string | undefined;
  /** Availability zones the cluster's network spans. */
  readonly zones: number;
  /** Private subnets reach the internet through NAT. */
  readonly natEgress: boolean;
  /** Every flow of the network is logged. */
  readonly flowLogs: boolean;
  /** The region's model store is reached without leaving the network (gateway or private endpoint). */
  readonly privateStoreAccess: boolean;
  /** Days operational logs are kept. */
  readonly operationalRetentionDays: number | undefined;
  /** Days audit logs stay queryable. */
  readonly auditRetentionDays: number | undefined;
  /** Every log destination is encrypted with a customer-managed key. */
  readonly logsWithCmk: boolean;
  /**
   * How the audit archive resists change: `off`, `governance` or `compliance` (S3 Object Lock;
   * an Azure policy that is `Locked`), or `unlocked` (an Azure policy not yet locked: what
   * governance builds, and what compliance builds until it is locked, docs/deploy.md, "Locking the audit
   * archive").
   */
  readonly auditImmutability: 'off' | 'governance' | 'compliance' | 'unlocked' | undefined;
}

const values = (stack: StackJson | undefined, type: string): Attributes[] =>
  stack ? resourcesOfType(stack, type).map((r) => r.attributes) : [];

/** An AWS region: its distribution stack, and the account stack that holds the trail. */
export function describeAwsRegion(dist: StackJson, account: StackJson | undefined): RegionDescription {
  const logGroups = [...values(dist, 'aws_cloudwatch_log_group'), ...values(account, 'aws_cloudwatch_log_group')];
  const trailGroup = values(account, 'aws_cloudwatch_log_group').find((g) =>
    String(g.name).startsWith('/aws/cloudtrail/'),
  );
  const flowLogGroup = values(dist, 'aws_cloudwatch_log_group').find((g) => String(g.name).startsWith('/aws/vpc/'));
  const lock = values(account, 'aws_s3_bucket_object_lock_configuration')[0];
  const lockMode = block(block(lock?.rule)?.default_retention)?.mode;
  return {
    addressSpace: values(dist, 'aws_vpc')[0]?.cidr_block as string | undefined,
    zones: new Set(values(dist, 'aws_subnet').map((s) => s.availability_zone_id ?? s.availability_zone)).size,
    natEgress: values(dist, 'aws_nat_gateway').length > 0,
    flowLogs: values(dist, 'aws_flow_log').some((f) => f.traffic_type === 'ALL'),
    privateStoreAccess: values(dist, 'aws_vpc_endpoint').some(
      (e) => String(e.service_name).endsWith('.s3') && e.vpc_endpoint_type === 'Gateway',
    ),
    operationalRetentionDays: flowLogGroup?.retention_in_days as number | undefined,
    auditRetentionDays: trailGroup?.retention_in_days as number | undefined,
    logsWithCmk: logGroups.length > 0 && logGroups.every((g) => Boolean(g.kms_key_id)),
    auditImmutability: account
      ? lockMode
        ? (String(lockMode).toLowerCase() as 'governance' | 'compliance')
        : 'off'
      : undefined,
  };
}

/** An Azure region: its host stack. */
export function describeAzureRegion(host: StackJson): RegionDescription {
  const resources = (type: string) => resourcesOfType(host, type);
  const cluster = values(host, 'azurerm_kubernetes_cluster')[0];
  const workspace = values(host, 'azurerm_log_analytics_workspace').find((w) => !String(w.name).endsWith('-defender'));
  const auditTable = values(host, 'azurerm_log_analytics_workspace_table').find((t) => t.name === 'AKSAudit');
  const logAccounts = resources('azurerm_storage_account').filter((a) =>
    /^(flow-log-storage|audit-archive)/.test(a.id),
  );
  const archive = logAccounts.find((a) => a.id.startsWith('audit-archive'))?.attributes;
  const state = block(archive?.immutability_policy)?.state;
  return {
    addressSpace: ((values(host, 'azurerm_virtual_network')[0]?.address_space as string[] | undefined) ?? [])[0],
    zones: ((block(cluster?.default_node_pool)?.zones as string[] | undefined) ?? []).length,
    natEgress: values(host, 'azurerm_subnet_nat_gateway_association').length > 0,
    flowLogs: values(host, 'azapi_resource').some(
      (r) =>
        String(r.type).startsWith('Microsoft.Network/networkWatchers/flowLogs@') &&
        block(r.body)?.properties !== undefined &&
        (block(r.body)!.properties as Attributes).enabled === true,
    ),
    privateStoreAccess: resources('azurerm_private_endpoint').some((e) => e.id.startsWith('model-store')),
    operationalRetentionDays: workspace?.retention_in_days as number | undefined,
    auditRetentionDays: auditTable?.retention_in_days as number | undefined,
    logsWithCmk: logAccounts.length > 0 && logAccounts.every((a) => Boolean(block(a.attributes.customer_managed_key))),
    auditImmutability: archive ? (state === 'Locked' ? 'compliance' : state ? 'unlocked' : 'off') : undefined,
  };
}

const COMPARED: readonly (keyof RegionDescription)[] = [
  'zones',
  'natEgress',
  'flowLogs',
  'privateStoreAccess',
  'operationalRetentionDays',
  'auditRetentionDays',
  'logsWithCmk',
  'auditImmutability',
];

/**
 * Whether two archives resist change alike. An unlocked Azure policy matches either S3 mode: it
 * is what governance builds, and what compliance builds until its deliberate lock.
 */
function sameImmutability(aws: RegionDescription['auditImmutability'], azure: RegionDescription['auditImmutability']) {
  return aws === azure || (azure === 'unlocked' && (aws === 'governance' || aws === 'compliance'));
}

/** The fields of two regions that differ. */
export function compareRegions(aws: RegionDescription, azure: RegionDescription): ParityDifference[] {
  return COMPARED.filter((f) =>
    f === 'auditImmutability' ? !sameImmutability(aws[f], azure[f]) : aws[f] !== azure[f],
  ).map((field) => ({ field, aws: aws[field], azure: azure[field] }));
}

/**
 * Whether AWS trusts the AKS workloads config federates: the account stack has an IAM OIDC
 * provider for the primary AKS issuer and a role trusting it through web identity.
 */
export function federationInPlace(account: StackJson): boolean {
  const providers = resourcesOfType(account, 'aws_iam_openid_connect_provider').filter((p) =>
    String(p.attributes.url).includes('oidc_issuer_url'),
  );
  const roles = resourcesOfType(account, 'aws_iam_role');
  return providers.length > 0 && roles.some((r) => String(r.id).startsWith('federated-'));
}
