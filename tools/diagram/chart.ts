/**
 * An environment's architecture model drawn as a Mermaid flowchart: Azure on the left, the link
 * in the middle, AWS on the right; a subgraph per cloud and region, the cluster a subgraph of
 * its pools. Ids derive from cloud, region and name, and everything is listed in the model's
 * order, so the same stacks always give the same text. Pure.
 */
import type { Cloud } from '../../constructs/cloud-neutral/gpu-catalog';
import type {
  ArchitectureModel,
  AuditSinkModel,
  ClusterModel,
  FederationModel,
  LinkModel,
  PoolModel,
  RegionModel,
  StoreModel,
} from './architecture';
import { mermaidId, type MermaidEdge, type MermaidFlowchart, type MermaidNode, type MermaidSubgraph } from './mermaid';

const PREFIX: Record<Cloud, string> = { azure: 'az', aws: 'aws' };
const TITLE: Record<Cloud, string> = { azure: 'Azure', aws: 'AWS' };

/** Node ids, one scheme for every part, so edges and nodes agree. */
export const ids = {
  region: (cloud: Cloud, region: string) => mermaidId(PREFIX[cloud], region),
  network: (cloud: Cloud, region: string) => mermaidId(PREFIX[cloud], region, 'network'),
  cluster: (cloud: Cloud, region: string) => mermaidId(PREFIX[cloud], region, 'cluster'),
  pool: (cloud: Cloud, region: string, pool: string) => mermaidId(PREFIX[cloud], region, 'pool', pool),
  store: (cloud: Cloud, region: string, store: StoreModel) =>
    mermaidId(PREFIX[cloud], region, 'store', store.account ?? '', store.name),
  audit: (cloud: Cloud, region: string, sink: AuditSinkModel) =>
    mermaidId(PREFIX[cloud], region, 'audit', sink.kind, sink.name),
  identity: (region: string, name: string) => mermaidId('az', region, 'identity', name),
  oidc: (cluster: string) => mermaidId('aws_account', 'oidc', cluster),
  role: (role: string) => mermaidId('aws_account', 'role', role),
  trail: 'aws_account_trail',
  trailBucket: 'aws_account_trail_bucket',
  azureGateway: 'link_azure_gateway',
  awsGateway: 'link_aws_gateway',
  vpn: (n: number) => mermaidId('link', 'vpn', String(n)),
};

/** `2–12`: the node range a pool scales in. */
export const nodeRange = (pool: PoolModel) => `${pool.minNodes}–${pool.maxNodes}`;

function poolNode(cloud: Cloud, region: string, pool: PoolModel): MermaidNode {
  const kind = { system: 'system pool', gpu: 'GPU pool', other: 'pool' }[pool.role];
  return {
    id: ids.pool(cloud, region, pool.name),
    shape: 'box',
    lines: [
      `${kind} ${pool.name}`,
      [pool.sku, pool.gpuModel].filter(Boolean).join(' · '),
      [`nodes ${nodeRange(pool)}`, pool.capacity].filter(Boolean).join(' · '),
    ],
  };
}

function clusterSubgraph(cloud: Cloud, region: string, cluster: ClusterModel): MermaidSubgraph {
  return {
    id: ids.cluster(cloud, region),
    title: `${cluster.kind} ${cluster.name} · Kubernetes ${cluster.version}`,
    nodes: cluster.pools.map((p) => poolNode(cloud, region, p)),
    subgraphs: [],
  };
}

function storeNode(cloud: Cloud, region: string, store: StoreModel): MermaidNode {
  return {
    id: ids.store(cloud, region, store),
    shape: 'store',
    lines:
      store.kind === 'container'
        ? [`model store: container ${store.name}`, ...(store.account ? [`storage account ${store.account}`] : [])]
        : [`model store: S3 ${store.name}`],
  };
}

