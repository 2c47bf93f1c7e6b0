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
    /** The cloud region, for example `us-east-1` or `eastus2`. */
    region: matching(regionPattern, regionRule),
    /** The network's address space: private (RFC 1918), disjoint from every other network of the environment. */
    cidr,
    /**
     * Why the network uses 100.64.0.0/10 (RFC 6598 shared address space) instead of an RFC 1918
     * range, in a sentence; required for such a range, refused for any other.
     */
    sharedAddressSpaceReason: z.string().trim().min(10, 'must give a reason of at least 10 characters').optional(),
    /** The availability zones nodes and subnets spread over. */
    availabilityZones: z
      .array(matching(/^[a-z0-9-]+$/, zoneRule))
      .min(2, 'must list 2 or 3 zones')
      .max(3, 'must list 2 or 3 zones'),
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
    /** Fewest nodes the autoscaler keeps. */
    min: z.number().int().min(0, 'must be 0 or more'),
    /** Nodes at creation. */
    desired: z.number().int().min(0, 'must be 0 or more'),
    /** Most nodes the autoscaler adds. */
    max: z.number().int().min(1, 'must be 1 or more'),
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
  /** The reservation or Capacity Block to launch into. Give this or `capacityReservationResourceGroupArn`. */
  capacityReservationId: matching(
    /^cr-[0-9a-f]{8,17}$/,
    'a capacity reservation id such as cr-0123456789abcdef0',
  ).optional(),
  /** A resource group of capacity reservations to launch into, instead of one reservation. */
  capacityReservationResourceGroupArn: matching(
    /^arn:aws[a-z-]*:resource-groups:[a-z0-9-]+:\d{12}:group\/[\w.-]+$/,
    'a resource group ARN such as arn:aws:resource-groups:us-east-1:123456789012:group/gpu-blocks',
  ).optional(),
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
);

const capacity = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('on-demand') }),
  z.strictObject({ type: z.literal('spot') }),
  z.strictObject({
    type: z.literal('reserved'),
    /**
     * AWS: On-Demand Capacity Reservations, or Capacity Blocks for ML when `capacityBlock` is
     * true. A reservation belongs to one zone of one region: name it directly when the pool lands
     * in one AWS region, or give one per region under `regions`.
     */
    aws: z
      .strictObject({
        ...awsReservationTarget,
        /** One reservation target per AWS region the pool lands in, by region name. */
        regions: z
          .record(
            z.string(),
            z
              .strictObject(awsReservationTarget)
              .superRefine(oneTarget(AWS_TARGETS.slice(0, 2), 'reservation target of')),
          )
          .optional(),
        capacityBlock: z.boolean().default(false),
      })
      .superRefine(oneTarget(AWS_TARGETS, 'reservation target, or one per region, of'))
      .optional(),
    /**
     * Azure: the capacity reservation group the pool's VMs draw from, which belongs to one region:
     * name it directly when the pool lands in one Azure region, or give one per region.
     */
    azure: z
      .strictObject({
        capacityReservationGroupId: capacityReservationGroupId.optional(),
        /** One capacity reservation group per Azure region the pool lands in, by region name. */
        regions: z.record(z.string(), z.strictObject({ capacityReservationGroupId })).optional(),
      })
      .superRefine(
        oneTarget(['capacityReservationGroupId', 'regions'], 'capacity reservation group, or one per region, of'),
      )
      .optional(),
  }),
]);

