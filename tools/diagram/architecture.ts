/**
 * What the synthesized stacks of an environment build, in the terms the architecture diagram
 * draws: each cloud's regions and networks, clusters and their pools, model stores and audit
 * sinks; the site-to-site link and its tunnels; and the federation that carries models from
 * Azure to AWS. Read from the stacks' JSON by following the references Terraform follows, never
 * from config, so the diagram shows what would be deployed. Pure: stacks in, a model out.
 */
import type { Cloud } from '../../constructs/cloud-neutral/gpu-catalog';
import { aksNodePools, eksNodeGroups, type SynthesizedPool } from '../../constructs/checks/node-pools';
import { parseStackName } from '../../constructs/cloud-neutral/naming';
import {
  block,
  awsProviderRegion,
  policyStatements,
  reference,
  referencedAddress,
  referencedResource,
  resourceAt,
  resourcesOfType,
  type StackJson,
  type StackResource,
} from '../../constructs/shared/stack-json';

/** A node pool as synthesized: an EKS managed node group or an AKS node pool. */
export interface PoolModel {
  readonly name: string;
  /** Instance type or VM size (several instance types joined with `, `). */
  readonly sku: string;
  /** `gpu` for a pool labelled with a GPU model, `system` for the others (the cluster's system pool). */
  readonly role: 'system' | 'gpu';
  /** The GPU model label (`h100`), for a GPU pool. */
  readonly gpuModel?: string;
  /** How a GPU pool's nodes are bought, as the stacks write it (`on-demand`, `spot`, `capacity-block`...). */
  readonly capacity?: string;
  readonly minNodes: number;
  readonly maxNodes: number;
}

/** A Kubernetes cluster and its pools, system pool first, then by name. */
export interface ClusterModel {
  readonly kind: 'EKS' | 'AKS';
  readonly name: string;
  readonly version: string;
  readonly pools: readonly PoolModel[];
}

/** A model store: an Azure storage container or an S3 bucket. */
export interface StoreModel {
  readonly kind: 'container' | 'bucket';
  readonly name: string;
  /** Where a container lives: its storage account. */
  readonly account?: string;
}

/** A destination of audit logs in a region: a Log Analytics workspace or an archive account. */
export interface AuditSinkModel {
  readonly kind: 'log-analytics' | 'archive';
  readonly name: string;
  /** What sends to it (`AKS`, `Key Vault`, `Activity Log`, `storage`), sorted. */
  readonly sources: readonly string[];
  /** Retention or immutability, as the stack sets it (`365 d`, `immutable 2556 d, Unlocked`). */
  readonly detail?: string;
}

/** One cloud region of an environment: its stack, network, cluster, stores and audit sinks. */
export interface RegionModel {
  readonly cloud: Cloud;
  readonly region: string;
  readonly stack: string;
  readonly network: { readonly kind: 'VPC' | 'VNet'; readonly name: string; readonly cidrs: readonly string[] };
  readonly cluster?: ClusterModel;
  readonly stores: readonly StoreModel[];
  readonly auditSinks: readonly AuditSinkModel[];
}

/** The AWS account's trail and the bucket it delivers to. */
export interface TrailModel {
  readonly name: string;
  readonly multiRegion: boolean;
  readonly bucket: string;
  /** The bucket's Object Lock mode and days (`COMPLIANCE 2556 d`), when locked. */
  readonly lock?: string;
}

/** One IPsec tunnel: an AWS VPN connection's tunnel and the Azure connection that uses it. */
export interface TunnelModel {
  /** 1 or 2: the tunnel of the AWS VPN connection. */
  readonly index: number;
  readonly insideCidr: string;
  /** The Azure virtual network gateway connection to this tunnel, when the stack has one. */
  readonly azureConnection?: string;
}

