/**
 * The platform config schema: the single source of truth for the config's TypeScript types and
 * for its runtime validation.
 *
 * Shape (types, required fields) and value rules (CIDRs, names, ranges, the GPU catalog) are
 * both expressed here. Value rules are non-aborting zod checks, so one parse reports every
 * problem at once, each with its config path; `config/load.ts` turns them into one error.
 */
import { z } from 'zod';
import { cidrContains, cidrsOverlap, formatCidr, parseCidr, type Ipv4Cidr } from '../constructs/cloud-neutral/cidr';
import { SIGNING_CURVES } from '../constructs/cloud-neutral/model-signing';
import {
  CLOUDS,
  GPU_MODEL_IDS,
  type Cloud,
  type GpuModelId,
  type GpuOffering,
  cloudsOffering,
  compareKubernetesVersions,
  cpuArchitecture,
  gpusPerNodeChoices,
  gpuModel,
  isGpuModelId,
  isRackScale,
  nearestDomainCounts,
  nvlinkDomainNodes,
  resolveGpuOffering,
  supportStatus,
} from '../constructs/cloud-neutral/gpu-catalog';
import {
  KEY_VAULT_NAME_PATTERN,
  KEY_VAULT_NAME_RULE,
  aksRotationName,
  NAME_PART_PATTERN,
  NAME_PART_RULE,
  S3_BUCKET_NAME_PATTERN,
  S3_BUCKET_NAME_RULE,
  STORAGE_ACCOUNT_NAME_PATTERN,
  STORAGE_ACCOUNT_NAME_RULE,
} from '../constructs/cloud-neutral/naming';
import { ALARM_DELAY_MINUTES } from '../constructs/cloud-neutral/link-health';
import { IMMUTABILITY_MODES } from '../constructs/cloud-neutral/logging';
import {
  ALLOWED_ARCHIVE_DAYS,
  ALLOWED_AUDIT_RETENTION_DAYS,
  ALLOWED_RETENTION_DAYS,
  ARCHIVE_DAYS_RULE,
} from '../constructs/cloud-neutral/retention';
import { poolGpusPerNode } from '../constructs/cloud-neutral/gpu-pool';
import { awsZoneProblem, isAwsZoneId } from '../constructs/cloud-neutral/zones';
import { awsRegionProblem, azureGzrsProblem } from '../constructs/cloud-neutral/cloud-facts';
import {
  cloudFactsChecked,
  offeringFindings,
  placementFindings,
  poolRegions,
  regionFindings,
  type EnvironmentShape as CloudEnvironmentShape,
} from './cloud-checks';
import { ACCESS_MODES, STORES, STORE_KINDS, crossCloudSupported } from '../constructs/cloud-neutral/workload-identity';
import {
  AWS_SUBNET_LAYOUT,
  AZURE_SUBNET_LAYOUT,
  planSubnets,
  type SubnetLayout,
} from '../constructs/cloud-neutral/subnet-plan';
import { formatPath } from './config-path';

const nonEmpty = z.string().min(1, 'must not be empty');

function matching(pattern: RegExp, rule: string) {
  return z.string().regex(pattern, `must be ${rule}`);
}

const cidr = z.string().superRefine((text, ctx) => {
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: `${parsed}` });
});

/** CIDRs allowed to reach a public API endpoint: never the whole internet. */
const publicAccessCidrs = z.array(
  cidr.refine((text) => !text.endsWith('/0'), {
    message: 'must not open the API to the whole internet; list your networks',
  }),
);

const awsAccountId = matching(/^\d{12}$/, 'a 12-digit AWS account id');
const uuid = matching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a lowercase GUID');

/** Private 16-bit ASNs (RFC 6996), less the ones Azure reserves for its own gateways. */
const AZURE_RESERVED_ASNS = [65515, 65517, 65518, 65519, 65520];
const privateAsn = z
  .number()
  .int()
  .min(64512, 'must be a private ASN, 64512-65534')
  .max(65534, 'must be a private ASN, 64512-65534')
  .refine((asn) => !AZURE_RESERVED_ASNS.includes(asn), {
    message: `must not be one Azure reserves (${AZURE_RESERVED_ASNS.join(', ')})`,
  });

/** RFC 1918 private ranges, and RFC 6598 shared address space (carrier-grade NAT). */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((r) => parseCidr(r) as Ipv4Cidr);
const SHARED_ADDRESS_SPACE = parseCidr('100.64.0.0/10') as Ipv4Cidr;

/** A network's range must be private: RFC 1918, or 100.64.0.0/10 with a reason. */
function rejectPublicRange(network: { cidr: string; sharedAddressSpaceReason?: string }, ctx: z.RefinementCtx): void {
  const parsed = parseCidr(network.cidr);
  if (typeof parsed === 'string') return;
  const shared = cidrContains(SHARED_ADDRESS_SPACE, parsed);
  if (shared && network.sharedAddressSpaceReason === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['cidr'],
      message:
        'is in 100.64.0.0/10, the shared address space of RFC 6598 (carrier-grade NAT): use an RFC 1918 range, or say why in sharedAddressSpaceReason',
    });
  else if (!shared && !PRIVATE_RANGES.some((range) => cidrContains(range, parsed)))
    ctx.addIssue({
      code: 'custom',
      path: ['cidr'],
      message:
        'is not a private range: the networks are joined by VPN and reached through private endpoints, so they must lie in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918), or 100.64.0.0/10 with sharedAddressSpaceReason',
    });
  if (!shared && network.sharedAddressSpaceReason !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['sharedAddressSpaceReason'],
      message: 'applies only to a cidr in 100.64.0.0/10; remove it',
    });
}

const regionNetwork = (regionPattern: RegExp, regionRule: string, zoneRule: string) =>
  z.strictObject({
    region: matching(regionPattern, regionRule).meta({
      description: 'The cloud region, for example `us-east-1` or `eastus2`.',
    }),
    cidr: cidr.meta({
      description:
        "The region's network: private (RFC 1918, or 100.64.0.0/10 with `sharedAddressSpaceReason`), disjoint from every other network of the environment. The subnet plan is laid out for a /16.",
    }),
    sharedAddressSpaceReason: z
      .string()
      .trim()
      .min(10, 'must give a reason of at least 10 characters')
      .optional()
      .meta({
        description:
          'Why the network uses 100.64.0.0/10 (RFC 6598 shared address space) instead of an RFC 1918 range, in a sentence; required for such a range, refused for any other.',
      }),
    availabilityZones: z
      .array(matching(/^[a-z0-9-]+$/, zoneRule))
      .min(2, 'must list 2 or 3 zones')
      .max(3, 'must list 2 or 3 zones')
      .meta({ description: 'The availability zones nodes and subnets spread over.' }),
  });

/** A network too small for its cloud's subnet layout is reported on its `cidr`. */
function rejectUncarvableNetwork(layout: SubnetLayout) {
  return (network: { cidr: string; availabilityZones: string[] }, ctx: z.RefinementCtx) => {
    if (typeof parseCidr(network.cidr) === 'string') return;
    const plan = planSubnets(network.cidr, network.availabilityZones, layout);
    if (!plan.ok) plan.problems.forEach((message) => ctx.addIssue({ code: 'custom', path: ['cidr'], message }));
  };
}

const awsRegionNetwork = regionNetwork(
  /^[a-z]{2}(-gov)?-[a-z]+-\d$/,
  'an AWS region code such as us-east-1',
  'an availability zone ID such as use1-az4 (or a zone name such as us-east-1a)',
)
  .superRefine((network, ctx) => {
    // A region AWS does not have is reported on `region`, with the names it may have meant; zones
    // "of" it would only add noise.
    if (cloudFactsChecked() && awsRegionProblem(network.region)) return;
    network.availabilityZones.forEach((zone, i) => {
      const problem = awsZoneProblem(network.region, zone);
      if (problem) ctx.addIssue({ code: 'custom', path: ['availabilityZones', i], message: problem });
    });
    const kinds = new Set(network.availabilityZones.map(isAwsZoneId));
    if (kinds.size > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['availabilityZones'],
        message: 'must be all zone IDs or all zone names, not a mix: a zone name and an ID may be the same zone',
      });
    }
  })
  .superRefine(rejectUncarvableNetwork(AWS_SUBNET_LAYOUT))
  .superRefine(rejectPublicRange);

const azureRegionNetwork = regionNetwork(
  /^[a-z][a-z0-9]+$/,
  'an Azure region name such as eastus2',
  'a zone number "1", "2" or "3"',
)
  .superRefine((network, ctx) => {
    network.availabilityZones.forEach((zone, i) => {
      if (!['1', '2', '3'].includes(zone)) {
        ctx.addIssue({ code: 'custom', path: ['availabilityZones', i], message: 'must be "1", "2" or "3"' });
      }
    });
  })
  .superRefine(rejectUncarvableNetwork(AZURE_SUBNET_LAYOUT))
  .superRefine(rejectPublicRange);