const gpuPool = z
  .strictObject({
    /** Pool name: becomes the node group / node pool name, so AKS's rule applies (lowercase alphanumeric, 1-12). */
    name: matching(/^[a-z][a-z0-9]{0,11}$/, '1-12 lowercase letters and digits, starting with a letter'),
    /** A GPU model id from the catalog (`constructs/cloud-neutral/gpu-catalog.ts`). */
    gpuModel: z.string().refine(isGpuModelId, {
      message: `is not in the GPU catalog; known models: ${GPU_MODEL_IDS.join(', ')}`,
    }),
    /** GPUs per node; picks the SKU on each cloud. Default: the model's `defaultGpusPerNode`. */
    gpusPerNode: z.number().int().positive().optional(),
    /** The clouds that get this pool. Default: both. */
    clouds: z
      .array(z.enum(CLOUDS))
      .min(1, 'must name at least one cloud')
      .optional()
      .meta({ default: [...CLOUDS] }),
    /**
     * The regions the pool lands in: names of regions of its clouds in this environment (AWS and
     * Azure names together). Default: every region of its clouds.
     */
    regions: z.array(z.string()).min(1, 'must name at least one region, or be left out for all').optional(),
    purpose: z.enum(['training', 'inference']),
    nodes: nodeCounts,
    capacity,
    /** RDMA fabric (EFA / InfiniBand) for multi-node collectives; forces a single zone. Default false. */
    fabric: z.boolean().default(false),
    /** Root (AWS) / OS (Azure) disk per node in GiB, sized for model images. Default 300. */
    diskGiB: z.number().int().min(100, 'must be at least 100 GiB: GPU images are large').max(2048).default(300),
    /**
     * 1-based positions in each region's `availabilityZones`; every region of the pool's clouds must
     * have them. Default: every zone of each region the pool lands in, or the first for fabric pools.
     */
    zones: z.array(z.number().int().min(1).max(3)).min(1).optional(),
    /** Who installs the NVIDIA driver on Azure nodes: AKS (`install`) or the GPU Operator (`none`). Default `install`. */
    gpuDriver: z.enum(['install', 'none']).default('install'),
    /**
     * Build this pool even where its SKU is `preview` on a cloud (see the README's GPU catalog):
     * it runs outside that cloud's support. Default false.
     */
    allowPreview: z.boolean().default(false),
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
        message: `must be "none" for ${offering.sku}: AKS's managed driver install does nothing on arm64 nodes, so the NVIDIA GPU Operator installs the drivers (see the README)`,
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
    /** Stable name, part of every role and identity built from it: 2-24 lowercase letters, digits and hyphens. */
    name: matching(
      /^[a-z][a-z0-9-]{0,22}[a-z0-9]$/,
      '2-24 lowercase letters, digits and hyphens, starting with a letter',
    ),
    /** The clouds whose clusters run the workload. Default: both. */
    clouds: z
      .array(z.enum(CLOUDS))
      .min(1, 'must name at least one cloud')
      .default([...CLOUDS]),
    /** Namespace of the workload's service account. */
    namespace: kubernetesName,
    /** The service account the workload's pods run as: trust is pinned to it. */
    serviceAccount: kubernetesName,
    /** What the workload may touch. */
    access: z
      .array(
        z.strictObject({
          /** A store kind: `models`, `datasets` or `workload-logs`. */
          store: z.enum(STORE_KINDS),
          /** Whose store: default the cloud the workload runs on (each, for a workload on both). */
          cloud: z.enum(CLOUDS).optional(),
          /** `read` or `write`. */
          mode: z.enum(ACCESS_MODES),
        }),
      )
      .min(1, 'must grant at least one store: an identity with no access has no reason to exist'),
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
    /** Days operational logs are kept (flow logs, control plane, workload logs), on both clouds. */
    retentionDays: z
      .number()
      .int()
      .refine((d) => ALLOWED_RETENTION_DAYS.includes(d), {
        message: `must be one of ${ALLOWED_RETENTION_DAYS.join(', ')} (accepted by both CloudWatch Logs and Log Analytics)`,
      }),
    /** Days audit logs stay queryable (the CloudTrail log group, the audit tables). At least 365. */
    auditRetentionDays: z
      .number()
      .int()
      .refine((d) => ALLOWED_AUDIT_RETENTION_DAYS.includes(d), {
        message: `must be one of ${ALLOWED_AUDIT_RETENTION_DAYS.join(', ')}: audit logs are kept at least a year, in values both CloudWatch Logs and Log Analytics accept`,
      }),
    /** Days audit archives are kept: S3 audit bucket, Azure archive account, Log Analytics total retention. */
    archiveDays: z
      .number()
      .refine((d) => ALLOWED_ARCHIVE_DAYS.includes(d), { message: `must be ${ARCHIVE_DAYS_RULE}` }),
    /** Whether audit archives are immutable: `off`, `governance` or `compliance` (irreversible). */
    immutability: z.enum(IMMUTABILITY_MODES),
    /** Tags every resource carries, on both clouds, for lineage queries. Default none. */
    lineageTags: z.record(tagKey, tagValue).default({}),
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
  /** Days deleted blobs and containers (Azure) stay recoverable. Default 30. */
  softDeleteDays: z
    .number()
    .int()
    .min(1, 'must be 1-365 (Azure blob soft delete)')
    .max(365, 'must be 1-365 (Azure blob soft delete)')
    .default(30),
  /** Days a replaced or deleted object version (S3) is kept before it expires. Default 90. */
  noncurrentVersionDays: z.number().int().min(1, 'must be 1 or more').default(90),
  /** Azure model store replication: `ZRS` survives a zone, `GZRS` a region too. Default `ZRS`. */
  azureReplication: z.enum(['LRS', 'ZRS', 'GZRS']).default('ZRS'),
});