function auditNode(cloud: Cloud, region: string, sink: AuditSinkModel): MermaidNode {
  return {
    id: ids.audit(cloud, region, sink),
    shape: 'store',
    lines: [
      `${sink.kind === 'log-analytics' ? 'Log Analytics' : 'audit archive'} ${sink.name}`,
      ...(sink.detail ? [sink.detail] : []),
      `from ${sink.sources.join(', ')}`,
    ],
  };
}

/** `system:serviceaccount:ns:name` as `ns/name`; any other subject as written. */
export function serviceAccount(subject: string): string {
  const match = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(subject);
  return match ? `${match[1]}/${match[2]}` : subject;
}

function identityNodes(federations: readonly FederationModel[], region: string): MermaidNode[] {
  const identities = federations.flatMap((f) => f.identities).filter((i) => i.region === region);
  const unique = [...new Map(identities.map((i) => [i.name, i])).values()];
  return unique.map((i) => ({
    id: ids.identity(region, i.name),
    shape: 'round',
    lines: [`workload identity ${i.name}`, `service account ${serviceAccount(i.subject)}`],
  }));
}

function regionSubgraph(region: RegionModel, federations: readonly FederationModel[]): MermaidSubgraph {
  const { cloud } = region;
  return {
    id: ids.region(cloud, region.region),
    title: `${region.region} · ${region.stack}`,
    nodes: [
      {
        id: ids.network(cloud, region.region),
        shape: 'box',
        lines: [`${region.network.kind} ${region.network.name}`, region.network.cidrs.join(', ')],
      },
      ...region.stores.map((s) => storeNode(cloud, region.region, s)),
      ...(cloud === 'azure' ? identityNodes(federations, region.region) : []),
      ...region.auditSinks.map((s) => auditNode(cloud, region.region, s)),
    ],
    subgraphs: region.cluster ? [clusterSubgraph(cloud, region.region, region.cluster)] : [],
  };
}

/** The AWS account's global part: the trail and its bucket, and the roles AKS workloads assume. */
function accountSubgraph(model: ArchitectureModel): MermaidSubgraph | undefined {
  if (!model.account) return undefined;
  const { trail } = model.account;
  const clusters = [...new Set(model.federations.map((f) => f.issuer.cluster))];
  return {
    id: 'aws_account',
    title: `account-wide · ${model.account.stack}`,
    nodes: [
      ...(trail
        ? [
            {
              id: ids.trail,
              shape: 'box' as const,
              lines: [`CloudTrail ${trail.name}`, trail.multiRegion ? 'every region' : 'one region'],
            },
            {
              id: ids.trailBucket,
              shape: 'store' as const,
              lines: [`audit bucket ${trail.bucket}`, ...(trail.lock ? [`Object Lock ${trail.lock}`] : [])],
            },
          ]
        : []),
      ...clusters.map((cluster) => ({
        id: ids.oidc(cluster),
        shape: 'box' as const,
        lines: ['IAM OIDC provider', `issuer of AKS ${cluster}`],
      })),
      ...model.federations.map((f) => ({ id: ids.role(f.role), shape: 'box' as const, lines: [`IAM role ${f.role}`] })),
    ],
    subgraphs: [],
  };
}

function linkSubgraph(link: LinkModel): MermaidSubgraph {
  const { azureGateway: azure, awsGateway: aws } = link;
  return {
    id: 'link',
    title: `site-to-site VPN · ${link.stack}`,
    nodes: [
      {
        id: ids.azureGateway,
        shape: 'box',
        lines: [
          `Azure VPN gateway ${azure.name}`,
          [azure.sku, azure.activeActive ? 'active-active' : 'active-standby', `ASN ${azure.asn}`].join(' · '),
        ],
      },
      ...link.connections.map((c) => ({
        id: ids.vpn(c.number),
        shape: 'box' as const,
        lines: [
          `AWS VPN connection ${c.number}`,
          `customer gateway ASN ${c.customerGatewayAsn}${c.azurePublicIp ? ` at ${c.azurePublicIp}` : ''}`,
        ],
      })),
      { id: ids.awsGateway, shape: 'box', lines: ['AWS virtual private gateway', `ASN ${aws.asn}`] },
    ],
    subgraphs: [],
  };
}