/** An AWS VPN connection: the customer gateway (an Azure public IP) and its tunnels. */
export interface VpnConnectionModel {
  /** Position among the link's VPN connections, from 1. */
  readonly number: number;
  readonly customerGatewayAsn: string;
  /** The Azure public IP the customer gateway points at, when it references one. */
  readonly azurePublicIp?: string;
  readonly tunnels: readonly TunnelModel[];
}

/** The site-to-site link between the first Azure and the first AWS region. */
export interface LinkModel {
  readonly stack: string;
  readonly azureGateway: {
    readonly name: string;
    readonly sku: string;
    readonly asn: string;
    readonly activeActive: boolean;
    /** The region of the host stack whose GatewaySubnet it sits in. */
    readonly region?: string;
  };
  readonly awsGateway: {
    readonly asn: string;
    /** The region of the distribution stack whose VPC it attaches to. */
    readonly region?: string;
  };
  readonly connections: readonly VpnConnectionModel[];
}

/** What a federated role may do to a bucket in a region. */
export interface GrantModel {
  readonly region: string;
  readonly bucket: string;
  /** S3 actions, sorted. */
  readonly actions: readonly string[];
}

/** An Azure workload identity of a service account AWS trusts, and what it reads on Azure. */
export interface FederatedIdentityModel {
  readonly name: string;
  readonly region: string;
  readonly subject: string;
  /** Containers it has a role on, as `{ container, role }`. */
  readonly reads: readonly { readonly container: string; readonly role: string }[];
}

/** An IAM role that trusts an AKS cluster's OIDC issuer, and whom and what it serves. */
export interface FederationModel {
  readonly role: string;
  /** The AKS cluster whose issuer the role's OIDC provider trusts, and its region. */
  readonly issuer: { readonly cluster: string; readonly region: string };
  /** Service accounts (`system:serviceaccount:ns:name`) the trust admits, sorted. */
  readonly subjects: readonly string[];
  readonly identities: readonly FederatedIdentityModel[];
  readonly grants: readonly GrantModel[];
}

/** One environment as its stacks build it. */
export interface ArchitectureModel {
  readonly environment: string;
  /** The environment's stacks, by name. */
  readonly stacks: readonly string[];
  /** Regions by cloud (Azure first: it hosts), each by region name. */
  readonly regions: readonly RegionModel[];
  readonly account?: { readonly stack: string; readonly trail?: TrailModel };
  readonly link?: LinkModel;
  readonly federations: readonly FederationModel[];
}

type Stacks = ReadonlyMap<string, StackJson>;

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** The resource a value references in the same stack, when it is of `type`. */
function sameStackReference(stack: StackJson, value: unknown, type: string): StackResource | undefined {
  const resource = resourceAt(stack, referencedAddress(value));
  return resource?.type === type ? resource : undefined;
}

/**
 * A pool as the diagram draws it, from the reader the capacity ledger uses too. Capacity is shown
 * for GPU pools; a system pool is always on-demand.
 */
function poolModel(p: SynthesizedPool): PoolModel {
  return {
    name: p.name,
    sku: p.sku,
    role: p.role,
    ...(p.gpuModel ? { gpuModel: p.gpuModel } : {}),
    ...(p.role === 'gpu' ? { capacity: p.capacity } : {}),
    minNodes: p.nodes.min,
    maxNodes: p.nodes.max,
  };
}

/** A cluster's pools, system pool first, then the others by name. */
function clusterPools(pools: readonly SynthesizedPool[], cluster: string): PoolModel[] {
  return pools
    .filter((p) => p.cluster === cluster)
    .map(poolModel)
    .sort((a, b) => Number(b.role === 'system') - Number(a.role === 'system') || byName(a, b));
}

function aksCluster(stack: StackJson): ClusterModel | undefined {
  const cluster = resourcesOfType(stack, 'azurerm_kubernetes_cluster')[0];
  if (!cluster) return undefined;
  return {
    kind: 'AKS',
    name: text(cluster.attributes.name),
    version: text(cluster.attributes.kubernetes_version),
    pools: clusterPools(aksNodePools(stack), cluster.address),
  };
}