const nodeCounts = z
  .strictObject({
    min: z.number().int().min(0, 'must be 0 or more').meta({ description: 'Fewest nodes the autoscaler keeps.' }),
    desired: z.number().int().min(0, 'must be 0 or more').meta({ description: 'Nodes at creation.' }),
    max: z.number().int().min(1, 'must be 1 or more').meta({ description: 'Most nodes the autoscaler adds.' }),
  })
  .superRefine((n, ctx) => {
    if (n.min > n.max) ctx.addIssue({ code: 'custom', path: ['min'], message: `must be <= max (${n.max})` });
    else if (n.desired < n.min || n.desired > n.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['desired'],
        message: `must lie between min (${n.min}) and max (${n.max})`,
      });
    }
  });

/** One AWS reservation target: a Capacity Reservation (or Capacity Block), or a resource group of them. */
const awsReservationTarget = {
  capacityReservationId: matching(/^cr-[0-9a-f]{8,17}$/, 'a capacity reservation id such as cr-0123456789abcdef0')
    .optional()
    .meta({
      description:
        'The On-Demand Capacity Reservation or Capacity Block to launch into. Give this or `capacityReservationResourceGroupArn`.',
    }),
  capacityReservationResourceGroupArn: matching(
    /^arn:aws[a-z-]*:resource-groups:[a-z0-9-]+:\d{12}:group\/[\w.-]+$/,
    'a resource group ARN such as arn:aws:resource-groups:us-east-1:123456789012:group/gpu-blocks',
  )
    .optional()
    .meta({ description: 'A resource group of capacity reservations to launch into, instead of one reservation.' }),
};

/** Exactly one of the targets a reservation may name. */
function oneTarget(names: readonly string[], what: string) {
  return (target: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const given = names.filter((n) => target[n] !== undefined);
    if (given.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message: `must name exactly one ${what}: ${names.join(', ')}; it names ${given.length === 0 ? 'none' : given.join(' and ')}`,
      });
  };
}

const AWS_TARGETS = ['capacityReservationId', 'capacityReservationResourceGroupArn', 'regions'] as const;
const capacityReservationGroupId = matching(
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/capacityReservationGroups\/[^/]+$/i,
  'a capacity reservation group resource id',
).meta({ description: "The resource id of the capacity reservation group the pool's VMs draw from." });

const capacity = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('on-demand').meta({ description: 'On-demand capacity: billed per hour, elastic, no commitment.' }),
  }),
  z.strictObject({
    type: z
      .literal('spot')
      .meta({ description: 'Spot (AWS) or Spot priority (Azure): discounted, evicted when the cloud needs it back.' }),
  }),
  z.strictObject({
    type: z.literal('reserved').meta({
      description:
        'Committed capacity: AWS On-Demand Capacity Reservations or Capacity Blocks, Azure capacity reservation groups.',
    }),
    aws: z
      .strictObject({
        ...awsReservationTarget,
        regions: z
          .record(
            z.string(),
            z
              .strictObject(awsReservationTarget)
              .superRefine(oneTarget(AWS_TARGETS.slice(0, 2), 'reservation target of')),
          )
          .optional()
          .meta({ description: 'One reservation target per AWS region the pool lands in, by region name.' }),
        capacityBlock: z.boolean().default(false).meta({
          description:
            'The reservation is an EC2 Capacity Block for ML (launched as `capacity-block` market type). Default false.',
        }),
      })
      .superRefine(oneTarget(AWS_TARGETS, 'reservation target, or one per region, of'))
      .optional()
      .meta({
        description:
          'AWS: On-Demand Capacity Reservations, or Capacity Blocks for ML when `capacityBlock` is true. A reservation belongs to one zone of one region: name it directly when the pool lands in one AWS region, or give one per region under `regions`.',
      }),
    azure: z
      .strictObject({
        capacityReservationGroupId: capacityReservationGroupId.optional(),
        regions: z
          .record(z.string(), z.strictObject({ capacityReservationGroupId }))
          .optional()
          .meta({ description: 'One capacity reservation group per Azure region the pool lands in, by region name.' }),
      })
      .superRefine(
        oneTarget(['capacityReservationGroupId', 'regions'], 'capacity reservation group, or one per region, of'),
      )
      .optional()
      .meta({
        description:
          "Azure: the capacity reservation group the pool's VMs draw from, which belongs to one region: name it directly when the pool lands in one Azure region, or give one per region.",
      }),
  }),
]);

const gpuPool = z
  .strictObject({
    name: matching(/^[a-z][a-z0-9]{0,11}$/, '1-12 lowercase letters and digits, starting with a letter').meta({
      description:
        "Pool name: becomes the node group / node pool name, so AKS's rule applies (lowercase alphanumeric, 1-12).",
    }),
    gpuModel: z
      .string()
      .refine(isGpuModelId, {
        message: `is not in the GPU catalog; known models: ${GPU_MODEL_IDS.join(', ')}`,
      })
      .meta({ description: 'A GPU model id from the catalog (`constructs/cloud-neutral/gpu-catalog.ts`).' }),
    gpusPerNode: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: "GPUs per node; picks the SKU on each cloud. Default: the model's `defaultGpusPerNode`." }),
    clouds: z
      .array(z.enum(CLOUDS))
      .min(1, 'must name at least one cloud')
      .optional()
      .meta({ default: [...CLOUDS] })
      .meta({ description: 'The clouds that get this pool. Default: both.' }),
    regions: z.array(z.string()).min(1, 'must name at least one region, or be left out for all').optional().meta({
      description:
        'The regions the pool lands in: names of regions of its clouds in this environment (AWS and Azure names together). Default: every region of its clouds.',
    }),
    purpose: z
      .enum(['training', 'inference'])
      .meta({ description: 'What the pool runs: labels, taints and scheduling follow it.' }),
    nodes: nodeCounts.meta({ description: 'Node counts per region the pool lands in.' }),
    capacity: capacity.meta({ description: 'How the nodes are bought: on-demand, spot or reserved capacity.' }),
    fabric: z.boolean().default(false).meta({
      description: 'RDMA fabric (EFA / InfiniBand) for multi-node collectives; forces a single zone. Default false.',
    }),
    diskGiB: z
      .number()
      .int()
      .min(100, 'must be at least 100 GiB: GPU images are large')
      .max(2048)
      .default(300)
      .meta({ description: 'Root (AWS) / OS (Azure) disk per node in GiB, sized for model images. Default 300.' }),
    zones: z.array(z.number().int().min(1).max(3)).min(1).optional().meta({
      description:
        "1-based positions in each region's `availabilityZones`; every region of the pool's clouds must have them. Default: every zone of each region the pool lands in, or the first for fabric pools.",
    }),
    gpuDriver: z.enum(['install', 'none']).default('install').meta({
      description:
        'Who installs the NVIDIA driver on Azure nodes: AKS (`install`) or the GPU Operator (`none`). Default `install`.',
    }),
    allowPreview: z.boolean().default(false).meta({
      description:
        "Build this pool even where its SKU is `preview` on a cloud (see docs/gpu-pools.md, GPU catalog): it runs outside that cloud's support. Default false.",
    }),
  })
  .superRefine((pool, ctx) => {
    // An unknown model is already reported on `gpuModel`; nothing below can be checked without one.
    if (!isGpuModelId(pool.gpuModel as string)) return;
    const model = pool.gpuModel;
    const perNode = poolGpusPerNode(model, pool.gpusPerNode);
    const clouds = pool.clouds ?? CLOUDS;
    const offering = cloudsOffering(model);
    clouds.forEach((cloud, i) => {
      if (!offering.includes(cloud)) {
        // Left out, `clouds` is not in the file: the problem is the model, and the fix is to name the clouds.
        ctx.addIssue(
          pool.clouds
            ? {
                code: 'custom',
                path: ['clouds', i],
                message: `${cloud} does not offer GPU model ${model}${unconfirmedReason(model, cloud)}; it is offered on: ${offering.join(', ')}`,
              }
            : {
                code: 'custom',
                path: ['gpuModel'],
                message: `${cloud} does not offer GPU model ${model}${unconfirmedReason(model, cloud)}, and clouds (left out) defaults to both; set "clouds": ${JSON.stringify(offering)} to build the pool on ${offering.join(' and ')} only`,
              },
        );
      } else if (!resolveGpuOffering(model, cloud, perNode)) {
        ctx.addIssue({
          code: 'custom',
          path: ['gpusPerNode'],
          message: `${cloud} offers ${model} with ${gpusPerNodeChoices(model, cloud).join(' or ')} GPUs per node, not ${perNode}`,
        });
      }
    });
    const offerings = clouds.flatMap((cloud) => {
      const found = resolveGpuOffering(model, cloud, perNode);
      return found ? [{ cloud, offering: found }] : [];
    });
    rejectUnsupportedOfferings(model, offerings, pool.allowPreview, ctx);
    rejectRackScaleMisfits(pool, offerings, ctx);
    if (pool.fabric && pool.zones && pool.zones.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['zones'],
        message: 'must name one zone: a fabric pool spread across zones loses its placement group and RDMA locality',
      });
    }
    if (pool.fabric && clouds.some((cloud) => resolveGpuOffering(model, cloud, perNode)?.fabric === 'ethernet')) {
      ctx.addIssue({
        code: 'custom',
        path: ['fabric'],
        message: `GPU model ${model} has no RDMA fabric; set fabric to false`,
      });
    }
    if (pool.capacity.type === 'reserved') {
      clouds.forEach((cloud) => {
        if (pool.capacity.type === 'reserved' && !pool.capacity[cloud]) {
          ctx.addIssue({
            code: 'custom',
            path: ['capacity', cloud],
            message: `is required: a reserved pool on ${cloud} needs its reservation`,
          });
        }
      });
    }
  })
  // Defaulted here rather than on the field, so the checks above know whether the file names the clouds.
  .transform((pool) => ({ ...pool, clouds: pool.clouds ?? [...CLOUDS] }));