function linkEdges(link: LinkModel): MermaidEdge[] {
  return [
    ...(link.azureGateway.region
      ? [
          {
            from: ids.network('azure', link.azureGateway.region),
            to: ids.azureGateway,
            stroke: 'dotted' as const,
            arrows: 'none' as const,
            label: 'GatewaySubnet',
          },
        ]
      : []),
    ...link.connections.flatMap((c) => [
      ...c.tunnels.map((t): MermaidEdge => ({
        from: ids.azureGateway,
        to: ids.vpn(c.number),
        stroke: 'thick',
        arrows: 'both',
        label: `${t.azureConnection ?? `tunnel ${t.index}`} · ${t.insideCidr}`,
      })),
      { from: ids.vpn(c.number), to: ids.awsGateway, stroke: 'solid' as const, arrows: 'none' as const },
    ]),
    ...(link.awsGateway.region
      ? [
          {
            from: ids.awsGateway,
            to: ids.network('aws', link.awsGateway.region),
            stroke: 'dotted' as const,
            arrows: 'none' as const,
            label: 'attached, routes propagated',
          },
        ]
      : []),
  ];
}

/** The model path: container to the Azure identity that reads it, to the role it assumes, to each region's bucket. */
function federationEdges(model: ArchitectureModel): MermaidEdge[] {
  const stores = new Map(
    model.regions.flatMap((r) =>
      r.stores.map((s) => [`${r.cloud} ${r.region} ${s.name}`, ids.store(r.cloud, r.region, s)]),
    ),
  );
  return model.federations.flatMap((f) => [
    ...f.identities.flatMap((i) => [
      ...i.reads.flatMap((read): MermaidEdge[] => {
        const store = stores.get(`azure ${i.region} ${read.container}`);
        return store ? [{ from: store, to: ids.identity(i.region, i.name), stroke: 'solid', label: read.role }] : [];
      }),
      {
        from: ids.identity(i.region, i.name),
        to: ids.oidc(f.issuer.cluster),
        stroke: 'dotted' as const,
        label: 'web identity token',
      },
    ]),
    {
      from: ids.oidc(f.issuer.cluster),
      to: ids.role(f.role),
      stroke: 'dotted' as const,
      label: 'AssumeRoleWithWebIdentity',
    },
    ...f.grants.flatMap((g): MermaidEdge[] => {
      const store = stores.get(`aws ${g.region} ${g.bucket}`);
      return store ? [{ from: ids.role(f.role), to: store, stroke: 'solid', label: g.actions.join(', ') }] : [];
    }),
  ]);
}

function cloudSubgraph(cloud: Cloud, model: ArchitectureModel, extra: MermaidSubgraph[]): MermaidSubgraph {
  return {
    id: cloud,
    title: TITLE[cloud],
    direction: 'TB',
    nodes: [],
    subgraphs: [
      ...extra,
      ...model.regions.filter((r) => r.cloud === cloud).map((r) => regionSubgraph(r, model.federations)),
    ],
  };
}

/** The whole environment as a flowchart. */
export function architectureChart(model: ArchitectureModel): MermaidFlowchart {
  const account = accountSubgraph(model);
  return {
    direction: 'LR',
    nodes: [],
    subgraphs: [
      cloudSubgraph('azure', model, []),
      ...(model.link ? [linkSubgraph(model.link)] : []),
      cloudSubgraph('aws', model, account ? [account] : []),
    ],
    edges: [
      ...(model.link ? linkEdges(model.link) : []),
      ...federationEdges(model),
      ...(model.account?.trail
        ? [{ from: ids.trail, to: ids.trailBucket, stroke: 'solid' as const, label: 'delivers' }]
        : []),
    ],
  };
}