function eksCluster(stack: StackJson): ClusterModel | undefined {
  const cluster = resourcesOfType(stack, 'aws_eks_cluster')[0];
  if (!cluster) return undefined;
  return {
    kind: 'EKS',
    name: text(cluster.attributes.name),
    version: text(cluster.attributes.version),
    pools: clusterPools(eksNodeGroups(stack), cluster.address),
  };
}

/** Azure: what a diagnostic setting's target is, in a word. */
function diagnosticSource(target: unknown): string {
  if (/^\/subscriptions\/[^/]+$/.test(text(target))) return 'Activity Log';
  const type = referencedAddress(target)?.split('.')[0];
  const known: Record<string, string> = {
    azurerm_kubernetes_cluster: 'AKS',
    azurerm_key_vault: 'Key Vault',
    azurerm_storage_account: 'storage',
  };
  return (type && known[type]) ?? (type || 'other');
}

/** Azure: the workspaces and storage accounts diagnostic settings send to, with what sends. */
function azureAuditSinks(stack: StackJson): AuditSinkModel[] {
  const settings = resourcesOfType(stack, 'azurerm_monitor_diagnostic_setting').map((s) => s.attributes);
  const sinks = (attribute: string, type: string) =>
    resourcesOfType(stack, type)
      .map((sink) => ({
        sink,
        sources: sorted(
          settings
            .filter((s) => referencedAddress(s[attribute]) === sink.address)
            .map((s) => diagnosticSource(s.target_resource_id)),
        ),
      }))
      .filter(({ sources }) => sources.length > 0);
  const workspaces = sinks('log_analytics_workspace_id', 'azurerm_log_analytics_workspace').map(
    ({ sink, sources }): AuditSinkModel => ({
      kind: 'log-analytics',
      name: text(sink.attributes.name),
      sources,
      ...(sink.attributes.retention_in_days !== undefined ? { detail: `${sink.attributes.retention_in_days} d` } : {}),
    }),
  );
  const archives = sinks('storage_account_id', 'azurerm_storage_account').map(({ sink, sources }): AuditSinkModel => {
    const policy = block(sink.attributes.immutability_policy);
    return {
      kind: 'archive',
      name: text(sink.attributes.name),
      sources,
      ...(policy ? { detail: `immutable ${policy.period_since_creation_in_days} d, ${policy.state}` } : {}),
    };
  });
  return [...workspaces.sort(byName), ...archives.sort(byName)];
}

function azureRegion(name: string, stack: StackJson): RegionModel | undefined {
  const vnet = resourcesOfType(stack, 'azurerm_virtual_network')[0]?.attributes;
  if (!vnet) return undefined;
  const stores = resourcesOfType(stack, 'azurerm_storage_container').map((c): StoreModel => {
    const account = sameStackReference(stack, c.attributes.storage_account_id, 'azurerm_storage_account');
    return {
      kind: 'container',
      name: text(c.attributes.name),
      ...(account ? { account: text(account.attributes.name) } : {}),
    };
  });
  return {
    cloud: 'azure',
    region: text(vnet.location),
    stack: name,
    network: { kind: 'VNet', name: text(vnet.name), cidrs: (vnet.address_space as string[] | undefined) ?? [] },
    cluster: aksCluster(stack),
    stores: stores.sort(byName),
    auditSinks: azureAuditSinks(stack),
  };
}