/** Why a cloud said to carry a model is not in its offerings, as a clause for a message. */
function unconfirmedReason(model: GpuModelId, cloud: Cloud): string {
  const reason = (gpuModel(model).unconfirmed ?? {})[cloud];
  return reason ? ` (${reason})` : '';
}

/** A pool on an `unsupported` offering always fails; on a `preview` one unless the pool opts in. */
function rejectUnsupportedOfferings(
  model: GpuModelId,
  offerings: { cloud: Cloud; offering: GpuOffering }[],
  allowPreview: boolean,
  ctx: z.RefinementCtx,
): void {
  for (const { cloud, offering } of offerings) {
    const status = supportStatus(offering);
    const support = offering.support;
    if (!support || status === 'ga' || (status === 'preview' && allowPreview)) continue;
    ctx.addIssue({
      code: 'custom',
      path: ['gpuModel'],
      message:
        status === 'preview'
          ? `${model} on ${cloud} (${offering.sku}) is preview: ${support.note}; read ${support.source}, then set "allowPreview": true on this pool to build it anyway`
          : `${model} on ${cloud} (${offering.sku}) is unsupported: ${support.note}; read ${support.source}`,
    });
  }
}

/**
 * Rack-scale offerings (several nodes a multi-node NVLink domain) are sized in whole domains,
 * live in one zone, and take what their cloud sells them through: Capacity Blocks on AWS, the
 * GPU Operator's drivers on Azure arm64.
 */
function rejectRackScaleMisfits(
  pool: {
    nodes: { min: number; desired: number; max: number };
    zones?: number[];
    capacity: z.output<typeof capacity>;
    gpuDriver: 'install' | 'none';
  },
  offerings: { cloud: Cloud; offering: GpuOffering }[],
  ctx: z.RefinementCtx,
): void {
  const reported = new Set<number>();
  for (const { cloud, offering } of offerings) {
    const domain = nvlinkDomainNodes(offering);
    if (domain > 1 && !reported.has(domain)) {
      reported.add(domain);
      (['min', 'desired', 'max'] as const).forEach((field) => {
        const count = pool.nodes[field];
        if (count % domain === 0) return;
        const nearest = nearestDomainCounts(count, domain, field === 'max' ? 1 : 0);
        ctx.addIssue({
          code: 'custom',
          path: ['nodes', field],
          message: `must be a whole number of NVLink domains: ${offering.sku} comes in domains of ${domain} nodes (${offering.nvlinkDomainName ?? 'NVLink domain'}); the nearest valid counts are ${nearest.join(' and ')}`,
        });
      });
    }
    if (isRackScale(offering) && pool.zones && pool.zones.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['zones'],
        message: `must name one zone: an NVLink domain (${offering.nvlinkDomainName ?? offering.sku}) lives in one zone`,
      });
    }
    if (
      offering.capacity === 'capacity-block' &&
      !(pool.capacity.type === 'reserved' && pool.capacity.aws?.capacityBlock === true)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['capacity'],
        message: `${offering.sku} is sold only through EC2 Capacity Blocks for ML: set "type": "reserved" with "aws": { "capacityReservationId": "<the block's cr- id>", "capacityBlock": true }`,
      });
    }
    if (cloud === 'azure' && cpuArchitecture(offering) === 'arm64' && pool.gpuDriver !== 'none') {
      ctx.addIssue({
        code: 'custom',
        path: ['gpuDriver'],
        message: `must be "none" for ${offering.sku}: AKS's managed driver install does nothing on arm64 nodes, so the NVIDIA GPU Operator installs the drivers (see docs/gpu-pools.md, rack-scale pools)`,
      });
    }
  }
}

/** Kubernetes namespace and service account names: DNS-1123 labels. */
const kubernetesName = matching(
  /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
  'a Kubernetes name: 1-63 lowercase letters, digits and hyphens, alphanumeric at both ends',
);

const workloadIdentity = z
  .strictObject({
    name: matching(
      /^[a-z][a-z0-9-]{0,22}[a-z0-9]$/,
      '2-24 lowercase letters, digits and hyphens, starting with a letter',
    ).meta({
      description:
        'Stable name, part of every role and identity built from it: 2-24 lowercase letters, digits and hyphens.',
    }),
    clouds: z
      .array(z.enum(CLOUDS))
      .min(1, 'must name at least one cloud')
      .default([...CLOUDS])
      .meta({ description: 'The clouds whose clusters run the workload. Default: both.' }),
    namespace: kubernetesName.meta({ description: "Namespace of the workload's service account." }),
    serviceAccount: kubernetesName.meta({
      description: "The service account the workload's pods run as: trust is pinned to it.",
    }),
    access: z
      .array(
        z.strictObject({
          store: z.enum(STORE_KINDS).meta({ description: 'A store kind: `models`, `datasets` or `workload-logs`.' }),
          cloud: z.enum(CLOUDS).optional().meta({
            description: 'Whose store: default the cloud the workload runs on (each, for a workload on both).',
          }),
          mode: z.enum(ACCESS_MODES).meta({ description: '`read` or `write`.' }),
        }),
      )
      .min(1, 'must grant at least one store: an identity with no access has no reason to exist')
      .meta({ description: 'What the workload may touch.' }),
  })
  .superRefine((identity, ctx) => {
    identity.access.forEach((grant, i) => {
      const store = STORES[grant.store];
      const targets = grant.cloud ? [grant.cloud] : identity.clouds;
      for (const target of targets) {
        if (!store.clouds.includes(target)) {
          ctx.addIssue({
            code: 'custom',
            path: ['access', i, grant.cloud ? 'cloud' : 'store'],
            message: `${target} has no ${grant.store} store (${grant.store} exists on ${store.clouds.join(', ')})`,
          });
        }
      }
      if (!store.modes.includes(grant.mode)) {
        ctx.addIssue({
          code: 'custom',
          path: ['access', i, 'mode'],
          message: `${grant.store} may only be granted ${store.modes.join(' or ')}`,
        });
      }
      if (grant.cloud) {
        for (const from of identity.clouds) {
          if (!crossCloudSupported(from, grant.cloud)) {
            ctx.addIssue({
              code: 'custom',
              path: ['access', i, 'cloud'],
              message: `a workload on ${from} cannot be granted ${grant.cloud} stores: only AKS workloads are federated into AWS`,
            });
          }
        }
      }
    });
  });

/** Tag keys and values both clouds accept: AWS is the stricter on length, Azure on characters. */
const tagKey = matching(/^[A-Za-z0-9][A-Za-z0-9 _.:=+@-]{0,127}$/, 'a tag key of 1-128 letters, digits and " _.:=+@-"');
const tagValue = matching(/^[A-Za-z0-9 _.:=+@/-]{0,256}$/, 'a tag value of up to 256 letters, digits and " _.:=+@/-"');

const logging = z
  .strictObject({
    retentionDays: z
      .number()
      .int()
      .refine((d) => ALLOWED_RETENTION_DAYS.includes(d), {
        message: `must be one of ${ALLOWED_RETENTION_DAYS.join(', ')} (accepted by both CloudWatch Logs and Log Analytics)`,
      })
      .meta({
        description: 'Days operational logs are kept (flow logs, control plane, workload logs), on both clouds.',
      }),
    auditRetentionDays: z
      .number()
      .int()
      .refine((d) => ALLOWED_AUDIT_RETENTION_DAYS.includes(d), {
        message: `must be one of ${ALLOWED_AUDIT_RETENTION_DAYS.join(', ')}: audit logs are kept at least a year, in values both CloudWatch Logs and Log Analytics accept`,
      })
      .meta({
        description: 'Days audit logs stay queryable (the CloudTrail log group, the audit tables). At least 365.',
      }),
    archiveDays: z
      .number()
      .refine((d) => ALLOWED_ARCHIVE_DAYS.includes(d), { message: `must be ${ARCHIVE_DAYS_RULE}` })
      .meta({
        description:
          'Days audit archives are kept: S3 audit bucket, Azure archive account, Log Analytics total retention.',
      }),
    immutability: z.enum(IMMUTABILITY_MODES).meta({
      description: 'Whether audit archives are immutable: `off`, `governance` or `compliance` (irreversible).',
    }),
    lineageTags: z
      .record(tagKey, tagValue)
      .default({})
      .meta({ description: 'Tags every resource carries, on both clouds, for lineage queries. Default none.' }),
  })
  .superRefine((l, ctx) => {
    if (l.archiveDays < l.auditRetentionDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['archiveDays'],
        message: `must be at least auditRetentionDays (${l.auditRetentionDays})`,
      });
    }
    // Compared only once each is a value its own rule accepts: one problem per mistake.
    const bothValid =
      ALLOWED_RETENTION_DAYS.includes(l.retentionDays) && ALLOWED_AUDIT_RETENTION_DAYS.includes(l.auditRetentionDays);
    if (bothValid && l.auditRetentionDays < l.retentionDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['auditRetentionDays'],
        message: `must be at least retentionDays (${l.retentionDays}): audit logs outlive operational ones`,
      });
    }
  });