/** A locked archive, as `npm run archive:lock` prints it (README "Locking the audit archive"). */
const archiveLock = z.strictObject({
  /** The Azure region whose archive was locked. */
  region: matching(/^[a-z][a-z0-9]+$/, 'an Azure region name such as eastus2'),
  /** The day it was locked, `YYYY-MM-DD`. */
  lockedOn: matching(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD'),
  /** The account's replacement-relevant attributes when it was locked, as the command printed them. */
  account: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .refine((account) => typeof account.name === 'string', { message: 'must record the account name' }),
});

/** The immutable audit archive of each Azure region. */
const auditArchive = z
  .strictObject({
    /**
     * Replication: `GZRS` keeps a copy in the region's pair, so the immutable record survives the
     * loss of a region; it needs a region with zones and a pair. `ZRS` or `LRS` for non-production.
     * Default `GZRS`.
     */
    replication: z.enum(['LRS', 'ZRS', 'GZRS']).default('GZRS'),
    /**
     * Archives that have been locked: their immutability policy is `Locked` (irreversible), and a
     * change that would replace them is refused at synth. Add one only as the deploy runbook
     * says, after the archive exists. Default none.
     */
    locks: z.array(archiveLock).default([]),
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
  /** Kubernetes minor version, the same on EKS and AKS. */
  version: matching(/^1\.\d{2}$/, 'a Kubernetes minor version such as 1.33'),
  /** The system pool: cluster add-ons only, no GPU workloads. */
  systemPool: z.strictObject({
    nodes: nodeCounts,
    /** EKS system node instance type. */
    awsInstanceType: matching(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'an EC2 instance type such as m7i.xlarge'),
    /** AKS system node VM size. */
    azureVmSize: matching(/^Standard_[A-Za-z0-9_]+$/, 'an Azure VM size such as Standard_D4ds_v5'),
  }),
  /**
   * CIDRs that may reach the EKS API over its public endpoint. Empty (the default) turns the
   * public endpoint off; AKS is always private.
   */
  publicAccessCidrs: publicAccessCidrs.default([]),
  /** Who administers the clusters. */
  admins: z.strictObject({
    /** IAM roles or users given cluster-admin through EKS access entries. */
    awsPrincipalArns: z.array(matching(/^arn:aws:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/, 'an IAM role or user ARN')),
    /** Entra ID groups given cluster-admin through AKS's Entra ID integration. */
    azureGroupObjectIds: z.array(uuid),
  }),
  /**
   * EKS support once a version's 14 months of standard support end: `standard` (AWS then
   * upgrades the control plane by itself, so the config must move first; synth refuses a
   * version past its end) or `extended` (12 months more, at $0.60 instead of $0.10 per
   * cluster-hour). Default `standard`.
   */
  eksSupport: z.enum(['standard', 'extended']).default('standard'),
  /** AKS automatic upgrade channel. Default `patch`. */
  upgradeChannel: z.enum(['patch', 'stable', 'rapid', 'node-image']).default('patch'),
  /** When AKS may upgrade. Default Sunday 02:00 UTC for 4 hours. */
  maintenanceWindow: z
    .strictObject({
      dayOfWeek: z.enum(DAYS_OF_WEEK),
      startHourUtc: z.number().int().min(0).max(23),
      durationHours: z.number().int().min(4, 'must be at least 4 (AKS minimum)').max(24),
    })
    .default({ dayOfWeek: 'Sunday', startHourUtc: 2, durationHours: 4 }),
  /** Microsoft Defender for Containers on AKS. Default false. */
  defender: z.boolean().default(false),
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
  /** Account-level S3 Block Public Access, all four settings (account stack). Default `create`. */
  s3BlockPublicAccess: createOrExisting.default('create'),
  /** EBS encryption by default in each region, with the AWS managed key `aws/ebs`. Default `create`. */
  ebsEncryptionByDefault: createOrExisting.default('create'),
  /** An IAM Access Analyzer of the account in each region. Default `create`. */
  accessAnalyzer: createOrExisting.default('create'),
  /** A GuardDuty detector in each region, with EKS audit-log and runtime monitoring. Default `create`. */
  guardDuty: createOrExisting.default('create'),
  /**
   * An AWS Config recorder in each region (global resource types in the primary region only),
   * delivering to an encrypted bucket of the account stack. Default `create`.
   */
  config: createOrExisting.default('create'),
  /**
   * Security Hub in each region, with the AWS Foundational Security Best Practices v1.0.0 and CIS
   * AWS Foundations Benchmark v3.0.0 standards. Its controls are evaluated by AWS Config: with
   * `config: "existing"`, the owner of the recorders must record every region. Default `create`.
   */
  securityHub: createOrExisting.default('create'),
});

const stateBackend = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('local') }),
  z.strictObject({
    type: z.literal('s3'),
    bucket: matching(S3_BUCKET_NAME_PATTERN, S3_BUCKET_NAME_RULE),
    region: matching(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region code such as us-east-1'),
    /** State keys are `<keyPrefix>/<stack>.tfstate`. Default `gpu-platform`. */
    keyPrefix: nonEmpty.default('gpu-platform'),
    /**
     * The KMS key that encrypts state objects (`kms_key_id`). Default: the bucket's default
     * encryption (docs/state-backend.md creates the bucket with a KMS key).
     */
    kmsKeyArn: matching(
      /^arn:aws[\w-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/-]+$/,
      'a KMS key or alias ARN',
    ).optional(),
  }),
  z.strictObject({
    type: z.literal('azurerm'),
    resourceGroupName: nonEmpty,
    storageAccountName: matching(STORAGE_ACCOUNT_NAME_PATTERN, STORAGE_ACCOUNT_NAME_RULE),
    containerName: matching(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, '3-63 lowercase letters, digits and hyphens'),
    /** State keys are `<keyPrefix>/<stack>.tfstate`. Default `gpu-platform`. */
    keyPrefix: nonEmpty.default('gpu-platform'),
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
    /** The rule id, for example `GPUP-AWS-EKS-2` (README "Policy rules"). */
    rule: matching(/^GPUP-[A-Z0-9-]+$/, 'a policy rule id such as GPUP-AWS-EKS-2'),
    /** The kind of stack the resource is in: `account`, `distribution` (AWS regions), `host` (Azure regions) or `link`. */
    stack: z.enum(STACK_KINDS),
    /** The resource's construct path below the stack, as the policy report prints it after the stack name: `eks/cluster`. */
    resource: matching(/^[\w.-]+(\/[\w.-]+)*$/, 'a construct path below the stack, such as eks/cluster'),
    /** Only in these regions of the kind (distribution: AWS regions; host: Azure regions). Default: every region. */
    regions: z.array(z.string()).min(1, 'must name at least one region, or be left out for all').optional(),
    /** Why the rule does not apply to this resource, in a sentence. */
    reason: z.string().trim().min(10, 'must give a reason of at least 10 characters: why the rule does not apply here'),
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

/** The policy gate's environment-wide settings (README "Policy gate"). */
const policy = z.strictObject({
  /** Production environments must replicate storage across zones and keep keys in HSMs. Default true. */
  production: z.boolean().default(true),
  /** The shortest log retention (CloudWatch, Log Analytics) the gate accepts, in days. Default 365. */
  minimumLogRetentionDays: z.number().int().min(1, 'must be at least 1 day').default(365),
  /** Rules waived on single resources, each with its reason. Default none. */
  suppressions: z.array(policySuppression).default([]),
});

const environment = z
  .strictObject({
    tags: z.strictObject({ owner: nonEmpty, costCenter: nonEmpty }),
    /** Retention, archives and lineage tags of every log the environment keeps, on both clouds. */
    logging,
    /** Who is told when a security alarm or a link alarm fires. */
    alerts: z.strictObject({
      /** Addresses subscribed to the AWS alarm topic and the Azure action group. */
      emails: z
        .array(z.email('must be an email address'))
        .min(1, 'must name at least one address: alarms nobody reads are not monitoring'),
    }),
    stateBackend,
    /** The site-to-site VPN between the primary AWS region and the primary Azure region. */
    link: z
      .strictObject({
        /** Turn the link off to run the clouds unjoined (no VPN gateways are billed). Default true. */
        enabled: z.boolean().default(true),
        /** BGP ASN of the AWS virtual private gateway. */
        awsAsn: privateAsn,
        /** BGP ASN of the Azure VPN gateway. */
        azureAsn: privateAsn,
        /** The link's service level, watched by alarms on both clouds. */
        objectives: z
          .strictObject({
            /** Tunnels of each VPN connection (of 2) that must be up; fewer raises the alarm. Default 1. */
            minTunnelsUp: z
              .number()
              .int()
              .min(1, 'must be 1 or 2 (each connection has 2 tunnels)')
              .max(2, 'must be 1 or 2 (each connection has 2 tunnels)')
              .default(1),
            /** Minutes below the objective before an alarm fires: 5, 15, 30 or 60 (what both clouds evaluate). Default 15. */
            alarmAfterMinutes: z
              .number()
              .refine((m) => (ALARM_DELAY_MINUTES as readonly number[]).includes(m), {
                message: `must be one of ${ALARM_DELAY_MINUTES.join(', ')}: CloudWatch counts 5-minute periods, and Azure metric alerts take these windows`,
              })
              .default(15),
          })
          .default({ minTunnelsUp: 1, alarmAfterMinutes: 15 }),
      })
      .refine((link) => link.awsAsn !== link.azureAsn, {
        path: ['azureAsn'],
        message: 'must differ from awsAsn: the link is eBGP between two autonomous systems',
      }),
    aws: z.strictObject({
      accountId: awsAccountId,
      /** NAT gateways per region: one per zone (survives a zone outage) or a single one (cheaper). */
      natGateways: z.enum(['one-per-zone', 'single']),
      /**
       * The account's service-linked roles the platform names: `AWSServiceRoleForAutoScaling`
       * (node volume key policies) and, when `baseline.config` is `create`,
       * `AWSServiceRoleForConfig` (the recorder). Each is a singleton of the account that other
       * workloads use too, so by default the platform does not own them: `existing` looks them up,
       * and a plan fails naming the one missing (an account that has ever run an Auto Scaling
       * group, or AWS Config, has it). `create` makes this environment's account stack own them:
       * for a fresh account only, and destroy-unsafe (destroying the stack deletes roles the
       * account's other Auto Scaling groups and recorders depend on; see docs/security-baseline.md
       * before switching). One environment per account may create them. Default `existing`.
       */
      serviceLinkedRoles: createOrExisting.default('existing'),
      /**
       * The account's CloudTrail trail (multi-region, so one per account): `create` it in this
       * environment's account stack, with data events for the model stores of every environment
       * in the account, or rely on the one another environment creates (`existing`). One
       * environment per account may create it. Default `create`.
       */
      cloudTrail: z.enum(['create', 'existing']).default('create'),
      /**
       * The account's security baseline, each part created by this environment (`create`) or owned
       * by someone else, usually a landing zone (`existing`): the platform then declares nothing
       * for it. docs/security-baseline.md says what each creates. Default: all `create`.
       */
      baseline: awsBaseline.default(AWS_BASELINE_DEFAULT),
      /**
       * The role that may still change the audit chain (trail, audit and Config buckets, log keys,
       * log groups, flow logs) when it carries the platform's permissions boundary, which denies
       * that to every other role: an IAM role ARN of the account, for incidents. Default: none,
       * no bounded role may.
       */
      breakGlassRoleArn: matching(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'an IAM role ARN').optional(),
      /**
       * The permissions boundary on every IAM role the platform creates: `platform` (the default)
       * creates one in the account stack, or give the ARN of your organization's own.
       */
      permissionsBoundary: z
        .union([z.literal('platform'), matching(/^arn:aws:iam::\d{12}:policy\/[\w+=,.@/-]+$/, 'an IAM policy ARN')])
        .default('platform'),
      /**
       * Who administers the model stores besides the workloads granted them and the principal
       * running the current deploy (read at plan time): the bucket policy denies every other
       * principal. List every role that deploys (CI, people). Default: the cluster admins
       * (`kubernetes.admins.awsPrincipalArns`).
       */
      adminPrincipalArns: z
        .array(matching(/^arn:aws:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/, 'an IAM role or user ARN'))
        .min(1, 'must name at least one admin: the store policies deny everyone else')
        .optional(),
      regions: z.array(awsRegionNetwork).min(1, 'must list at least one region'),
    }),
    azure: z.strictObject({
      subscriptionId: uuid,
      tenantId: uuid,
      /**
       * Network Watcher for flow logs: `create` one per region, or use the `existing` one Azure
       * creates by itself (`NetworkWatcher_<region>` in `NetworkWatcherRG`). Only one may exist
       * per region and subscription. Default `existing`.
       */
      networkWatcher: z.enum(['create', 'existing']).default('existing'),
      /**
       * Networks that may reach the cluster Key Vault's public endpoint, for the machine that runs
       * `cdktf deploy` (it creates keys). Empty (the default): the vault takes traffic only from
       * Azure's trusted services and its private endpoint, so deploy from inside the VNet.
       */
      deployerCidrs: publicAccessCidrs.default([]),
      /**
       * How the Key Vault keys (AKS KMS, disks, flow-log storage) are protected: `software` keys
       * in a Standard vault, or `hsm` keys (RSA-HSM, FIPS 140 Level 3) in a Premium vault.
       * Default `software`; use `hsm` in production.
       */
      keyProtection: z.enum(['software', 'hsm']).default('software'),
      /**
       * The subscription's Activity Log diagnostic setting (one per subscription): `create` it in
       * the primary region's host stack, or rely on the one another environment creates
       * (`existing`). One environment per subscription may create it. Default `create`.
       */
      activityLog: z.enum(['create', 'existing']).default('create'),
      /** Optional explicit Key Vault name for the environment's first region; default derived from the platform name. */
      keyVaultName: matching(KEY_VAULT_NAME_PATTERN, KEY_VAULT_NAME_RULE).optional(),
      /** Each region's immutable audit archive. Default: `GZRS`, no locks. */
      auditArchive: auditArchive.default({ replication: 'GZRS', locks: [] }),
      regions: z.array(azureRegionNetwork).min(1, 'must list at least one region'),
    }),
    kubernetes,
    gpuPools: z.array(gpuPool),
    /** Workloads and the stores they may touch: the model distribution path. Default: none. */
    workloadIdentities: z.array(workloadIdentity).default([]),
    /** Model store settings. */
    modelStores: modelStores.default({ softDeleteDays: 30, noncurrentVersionDays: 90, azureReplication: 'ZRS' }),
    /** The policy gate: production or not, log retention floor, suppressions. Default the strictest. */
    policy: policy.default({ production: true, minimumLogRetentionDays: 365, suppressions: [] }),
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
];

interface EnvironmentShape {
  aws: {
    accountId: string;
    serviceLinkedRoles: 'create' | 'existing';
    cloudTrail: 'create' | 'existing';
    baseline: Record<AwsBaselinePart, 'create' | 'existing'>;
    regions: { region: string }[];
  };
  azure: { subscriptionId: string; activityLog: 'create' | 'existing' };
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
  /** Optional JSON schema reference for editors; ignored by the app. */
  $schema: z.string().optional(),
  platform: z.strictObject({
    /** Short name prefix used in every resource name: 2-8 lowercase letters and digits. */
    name: matching(NAME_PART_PATTERN, NAME_PART_RULE),
  }),
  environments: z
    .record(matching(NAME_PART_PATTERN, NAME_PART_RULE), environment)
    .refine((envs) => Object.keys(envs).length > 0, { message: 'must define at least one environment' })
    .superRefine(rejectSharedCreation)
    .superRefine(rejectConflictsWithinEnvironments),
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