/** The region a stack's (first) AWS provider targets. */
function awsRegion(name: string, stack: StackJson): RegionModel | undefined {
  const vpc = resourcesOfType(stack, 'aws_vpc')[0];
  if (!vpc) return undefined;
  const secondary = resourcesOfType(stack, 'aws_vpc_ipv4_cidr_block_association')
    .filter((a) => referencedAddress(a.attributes.vpc_id) === vpc.address)
    .map((a) => text(a.attributes.cidr_block));
  // A bucket that receives another's access logs is a log bucket; the others hold what the region serves.
  const logTargets = new Set(
    resourcesOfType(stack, 'aws_s3_bucket_logging').map((l) => referencedAddress(l.attributes.target_bucket)),
  );
  const stores = resourcesOfType(stack, 'aws_s3_bucket')
    .filter((b) => !logTargets.has(b.address))
    .map((b): StoreModel => ({ kind: 'bucket', name: text(b.attributes.bucket) }));
  return {
    cloud: 'aws',
    region: awsProviderRegion(stack) ?? '',
    stack: name,
    network: {
      kind: 'VPC',
      name: text((vpc.attributes.tags as Record<string, string> | undefined)?.Name),
      cidrs: [text(vpc.attributes.cidr_block), ...secondary],
    },
    cluster: eksCluster(stack),
    stores: stores.sort(byName),
    auditSinks: [],
  };
}

function trail(stack: StackJson): TrailModel | undefined {
  const cloudTrail = resourcesOfType(stack, 'aws_cloudtrail')[0]?.attributes;
  if (!cloudTrail) return undefined;
  const bucket = sameStackReference(stack, cloudTrail.s3_bucket_name, 'aws_s3_bucket');
  const lock = resourcesOfType(stack, 'aws_s3_bucket_object_lock_configuration').find(
    (l) => bucket && referencedAddress(l.attributes.bucket) === bucket.address,
  );
  const retention = block(block(lock?.attributes.rule)?.default_retention);
  return {
    name: text(cloudTrail.name),
    multiRegion: cloudTrail.is_multi_region_trail === true,
    bucket: bucket ? text(bucket.attributes.bucket) : text(cloudTrail.s3_bucket_name),
    ...(retention
      ? { lock: `${retention.mode} ${retention.days !== undefined ? `${retention.days} d` : `${retention.years} y`}` }
      : {}),
  };
}

/** The region of the stack that declares what `value` references, through remote state if need be. */
function regionOf(stacks: Stacks, stack: string, value: unknown): string | undefined {
  const placed = referencedResource(stacks, stack, value);
  return placed && parseStackName(placed.stack)?.region;
}

function link(stacks: Stacks, name: string): LinkModel | undefined {
  const stack = stacks.get(name)!;
  const azureGateway = resourcesOfType(stack, 'azurerm_virtual_network_gateway')[0]?.attributes;
  const vgw = resourcesOfType(stack, 'aws_vpn_gateway')[0]?.attributes;
  if (!azureGateway || !vgw) return undefined;
  const bgp = block(azureGateway.bgp_settings) ?? {};
  const ipConfiguration = block(azureGateway.ip_configuration) ?? {};
  const localGateways = resourcesOfType(stack, 'azurerm_local_network_gateway');
  const azureConnections = resourcesOfType(stack, 'azurerm_virtual_network_gateway_connection');
  /** The Azure connection whose local network gateway points at this tunnel's outside address. */
  const azureConnectionTo = (connection: StackResource, index: number) => {
    const gateway = localGateways.find(
      (g) => text(g.attributes.gateway_address) === reference(connection, `tunnel${index}_address`),
    );
    const azure =
      gateway &&
      azureConnections.find((c) => referencedAddress(c.attributes.local_network_gateway_id) === gateway.address);
    return azure && text(azure.attributes.name);
  };
  const connections = resourcesOfType(stack, 'aws_vpn_connection').map((connection, i): VpnConnectionModel => {
    const customerGateway = sameStackReference(
      stack,
      connection.attributes.customer_gateway_id,
      'aws_customer_gateway',
    );
    const publicIp = sameStackReference(stack, customerGateway?.attributes.ip_address, 'azurerm_public_ip');
    return {
      number: i + 1,
      customerGatewayAsn: text(customerGateway?.attributes.bgp_asn),
      ...(publicIp ? { azurePublicIp: text(publicIp.attributes.name) } : {}),
      tunnels: [1, 2].map((index): TunnelModel => {
        const azureConnection = azureConnectionTo(connection, index);
        return {
          index,
          insideCidr: text(connection.attributes[`tunnel${index}_inside_cidr`]),
          ...(azureConnection ? { azureConnection } : {}),
        };
      }),
    };
  });
  const azureRegionName = regionOf(stacks, name, ipConfiguration.subnet_id);
  const awsRegionName = regionOf(stacks, name, vgw.vpc_id);
  return {
    stack: name,
    azureGateway: {
      name: text(azureGateway.name),
      sku: text(azureGateway.sku),
      asn: text(bgp.asn),
      activeActive: azureGateway.active_active === true,
      ...(azureRegionName ? { region: azureRegionName } : {}),
    },
    awsGateway: { asn: text(vgw.amazon_side_asn), ...(awsRegionName ? { region: awsRegionName } : {}) },
    connections,
  };
}