/** The model stores: Azure's in the primary region, one distribution bucket per AWS region. */
const modelStores = z.strictObject({
  softDeleteDays: z
    .number()
    .int()
    .min(1, 'must be 1-365 (Azure blob soft delete)')
    .max(365, 'must be 1-365 (Azure blob soft delete)')
    .default(30)
    .meta({ description: 'Days deleted blobs and containers (Azure) stay recoverable. Default 30.' }),
  noncurrentVersionDays: z
    .number()
    .int()
    .min(1, 'must be 1 or more')
    .default(90)
    .meta({ description: 'Days a replaced or deleted object version (S3) is kept before it expires. Default 90.' }),
  azureReplication: z
    .enum(['LRS', 'ZRS', 'GZRS'])
    .default('ZRS')
    .meta({ description: 'Azure model store replication: `ZRS` survives a zone, `GZRS` a region too. Default `ZRS`.' }),
});

/**
 * How model releases are signed (docs/model-release-contract.md): the curve of the Key Vault
 * signing key, its generation (raise by one to rotate) and the rotation overlap.
 */
const modelSigning = z.strictObject({
  curve: z
    .enum(SIGNING_CURVES)
    .default('P-256')
    .meta({ description: "The signing key's curve: `P-256` (ES256) or `P-384` (ES384). Default `P-256`." }),
  generation: z.number().int().min(1, 'must be 1 or more (raise it by one to rotate the signing key)').default(1).meta({
    description:
      'The signing key generation in use, from 1. Raise it by one to rotate: a new key signs, the previous one stays trusted for `overlapDays`. Never lower it. Default 1.',
  }),
  overlapDays: z
    .number()
    .int()
    .min(1, 'must be 1-90 days')
    .max(90, 'must be 1-90 days: the rotation starts at the 90-day expiry notice')
    .default(30)
    .meta({
      description:
        "Days verifiers keep accepting the previous key after a rotation, in which served releases are re-signed with the new key. 1-90: the new key's expiry notice comes 90 days ahead. Default 30.",
    }),
  vaultName: matching(KEY_VAULT_NAME_PATTERN, KEY_VAULT_NAME_RULE).optional().meta({
    description:
      "The signing vault's name, global to Azure and held for 90 days after a deletion. Default derived: `kv-<platform>-<environment>-signing`.",
  }),
});

/** A locked archive, as `npm run archive:lock` prints it (docs/deploy.md, "Locking the audit archive"). */
const archiveLock = z.strictObject({
  region: matching(/^[a-z][a-z0-9]+$/, 'an Azure region name such as eastus2').meta({
    description: 'The Azure region whose archive was locked.',
  }),
  lockedOn: matching(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD').meta({
    description: 'The day it was locked, `YYYY-MM-DD`.',
  }),
  account: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .refine((account) => typeof account.name === 'string', { message: 'must record the account name' })
    .meta({
      description: "The account's replacement-relevant attributes when it was locked, as the command printed them.",
    }),
});

/** The immutable audit archive of each Azure region. */
const auditArchive = z
  .strictObject({
    replication: z.enum(['LRS', 'ZRS', 'GZRS']).default('GZRS').meta({
      description:
        "Replication: `GZRS` keeps a copy in the region's pair, so the immutable record survives the loss of a region; it needs a region with zones and a pair. `ZRS` or `LRS` for non-production. Default `GZRS`.",
    }),
    locks: z.array(archiveLock).default([]).meta({
      description:
        'Archives that have been locked: their immutability policy is `Locked` (irreversible), and a change that would replace them is refused at synth. Add one only as the deploy runbook says, after the archive exists. Default none.',
    }),
  })
  .superRefine((archive, ctx) => {
    rejectDuplicates(
      archive.locks.map((l) => l.region),
      ['locks'],
      'region',
      ctx,
    );
  });

const DAYS_OF_WEEK = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const kubernetes = z.strictObject({
  version: matching(/^1\.\d{2}$/, 'a Kubernetes minor version such as 1.33').meta({
    description: 'Kubernetes minor version, the same on EKS and AKS.',
  }),
  systemPool: z
    .strictObject({
      nodes: nodeCounts.meta({ description: 'System pool node counts per cluster.' }),
      awsInstanceType: matching(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'an EC2 instance type such as m7i.xlarge').meta({
        description: 'EKS system node instance type.',
      }),
      azureVmSize: matching(/^Standard_[A-Za-z0-9_]+$/, 'an Azure VM size such as Standard_D4ds_v5').meta({
        description: 'AKS system node VM size.',
      }),
    })
    .meta({ description: 'The system pool: cluster add-ons only, no GPU workloads.' }),
  publicAccessCidrs: publicAccessCidrs.default([]).meta({
    description:
      'CIDRs that may reach the EKS API over its public endpoint. Empty (the default) turns the public endpoint off; AKS is always private.',
  }),
  admins: z
    .strictObject({
      awsPrincipalArns: z
        .array(matching(/^arn:aws:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/, 'an IAM role or user ARN'))
        .meta({ description: 'IAM roles or users given cluster-admin through EKS access entries.' }),
      azureGroupObjectIds: z
        .array(uuid)
        .meta({ description: "Entra ID groups given cluster-admin through AKS's Entra ID integration." }),
    })
    .meta({ description: 'Who administers the clusters.' }),
  eksSupport: z.enum(['standard', 'extended']).default('standard').meta({
    description:
      "EKS support once a version's 14 months of standard support end: `standard` (AWS then upgrades the control plane by itself, so the config must move first; synth refuses a version past its end) or `extended` (12 months more, at $0.60 instead of $0.10 per cluster-hour). Default `standard`.",
  }),
  upgradeChannel: z
    .enum(['patch', 'stable', 'rapid', 'node-image'])
    .default('patch')
    .meta({ description: 'AKS automatic upgrade channel. Default `patch`.' }),
  maintenanceWindow: z
    .strictObject({
      dayOfWeek: z.enum(DAYS_OF_WEEK).meta({ description: 'Day the window opens.' }),
      startHourUtc: z.number().int().min(0).max(23).meta({ description: 'Hour (UTC) the window opens.' }),
      durationHours: z
        .number()
        .int()
        .min(4, 'must be at least 4 (AKS minimum)')
        .max(24)
        .meta({ description: 'Window length in hours, 4 to 24.' }),
    })
    .default({ dayOfWeek: 'Sunday', startHourUtc: 2, durationHours: 4 })
    .meta({ description: 'When AKS may upgrade. Default Sunday 02:00 UTC for 4 hours.' }),
  defender: z
    .boolean()
    .default(false)
    .meta({ description: 'Microsoft Defender for Containers on AKS. Default false.' }),
});

const createOrExisting = z.enum(['create', 'existing']);

/** The parts of an AWS account's security baseline; each is created by the platform or left to its owner. */
export const AWS_BASELINE_PARTS = [
  's3BlockPublicAccess',
  'ebsEncryptionByDefault',
  'accessAnalyzer',
  'guardDuty',
  'config',
  'securityHub',
] as const;

export type AwsBaselinePart = (typeof AWS_BASELINE_PARTS)[number];

const AWS_BASELINE_DEFAULT = Object.fromEntries(AWS_BASELINE_PARTS.map((p) => [p, 'create'])) as Record<
  AwsBaselinePart,
  'create'
>;

const awsBaseline = z.strictObject({
  s3BlockPublicAccess: createOrExisting.default('create').meta({
    description: 'Account-level S3 Block Public Access, all four settings (account stack). Default `create`.',
  }),
  ebsEncryptionByDefault: createOrExisting.default('create').meta({
    description: 'EBS encryption by default in each region, with the AWS managed key `aws/ebs`. Default `create`.',
  }),
  accessAnalyzer: createOrExisting
    .default('create')
    .meta({ description: 'An IAM Access Analyzer of the account in each region. Default `create`.' }),
  guardDuty: createOrExisting.default('create').meta({
    description: 'A GuardDuty detector in each region, with EKS audit-log and runtime monitoring. Default `create`.',
  }),
  config: createOrExisting.default('create').meta({
    description:
      'An AWS Config recorder in each region (global resource types in the primary region only), delivering to an encrypted bucket of the account stack. Default `create`.',
  }),
  securityHub: createOrExisting.default('create').meta({
    description:
      'Security Hub in each region, with the AWS Foundational Security Best Practices v1.0.0 and CIS AWS Foundations Benchmark v3.0.0 standards. Its controls are evaluated by AWS Config: with `config: "existing"`, the owner of the recorders must record every region. Default `create`.',
  }),
});