/** The Azure identities federated for `subjects` on the cluster `issuer`, with what they read. */
function federatedIdentities(
  stacks: Stacks,
  host: string,
  issuer: StackResource,
  subjects: readonly string[],
): FederatedIdentityModel[] {
  const stack = stacks.get(host)!;
  const region = parseStackName(host)?.region ?? '';
  const assignments = resourcesOfType(stack, 'azurerm_role_assignment').map((a) => a.attributes);
  return resourcesOfType(stack, 'azurerm_federated_identity_credential')
    .filter(
      (c) => referencedAddress(c.attributes.issuer) === issuer.address && subjects.includes(text(c.attributes.subject)),
    )
    .flatMap((credential) => {
      const identity = sameStackReference(stack, credential.attributes.parent_id, 'azurerm_user_assigned_identity');
      if (!identity) return [];
      const reads = assignments
        .filter((a) => referencedAddress(a.principal_id) === identity.address)
        .flatMap((a) => {
          const container = sameStackReference(stack, a.scope, 'azurerm_storage_container');
          return container ? [{ container: text(container.attributes.name), role: text(a.role_definition_name) }] : [];
        })
        .sort((a, b) => a.container.localeCompare(b.container) || a.role.localeCompare(b.role));
      return [{ name: text(identity.attributes.name), region, subject: text(credential.attributes.subject), reads }];
    })
    .sort(byName);
}

/**
 * What a role's inline policies grant on each region's buckets. The policies sit beside the role
 * (in the account stack, naming each bucket by ARN, since the buckets are created later) or in a
 * distribution stack (referencing its bucket); both are read.
 */
function grants(stacks: Stacks, distributions: readonly string[], role: { stack: string; address: string }) {
  // Every distribution bucket by name, with its region.
  const buckets = new Map<string, string>();
  for (const name of distributions) {
    const stack = stacks.get(name)!;
    const region = awsProviderRegion(stack) ?? '';
    for (const bucket of resourcesOfType(stack, 'aws_s3_bucket')) buckets.set(text(bucket.attributes.bucket), region);
  }
  const bucketOf = (stack: StackJson, resource: string): string | undefined => {
    const referenced = sameStackReference(stack, resource, 'aws_s3_bucket');
    if (referenced) return text(referenced.attributes.bucket);
    const byArn = /^arn:[\w-]+:s3:::([^/]+)/.exec(resource)?.[1];
    return byArn !== undefined && buckets.has(byArn) ? byArn : undefined;
  };
  const byBucket = new Map<string, Set<string>>();
  for (const name of [role.stack, ...distributions]) {
    const stack = stacks.get(name)!;
    for (const policy of resourcesOfType(stack, 'aws_iam_role_policy')) {
      const target = referencedResource(stacks, name, policy.attributes.role);
      if (target?.stack !== role.stack || target.resource.address !== role.address) continue;
      for (const statement of policyStatements(stack, policy.attributes.policy) ?? []) {
        if (statement.effect !== 'Allow') continue;
        for (const resource of statement.resources) {
          const bucket = bucketOf(stack, resource);
          if (bucket === undefined) continue;
          const actions = byBucket.get(bucket) ?? new Set<string>();
          statement.actions.filter((a) => a.startsWith('s3:')).forEach((a) => actions.add(a));
          byBucket.set(bucket, actions);
        }
      }
    }
  }
  return [...byBucket]
    .map(([bucket, actions]): GrantModel => ({
      region: buckets.get(bucket) ?? '',
      bucket,
      actions: sorted(actions),
    }))
    .sort((a, b) => a.region.localeCompare(b.region) || a.bucket.localeCompare(b.bucket));
}

/**
 * The account's federations: every IAM role whose trust admits web identities from an OIDC
 * provider for an AKS issuer (a cross-stack reference to a host stack's cluster).
 */
function federations(stacks: Stacks, account: string, distributions: readonly string[]): FederationModel[] {
  const stack = stacks.get(account)!;
  return resourcesOfType(stack, 'aws_iam_openid_connect_provider').flatMap((provider) => {
    const issuer = referencedResource(stacks, account, provider.attributes.url);
    if (issuer?.resource.type !== 'azurerm_kubernetes_cluster') return [];
    const providerArn = reference(provider, 'arn');
    return resourcesOfType(stack, 'aws_iam_role')
      .flatMap((role) => {
        const trust = (policyStatements(stack, role.attributes.assume_role_policy) ?? []).filter((s) =>
          (s.principals.Federated ?? []).includes(providerArn),
        );
        if (trust.length === 0) return [];
        const subjects = sorted(
          trust.flatMap((s) => s.conditions.filter((c) => c.variable.endsWith(':sub')).flatMap((c) => c.values)),
        );
        return [
          {
            role: text(role.attributes.name),
            issuer: {
              cluster: text(issuer.resource.attributes.name),
              region: parseStackName(issuer.stack)?.region ?? '',
            },
            subjects,
            identities: federatedIdentities(stacks, issuer.stack, issuer.resource, subjects),
            grants: grants(stacks, distributions, { stack: account, address: role.address }),
          },
        ];
      })
      .sort((a, b) => a.role.localeCompare(b.role));
  });
}

/** Every environment the stacks hold, by name, each read into its model. */
export function architectureModels(stacks: Stacks): ArchitectureModel[] {
  const byEnvironment = new Map<string, string[]>();
  for (const name of [...stacks.keys()].sort()) {
    const parts = parseStackName(name);
    if (parts) byEnvironment.set(parts.environment, [...(byEnvironment.get(parts.environment) ?? []), name]);
  }
  return [...byEnvironment]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([environment, names]) => {
      const of = (kind: string) => names.filter((n) => parseStackName(n)!.kind === kind);
      const hosts = of('azure-host').flatMap((n) => azureRegion(n, stacks.get(n)!) ?? []);
      const distributions = of('aws-dist');
      const awsRegions = distributions.flatMap((n) => awsRegion(n, stacks.get(n)!) ?? []);
      const [account] = of('aws-account');
      const [linkStack] = of('link');
      const byRegion = (a: RegionModel, b: RegionModel) => a.region.localeCompare(b.region);
      const trailModel = account ? trail(stacks.get(account)!) : undefined;
      const linkModel = linkStack ? link(stacks, linkStack) : undefined;
      return {
        environment,
        stacks: names,
        regions: [...hosts.sort(byRegion), ...awsRegions.sort(byRegion)],
        ...(account ? { account: { stack: account, ...(trailModel ? { trail: trailModel } : {}) } } : {}),
        ...(linkModel ? { link: linkModel } : {}),
        federations: account ? federations(stacks, account, distributions) : [],
      };
    });
}