const stateBackend = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('local').meta({
      description: 'State files in the project root (`terraform.<stack>.tfstate`): for trying the platform out.',
    }),
  }),
  z.strictObject({
    type: z.literal('s3').meta({ description: 'An S3 bucket, encrypted, with S3-native locking.' }),
    bucket: matching(S3_BUCKET_NAME_PATTERN, S3_BUCKET_NAME_RULE).meta({ description: 'The state bucket.' }),
    region: matching(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region code such as us-east-1').meta({
      description: "The state bucket's region.",
    }),
    keyPrefix: nonEmpty
      .default('gpu-platform')
      .meta({ description: 'State keys are `<keyPrefix>/<stack>.tfstate`. Default `gpu-platform`.' }),
    kmsKeyArn: matching(/^arn:aws[\w-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/-]+$/, 'a KMS key or alias ARN')
      .optional()
      .meta({
        description:
          "The KMS key that encrypts state objects (`kms_key_id`). Default: the bucket's default encryption (docs/state-backend.md creates the bucket with a KMS key).",
      }),
  }),
  z.strictObject({
    type: z.literal('azurerm').meta({ description: 'An Azure storage container, with Entra ID auth and blob leases.' }),
    resourceGroupName: nonEmpty.meta({ description: "The state storage account's resource group." }),
    storageAccountName: matching(STORAGE_ACCOUNT_NAME_PATTERN, STORAGE_ACCOUNT_NAME_RULE).meta({
      description: 'The state storage account.',
    }),
    containerName: matching(
      /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/,
      '3-63 lowercase letters, digits and hyphens',
    ).meta({ description: 'The state container.' }),
    keyPrefix: nonEmpty
      .default('gpu-platform')
      .meta({ description: 'State keys are `<keyPrefix>/<stack>.tfstate`. Default `gpu-platform`.' }),
  }),
]);

/** The kinds of stack an environment has; a suppression names the kind, never a stack's name. */
export const STACK_KINDS = ['account', 'distribution', 'host', 'link'] as const;

/**
 * A rule waived on one resource of the environment, with the reason: reported by `npm run
 * policy`, never silent. It names the resource by stack kind and construct path below the stack,
 * so it holds through renames of the platform, the environment and the regions; `regions` narrows
 * it to some regions of its kind.
 */
const policySuppression = z
  .strictObject({
    rule: matching(/^GPUP-[A-Z0-9-]+$/, 'a policy rule id such as GPUP-AWS-EKS-2').meta({
      description: 'The rule id, for example `GPUP-AWS-EKS-2` (docs/policy.md).',
    }),
    stack: z.enum(STACK_KINDS).meta({
      description:
        'The kind of stack the resource is in: `account`, `distribution` (AWS regions), `host` (Azure regions) or `link`.',
    }),
    resource: matching(/^[\w.-]+(\/[\w.-]+)*$/, 'a construct path below the stack, such as eks/cluster').meta({
      description:
        "The resource's construct path below the stack, as the policy report prints it after the stack name: `eks/cluster`.",
    }),
    regions: z.array(z.string()).min(1, 'must name at least one region, or be left out for all').optional().meta({
      description:
        'Only in these regions of the kind (distribution: AWS regions; host: Azure regions). Default: every region.',
    }),
    reason: z
      .string()
      .trim()
      .min(10, 'must give a reason of at least 10 characters: why the rule does not apply here')
      .meta({ description: 'Why the rule does not apply to this resource, in a sentence.' }),
  })
  .superRefine((s, ctx) => {
    const named = /^[a-z][a-z0-9]{1,7}-(aws-account|aws-dist-[a-z0-9-]+|azure-host-[a-z0-9]+|link)(\/|$)/.exec(
      s.resource,
    );
    if (named)
      ctx.addIssue({
        code: 'custom',
        path: ['resource'],
        message: `names a stack (${named[0].replace(/\/$/, '')}), which a rename or a new region would leave behind: put the kind in "stack" and the path below the stack in "resource", for example { "stack": "distribution", "resource": "eks/cluster", "regions": ["us-east-1"] }`,
      });
    if (s.regions && (s.stack === 'account' || s.stack === 'link'))
      ctx.addIssue({
        code: 'custom',
        path: ['regions'],
        message: `narrows an ${s.stack} stack, which an environment has once: regions apply to distribution and host stacks`,
      });
  });

/** The Azure subscription's security baseline (docs/security-azure.md, "Subscription baseline"). */
const azureBaseline = z.strictObject({
  defenderPlans: z.enum(['create', 'existing']).default('create').meta({
    description:
      'Defender for Cloud plans: Containers, Servers, Storage, Key Vault and Resource Manager on the Standard tier (`create`), or set by a landing zone (`existing`: azurerm refuses to create a plan that is not on the Free tier, and resets it to Free on destroy). Default `create`.',
  }),
  defenderServersPlan: z.enum(['P1', 'P2']).default('P1').meta({
    description:
      'Defender for Servers plan when the platform creates the plans: `P1` (endpoint detection on the nodes) or `P2` (adds agentless scanning and file integrity monitoring). Default `P1`.',
  }),
  activityLogAlerts: z.enum(['create', 'existing']).default('create').meta({
    description:
      "The CIS Azure 5.2 Activity Log alerts (policy assignments, network security groups and their rules, security solutions, public IP addresses), to a security action group that emails `alerts.emails`: `create` them, or rely on a landing zone's (`existing`). Default `create`.",
  }),
});

/** The policy gate's environment-wide settings (docs/policy.md). */
const policy = z.strictObject({
  production: z.boolean().default(true).meta({
    description:
      'Production environments must replicate storage across zones and keep keys in HSMs, and their Key Vaults, storage accounts and Log Analytics workspaces carry `CanNotDelete` locks (docs/security-azure.md, "Nothing lost"). Default true.',
  }),
  minimumLogRetentionDays: z.number().int().min(1, 'must be at least 1 day').default(365).meta({
    description: 'The shortest log retention (CloudWatch, Log Analytics) the gate accepts, in days. Default 365.',
  }),
  suppressions: z
    .array(policySuppression)
    .default([])
    .meta({ description: 'Rules waived on single resources, each with its reason. Default none.' }),
});

/** Ceilings on one scope's GPUs and monthly list-price spend (docs/ledger.md "Budgets"); each left out is not capped. */
const budgetLimits = z
  .strictObject({
    committedGpus: z.number().int().min(0, 'must be 0 or more GPUs').optional().meta({
      description: 'GPUs at max of the committed pools (reservations, Capacity Blocks, capacity reservation groups).',
    }),
    maxGpus: z
      .number()
      .int()
      .min(0, 'must be 0 or more GPUs')
      .optional()
      .meta({ description: 'GPUs at max of every GPU pool.' }),
    committedMonthlyUsd: z
      .number()
      .min(0, 'must be 0 or more USD')
      .optional()
      .meta({ description: 'Monthly (730 h) list price at max of the committed pools, USD.' }),
    maxMonthlyUsd: z
      .number()
      .min(0, 'must be 0 or more USD')
      .optional()
      .meta({ description: 'Monthly (730 h) list price at max of every GPU pool, USD.' }),
  })
  .refine((limits) => Object.values(limits).some((v) => v !== undefined), {
    message: 'must cap at least one of committedGpus, maxGpus, committedMonthlyUsd, maxMonthlyUsd, or be left out',
  });

/** An environment's budgets: over both clouds, and per cloud. Synth fails when the plan exceeds one. */
const budget = z.strictObject({
  total: budgetLimits.optional().meta({ description: 'Both clouds together. Default: not capped.' }),
  aws: budgetLimits.optional().meta({ description: 'AWS alone. Default: not capped.' }),
  azure: budgetLimits.optional().meta({ description: 'Azure alone. Default: not capped.' }),
});

const environment = z
  .strictObject({
    tags: z
      .strictObject({
        owner: nonEmpty.meta({ description: 'The `owner` tag on every taggable resource.' }),
        costCenter: nonEmpty.meta({ description: 'The `cost-center` tag on every taggable resource.' }),
      })
      .meta({ description: 'Tags every taggable resource carries, beside the platform, environment and stack tags.' }),
    logging: logging.meta({
      description: 'Retention, archives and lineage tags of every log the environment keeps, on both clouds.',
    }),
    alerts: z
      .strictObject({
        emails: z
          .array(z.email('must be an email address'))
          .min(1, 'must name at least one address: alarms nobody reads are not monitoring')
          .meta({ description: 'Addresses subscribed to the AWS alarm topic and the Azure action group.' }),
      })
      .meta({ description: 'Who is told when a security alarm or a link alarm fires.' }),
    stateBackend: stateBackend.meta({ description: "Where Terraform keeps each of the environment's stacks' state." }),
    link: z
      .strictObject({
        enabled: z.boolean().default(true).meta({
          description: 'Turn the link off to run the clouds unjoined (no VPN gateways are billed). Default true.',
        }),
        awsAsn: privateAsn.meta({ description: 'BGP ASN of the AWS virtual private gateway.' }),
        azureAsn: privateAsn.meta({ description: 'BGP ASN of the Azure VPN gateway.' }),
        objectives: z
          .strictObject({
            minTunnelsUp: z
              .number()
              .int()
              .min(1, 'must be 1 or 2 (each connection has 2 tunnels)')
              .max(2, 'must be 1 or 2 (each connection has 2 tunnels)')
              .default(1)
              .meta({
                description:
                  'Tunnels of each VPN connection (of 2) that must be up; fewer raises the alarm. Default 1.',
              }),
            alarmAfterMinutes: z
              .number()
              .refine((m) => (ALARM_DELAY_MINUTES as readonly number[]).includes(m), {
                message: `must be one of ${ALARM_DELAY_MINUTES.join(', ')}: CloudWatch counts 5-minute periods, and Azure metric alerts take these windows`,
              })
              .default(15)
              .meta({
                description:
                  'Minutes below the objective before an alarm fires: 5, 15, 30 or 60 (what both clouds evaluate). Default 15.',
              }),
          })
          .default({ minTunnelsUp: 1, alarmAfterMinutes: 15 })
          .meta({ description: "The link's service level, watched by alarms on both clouds." }),
      })
      .refine((link) => link.awsAsn !== link.azureAsn, {
        path: ['azureAsn'],
        message: 'must differ from awsAsn: the link is eBGP between two autonomous systems',
      })
      .meta({ description: 'The site-to-site VPN between the primary AWS region and the primary Azure region.' }),
    aws: z
      .strictObject({
        accountId: awsAccountId.meta({
          description:
            'The AWS account every AWS stack of the environment deploys to (the provider refuses any other).',
        }),
        natGateways: z.enum(['one-per-zone', 'single']).meta({
          description: 'NAT gateways per region: one per zone (survives a zone outage) or a single one (cheaper).',
        }),
        serviceLinkedRoles: createOrExisting.default('existing').meta({
          description:
            "The account's service-linked roles the platform names: `AWSServiceRoleForAutoScaling` (node volume key policies) and, when `baseline.config` is `create`, `AWSServiceRoleForConfig` (the recorder). Each is a singleton of the account that other workloads use too, so by default the platform does not own them: `existing` looks them up, and a plan fails naming the one missing (an account that has ever run an Auto Scaling group, or AWS Config, has it). `create` makes this environment's account stack own them: for a fresh account only, and destroy-unsafe (destroying the stack deletes roles the account's other Auto Scaling groups and recorders depend on; see docs/security-baseline.md before switching). One environment per account may create them. Default `existing`.",
        }),
        cloudTrail: z.enum(['create', 'existing']).default('create').meta({
          description:
            "The account's CloudTrail trail (multi-region, so one per account): `create` it in this environment's account stack, with data events for the model stores of every environment in the account, or rely on the one another environment creates (`existing`). One environment per account may create it. Default `create`.",
        }),
        baseline: awsBaseline.default(AWS_BASELINE_DEFAULT).meta({
          description:
            "The account's security baseline, each part created by this environment (`create`) or owned by someone else, usually a landing zone (`existing`): the platform then declares nothing for it. docs/security-baseline.md says what each creates. Default: all `create`.",
        }),
        breakGlassRoleArn: matching(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'an IAM role ARN')
          .optional()
          .meta({
            description:
              "The role that may still change the audit chain (trail, audit and Config buckets, log keys, log groups, flow logs) when it carries the platform's permissions boundary, which denies that to every other role: an IAM role ARN of the account, for incidents. Default: none, no bounded role may.",
          }),
        permissionsBoundary: z
          .union([z.literal('platform'), matching(/^arn:aws:iam::\d{12}:policy\/[\w+=,.@/-]+$/, 'an IAM policy ARN')])
          .default('platform')
          .meta({
            description:
              "The permissions boundary on every IAM role the platform creates: `platform` (the default) creates one in the account stack, or give the ARN of your organization's own.",
          }),
        adminPrincipalArns: z
          .array(matching(/^arn:aws:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/, 'an IAM role or user ARN'))
          .min(1, 'must name at least one admin: the store policies deny everyone else')
          .optional()
          .meta({
            description:
              'Who administers the model stores besides the workloads granted them and the principal running the current deploy (read at plan time): the bucket policy denies every other principal. List every role that deploys (CI, people). Default: the cluster admins (`kubernetes.admins.awsPrincipalArns`).',
          }),
        regions: z.array(awsRegionNetwork).min(1, 'must list at least one region').meta({
          description: 'AWS distribution regions; the first is the primary (the link and the account stack).',
        }),
      })
      .meta({ description: "The environment's AWS side: GPU inference clusters that distribute the models." }),
    azure: z
      .strictObject({
        subscriptionId: uuid.meta({
          description: 'The Azure subscription every Azure stack of the environment deploys to.',
        }),
        tenantId: uuid.meta({ description: "The subscription's Entra ID tenant." }),
        networkWatcher: z.enum(['create', 'existing']).default('existing').meta({
          description:
            'Network Watcher for flow logs: `create` one per region, or use the `existing` one Azure creates by itself (`NetworkWatcher_<region>` in `NetworkWatcherRG`). Only one may exist per region and subscription. Default `existing`.',
        }),
        deployerCidrs: publicAccessCidrs.default([]).meta({
          description:
            "Networks that may reach the cluster Key Vault's public endpoint, for the machine that runs `cdktf deploy` (it creates keys). Empty (the default): the vault takes traffic only from Azure's trusted services and its private endpoint, so deploy from inside the VNet.",
        }),
        keyProtection: z.enum(['software', 'hsm']).default('software').meta({
          description:
            'How the Key Vault keys (AKS KMS, disks, flow-log storage) are protected: `software` keys in a Standard vault, or `hsm` keys (RSA-HSM, FIPS 140 Level 3) in a Premium vault. Default `software`; use `hsm` in production.',
        }),
        activityLog: z.enum(['create', 'existing']).default('create').meta({
          description:
            "The subscription's Activity Log diagnostic setting (one per subscription): `create` it in the primary region's host stack, or rely on the one another environment creates (`existing`). One environment per subscription may create it. Default `create`.",
        }),
        baseline: azureBaseline
          .default({ defenderPlans: 'create', defenderServersPlan: 'P1', activityLogAlerts: 'create' })
          .meta({
            description:
              "The subscription's security baseline, declared in the primary region's host stack (each is subscription-wide, so one environment per subscription may create it), or owned by a landing zone (`existing`). Default: all `create`, Defender for Servers Plan 1.",
          }),
        keyVaultName: matching(KEY_VAULT_NAME_PATTERN, KEY_VAULT_NAME_RULE).optional().meta({
          description:
            "Optional explicit Key Vault name for the environment's first region; default derived from the platform name.",
        }),
        auditArchive: auditArchive
          .default({ replication: 'GZRS', locks: [] })
          .meta({ description: "Each region's immutable audit archive. Default: `GZRS`, no locks." }),
        regions: z.array(azureRegionNetwork).min(1, 'must list at least one region').meta({
          description: 'Azure host regions; the first is the primary (the link, the publisher, the Key Vault name).',
        }),
      })
      .meta({
        description: "The environment's Azure side: the host clusters that train and serve first-party models.",
      }),
    kubernetes: kubernetes.meta({ description: 'Kubernetes settings shared by the EKS and AKS clusters.' }),
    gpuPools: z
      .array(gpuPool)
      .meta({ description: 'GPU node pools, each built on both clouds (or those named) in every region it lands in.' }),
    workloadIdentities: z
      .array(workloadIdentity)
      .default([])
      .meta({ description: 'Workloads and the stores they may touch: the model distribution path. Default: none.' }),
    modelStores: modelStores
      .default({ softDeleteDays: 30, noncurrentVersionDays: 90, azureReplication: 'ZRS' })
      .meta({ description: 'Model store settings.' }),
    modelSigning: modelSigning.default({ curve: 'P-256', generation: 1, overlapDays: 30 }).meta({
      description:
        "Signed model releases: the signing key's curve, generation and rotation overlap. Default P-256, 1, 30.",
    }),
    policy: policy.default({ production: true, minimumLogRetentionDays: 365, suppressions: [] }).meta({
      description: 'The policy gate: production or not, log retention floor, suppressions. Default the strictest.',
    }),
    budget: budget.optional().meta({
      description: 'Budgets on the plan\'s GPUs and list-price spend (docs/ledger.md "Budgets"). Default: none.',
    }),
  })
  .superRefine((env, ctx) => {
    rejectDuplicates(
      env.aws.regions.map((r) => r.region),
      ['aws', 'regions'],
      'region',
      ctx,
    );
    rejectDuplicates(
      env.azure.regions.map((r) => r.region),
      ['azure', 'regions'],
      'region',
      ctx,
    );
    rejectDuplicates(
      env.gpuPools.map((p) => p.name),
      ['gpuPools'],
      'name',
      ctx,
    );
    rejectDuplicates(
      env.workloadIdentities.map((w) => w.name),
      ['workloadIdentities'],
      'name',
      ctx,
    );
    rejectSharedServiceAccounts(env.workloadIdentities, ctx);
    rejectPublishersWithoutAzureIdentity(env.workloadIdentities, ctx);
    rejectRotationNameClashes(env.gpuPools, ctx);
    rejectKubernetesTooOldForPools(env.kubernetes.version, env.gpuPools, ctx);
    rejectArchiveMisfits(env, ctx);
    rejectMisplacedReservations(env, ctx);
    rejectSuppressionsOfNoRegion(env, ctx);
    rejectLocalStateInProduction(env, ctx);
    if (cloudFactsChecked()) {
      const issues = [
        ...regionFindings('aws', env.aws.regions).errors,
        ...regionFindings('azure', env.azure.regions).errors,
        ...placementFindings(env),
        ...offeringFindings(env).errors,
      ];
      for (const issue of issues) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
    }
  });

/** A suppression narrowed to a region its kind of stack does not have here. */
function rejectSuppressionsOfNoRegion(
  env: Pick<CloudEnvironmentShape, Cloud> & { policy: { suppressions: { stack: string; regions?: string[] }[] } },
  ctx: z.RefinementCtx,
): void {
  env.policy.suppressions.forEach((s, i) => {
    const cloud = s.stack === 'distribution' ? 'aws' : s.stack === 'host' ? 'azure' : undefined;
    if (!cloud || !s.regions) return;
    const regions = env[cloud].regions.map((r) => r.region);
    s.regions.forEach((region, r) => {
      if (!regions.includes(region))
        ctx.addIssue({
          code: 'custom',
          path: ['policy', 'suppressions', i, 'regions', r],
          message: `is not a region of the environment's ${s.stack} stacks (${regions.join(', ')})`,
        });
    });
  });
}

/**
 * Reservations belong to one region: one named directly fits a pool that lands in one region of
 * the cloud; otherwise each region the pool lands in needs its own, and only those.
 */
function rejectMisplacedReservations(
  env: Pick<CloudEnvironmentShape, Cloud> & { gpuPools: z.output<typeof gpuPool>[] },
  ctx: z.RefinementCtx,
): void {
  env.gpuPools.forEach((pool, p) => {
    if (pool.capacity?.type !== 'reserved') return;
    // `clouds` takes its default only once the pool is otherwise valid.
    for (const cloud of pool.clouds ?? CLOUDS) {
      const reservation = pool.capacity[cloud];
      if (!reservation) continue;
      const at = ['gpuPools', p, 'capacity', cloud];
      const regions = poolRegions(pool, cloud, env);
      const byRegion = reservation.regions;
      if (!byRegion) {
        if (regions.length > 1)
          ctx.addIssue({
            code: 'custom',
            path: at,
            message: `names one reservation, but the pool lands in ${regions.length} ${cloud} regions (${regions.join(', ')}), and a reservation belongs to one region: give one per region under "regions": { ${regions.map((r) => `"${r}": {...}`).join(', ')} }`,
          });
        continue;
      }
      for (const region of regions.filter((r) => !(r in byRegion)))
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'regions'],
          message: `has no reservation for ${region}, where the pool lands`,
        });
      for (const key of Object.keys(byRegion).filter((k) => !regions.includes(k)))
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'regions', key],
          message: `is not a region the pool lands in on ${cloud} (${regions.join(', ')})`,
        });
      for (const [key, target] of Object.entries(byRegion)) {
        const arn = (target as { capacityReservationResourceGroupArn?: string }).capacityReservationResourceGroupArn;
        const arnRegion = arn?.split(':')[3];
        if (arnRegion && arnRegion !== key)
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'regions', key, 'capacityReservationResourceGroupArn'],
            message: `is a resource group of ${arnRegion}, not of ${key}`,
          });
      }
    }
  });
}

/** An archive replication a region cannot give, and locks the environment cannot hold. */
function rejectArchiveMisfits(
  env: {
    logging: { immutability: string };
    azure: { regions: { region: string }[]; auditArchive: z.output<typeof auditArchive> };
  },
  ctx: z.RefinementCtx,
): void {
  const { replication, locks } = env.azure.auditArchive;
  if (replication === 'GZRS') {
    env.azure.regions.forEach(({ region }) => {
      const problem = azureGzrsProblem(region);
      if (problem)
        ctx.addIssue({
          code: 'custom',
          path: ['azure', 'auditArchive', 'replication'],
          message: `must be ZRS (or LRS) while azure.regions lists ${region}: ${problem}; or move the archive's region to one with zones and a pair`,
        });
    });
  }
  locks.forEach((lock, i) => {
    if (env.logging.immutability !== 'compliance') {
      ctx.addIssue({
        code: 'custom',
        path: ['azure', 'auditArchive', 'locks', i],
        message: `locks the ${lock.region} archive, but logging.immutability is "${env.logging.immutability}": only "compliance" archives are locked`,
      });
    }
    if (!env.azure.regions.some((r) => r.region === lock.region)) {
      ctx.addIssue({
        code: 'custom',
        path: ['azure', 'auditArchive', 'locks', i, 'region'],
        message: `names ${lock.region}, which azure.regions does not list: the locked archive there cannot be deleted before its period ends, so its region stays in the config`,
      });
    }
  });
}

/** Two pools whose AKS rotation copies would share a name, or take another pool's. */
function rejectRotationNameClashes(pools: { name: string }[], ctx: z.RefinementCtx): void {
  pools.forEach((pool, i) => {
    const rotation = aksRotationName(pool.name);
    // Equal names are a duplicate, reported as such.
    const other = pools.findIndex(
      (p, j) =>
        j !== i && p.name !== pool.name && (p.name === rotation || (j < i && aksRotationName(p.name) === rotation)),
    );
    if (other >= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['gpuPools', i, 'name'],
        message: `collides with gpuPools[${other}] (${pools[other].name}): AKS rotates a pool through a temporary pool named ${rotation} (its first 9 characters and "tmp"); make the names differ in their first 9 characters`,
      });
    }
  });
}

/** A pool whose SKU a cloud runs only from some Kubernetes version on needs the clusters at it. */
function rejectKubernetesTooOldForPools(
  version: string,
  pools: { name: string; gpuModel: string; gpusPerNode?: number; clouds?: readonly Cloud[] }[],
  ctx: z.RefinementCtx,
): void {
  pools.forEach((pool, i) => {
    if (!isGpuModelId(pool.gpuModel)) return;
    const perNode = poolGpusPerNode(pool.gpuModel, pool.gpusPerNode);
    for (const cloud of pool.clouds ?? CLOUDS) {
      const needed = resolveGpuOffering(pool.gpuModel, cloud, perNode)?.minKubernetesVersion;
      if (needed && compareKubernetesVersions(version, needed) < 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['kubernetes', 'version'],
          message: `is ${version}, but gpuPools[${i}] (${pool.name}) needs ${needed} or later: ${cloud} runs ${pool.gpuModel} from Kubernetes ${needed}`,
        });
      }
    }
  });
}

/** Two identities on one cluster with one service account: the pods would get both, or neither. */
function rejectSharedServiceAccounts(
  identities: { clouds: string[]; namespace: string; serviceAccount: string }[],
  ctx: z.RefinementCtx,
): void {
  identities.forEach((identity, i) => {
    const earlier = identities.findIndex(
      (other, j) =>
        j < i &&
        other.namespace === identity.namespace &&
        other.serviceAccount === identity.serviceAccount &&
        other.clouds.some((c) => identity.clouds.includes(c)),
    );
    if (earlier >= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['workloadIdentities', i, 'serviceAccount'],
        message: `is already the service account of workloadIdentities[${earlier}] in namespace ${identity.namespace}; each identity needs its own`,
      });
    }
  });
}

/**
 * A workload that publishes to AWS (writes AWS models from Azure) signs what it publishes, with
 * the Azure identity it gets for its Azure grants: without one, nothing could be granted the
 * sign operation.
 */
function rejectPublishersWithoutAzureIdentity(
  identities: { clouds: string[]; access: { store: string; cloud?: string; mode: string }[] }[],
  ctx: z.RefinementCtx,
): void {
  identities.forEach((identity, i) => {
    if (!identity.clouds.includes('azure')) return;
    const publishes = identity.access.some((a) => a.store === 'models' && a.cloud === 'aws' && a.mode === 'write');
    const onAzure = identity.access.some((a) => (a.cloud ?? 'azure') === 'azure');
    if (publishes && !onAzure) {
      ctx.addIssue({
        code: 'custom',
        path: ['workloadIdentities', i, 'access'],
        message:
          'publishes to AWS, so it signs releases with an Azure identity, which only an Azure grant creates: add { "store": "models", "mode": "read" }, the store it publishes from',
      });
    }
  });
}

/** What the environment-wide checks read of an environment. */
interface EnvironmentNetworks {
  aws: { regions: { region: string; cidr: string; availabilityZones: string[] }[] };
  azure: { regions: { region: string; cidr: string; availabilityZones: string[] }[] };
  /** `clouds` is undefined while a pool has other problems: its default is applied only to a valid pool. */
  gpuPools: { clouds?: readonly Cloud[]; zones?: number[] }[];
}

/**
 * The checks whose messages name a second place in the config. They run on the environments
 * record, where each environment's name is known, so the other place reads as a full path in
 * the same style as the problem's own: `environments.prod.aws.regions[0].cidr`.
 */
function rejectConflictsWithinEnvironments(envs: Record<string, EnvironmentNetworks>, ctx: z.RefinementCtx): void {
  for (const [name, env] of Object.entries(envs)) {
    rejectOverlappingNetworks(name, env, ctx);
    rejectPoolZonesMissingFromRegions(name, env, ctx);
  }
}

function rejectOverlappingNetworks(name: string, env: EnvironmentNetworks, ctx: z.RefinementCtx): void {
  const networks: { path: (string | number)[]; cidr: Ipv4Cidr }[] = [];
  for (const cloud of CLOUDS) {
    env[cloud].regions.forEach((region, i) => {
      const parsed = parseCidr(region.cidr);
      if (typeof parsed !== 'string') networks.push({ path: [name, cloud, 'regions', i, 'cidr'], cidr: parsed });
    });
  }
  networks.forEach((later, j) => {
    const earlier = networks.slice(0, j).find((n) => cidrsOverlap(n.cidr, later.cidr));
    if (earlier) {
      ctx.addIssue({
        code: 'custom',
        path: later.path,
        message: `overlaps ${formatPath(['environments', ...earlier.path])} (${formatCidr(earlier.cidr)}); the networks of one environment are joined by VPN and need disjoint ranges`,
      });
    }
  });
}

/** A pool's named zones are positions in each region's zone list: every region the pool lands in must have them. */
function rejectPoolZonesMissingFromRegions(name: string, env: EnvironmentNetworks, ctx: z.RefinementCtx): void {
  env.gpuPools.forEach((pool, p) => {
    if (!pool.zones) return;
    for (const cloud of pool.clouds ?? CLOUDS) {
      env[cloud].regions.forEach((region, r) => {
        const count = region.availabilityZones.length;
        // A zone above 3 is already reported on the zone itself: no region has it.
        const missing = pool.zones!.filter((zone) => zone > count && zone <= 3);
        if (missing.length === 0) return;
        ctx.addIssue({
          code: 'custom',
          path: [name, 'gpuPools', p, 'zones'],
          message: `names zone ${missing.join(', ')}, but ${formatPath(['environments', name, cloud, 'regions', r, 'availabilityZones'])} (${region.region}) lists ${count}; name zones 1-${count}, or leave zones out to use every zone of each region`,
        });
      });
    }
  });
}

function rejectDuplicates(values: string[], path: (string | number)[], field: string, ctx: z.RefinementCtx): void {
  values.forEach((value, i) => {
    if (values.indexOf(value) !== i) {
      ctx.addIssue({ code: 'custom', path: [...path, i, field], message: `duplicates entry ${values.indexOf(value)}` });
    }
  });
}

/**
 * Production state holds what the stacks hold, VPN pre-shared keys included: it must be encrypted,
 * locked and audited, which a local file is not. The `s3` backend always encrypts and locks
 * (`encrypt`, `use_lockfile`); `azurerm` encrypts at rest and locks with blob leases.
 */
function rejectLocalStateInProduction(
  env: { policy: { production: boolean }; stateBackend: { type: string } },
  ctx: z.RefinementCtx,
): void {
  if (env.policy.production && env.stateBackend.type === 'local')
    ctx.addIssue({
      code: 'custom',
      path: ['stateBackend', 'type'],
      message:
        'is "local", but policy.production is true: production state (VPN pre-shared keys included) must be in a remote backend with encryption and locking; use { "type": "s3", "bucket": ..., "region": ... } or { "type": "azurerm", ... } (docs/state-backend.md creates one), or set policy.production to false',
    });
}

/**
 * Resources an account or subscription holds once (or once per region): two environments that
 * both `create` one in the same place would fail on the second apply, or duplicate it.
 */
interface OncePerScope {
  /** Where the setting is in an environment, for the message. */
  readonly path: readonly string[];
  readonly value: (env: EnvironmentShape) => string;
  /** The places one creation covers: the account or subscription, or each region of the account. */
  readonly scopes: (env: EnvironmentShape) => readonly string[];
  readonly what: string;
  readonly why: string;
}

const accountOf = (env: EnvironmentShape) => [env.aws.accountId];
const accountRegionsOf = (env: EnvironmentShape) => env.aws.regions.map((r) => `${env.aws.accountId} in ${r.region}`);

const ONCE_PER_SCOPE: readonly OncePerScope[] = [
  {
    path: ['aws', 'serviceLinkedRoles'],
    value: (env) => env.aws.serviceLinkedRoles,
    scopes: accountOf,
    what: 'the service-linked roles of account',
    why: 'an account has one of each',
  },
  {
    path: ['aws', 'cloudTrail'],
    value: (env) => env.aws.cloudTrail,
    scopes: accountOf,
    what: 'the trail of account',
    why: 'one multi-region trail records the whole account',
  },
  {
    path: ['aws', 'baseline', 's3BlockPublicAccess'],
    value: (env) => env.aws.baseline.s3BlockPublicAccess,
    scopes: accountOf,
    what: 'the S3 Block Public Access of account',
    why: 'an account has one',
  },
  ...(
    [
      ['ebsEncryptionByDefault', 'the EBS encryption default of account'],
      ['accessAnalyzer', 'the Access Analyzer of account'],
      ['guardDuty', 'the GuardDuty detector of account'],
      ['config', 'the AWS Config recorder of account'],
      ['securityHub', 'Security Hub of account'],
    ] as const
  ).map(([part, what]): OncePerScope => ({
    path: ['aws', 'baseline', part],
    value: (env) => env.aws.baseline[part],
    scopes: accountRegionsOf,
    what,
    why: 'an account has one per region',
  })),
  {
    path: ['azure', 'activityLog'],
    value: (env) => env.azure.activityLog,
    scopes: (env) => [env.azure.subscriptionId],
    what: 'the Activity Log setting of subscription',
    why: 'a subscription exports its Activity Log once',
  },
  {
    path: ['azure', 'baseline', 'defenderPlans'],
    value: (env) => env.azure.baseline.defenderPlans,
    scopes: (env) => [env.azure.subscriptionId],
    what: 'the Defender for Cloud plans of subscription',
    why: 'a subscription has one pricing per plan',
  },
  {
    path: ['azure', 'baseline', 'activityLogAlerts'],
    value: (env) => env.azure.baseline.activityLogAlerts,
    scopes: (env) => [env.azure.subscriptionId],
    what: 'the CIS Activity Log alerts of subscription',
    why: 'each alert watches the whole subscription, so a second set would only repeat every email',
  },
];

interface EnvironmentShape {
  aws: {
    accountId: string;
    serviceLinkedRoles: 'create' | 'existing';
    cloudTrail: 'create' | 'existing';
    baseline: Record<AwsBaselinePart, 'create' | 'existing'>;
    regions: { region: string }[];
  };
  azure: {
    subscriptionId: string;
    activityLog: 'create' | 'existing';
    baseline: { defenderPlans: 'create' | 'existing'; activityLogAlerts: 'create' | 'existing' };
  };
}

function rejectSharedCreation(envs: Record<string, EnvironmentShape>, ctx: z.RefinementCtx): void {
  for (const rule of ONCE_PER_SCOPE) {
    const creators = new Map<string, string>();
    for (const [name, env] of Object.entries(envs)) {
      if (rule.value(env) !== 'create') continue;
      const taken = rule.scopes(env).filter((scope) => creators.has(scope));
      if (taken.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: [name, ...rule.path],
          message: `must be "existing": environment ${creators.get(taken[0])} creates ${rule.what} ${taken.join(', ')}, and ${rule.why}`,
        });
      }
      for (const scope of rule.scopes(env)) if (!creators.has(scope)) creators.set(scope, name);
    }
  }
}

export const platformConfigSchema = z.strictObject({
  $schema: z
    .string()
    .optional()
    .meta({ description: 'Optional JSON schema reference for editors; ignored by the app.' }),
  platform: z
    .strictObject({
      name: matching(NAME_PART_PATTERN, NAME_PART_RULE).meta({
        description: 'Short name prefix used in every resource name: 2-8 lowercase letters and digits.',
      }),
    })
    .meta({ description: 'The platform as a whole.' }),
  environments: z
    .record(matching(NAME_PART_PATTERN, NAME_PART_RULE), environment)
    .refine((envs) => Object.keys(envs).length > 0, { message: 'must define at least one environment' })
    .superRefine(rejectSharedCreation)
    .superRefine(rejectConflictsWithinEnvironments)
    .meta({
      description:
        'The environments by name (2-8 lowercase letters and digits), each with its own AWS account, Azure subscription, regions and pools.',
    }),
});

/** The config as written in the file (defaults not yet applied). */
export type PlatformConfigInput = z.input<typeof platformConfigSchema>;
/** The validated config, defaults applied. */
export type PlatformConfig = z.output<typeof platformConfigSchema>;
export type EnvironmentConfig = PlatformConfig['environments'][string];
export type GpuPoolConfig = EnvironmentConfig['gpuPools'][number];
export type WorkloadIdentityConfig = EnvironmentConfig['workloadIdentities'][number];
export type StateBackendConfig = EnvironmentConfig['stateBackend'];
export type AwsRegionConfig = EnvironmentConfig['aws']['regions'][number];
export type AzureRegionConfig = EnvironmentConfig['azure']['regions'][number];
