/**
 * Cloud-neutral GPU catalog: each GPU model mapped to the instance types (AWS) and VM sizes
 * (Azure) that carry it.
 *
 * A pool in config names a model and a GPU count per node; {@link resolveGpuOffering} picks the
 * SKU on each cloud. Two clouds "match" when the model, GPUs per node, GPU memory and fabric
 * class are the same, which is what the parity report compares.
 *
 * Sources (cited per row below):
 * - [AWS-ACCEL] https://docs.aws.amazon.com/ec2/latest/instancetypes/ac.html (accelerated computing specs)
 * - [AWS-EFA]   https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/efa.html#efa-instance-types
 * - [KARPENTER] https://karpenter.sh/docs/reference/instance-types/ (generated instance reference)
 * - [AZ-ND-H100] https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/ndh100v5-series
 * - [AZ-ND-H200] https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/nd-h200-v5-series
 * - [AZ-ND-A100] https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/ndma100v4-series
 * - [AZ-ND-A100-40] https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/nda100v4-series
 * - [AZ-NV-A10] https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/nvadsa10v5-series
 * - [AZ-NC-T4]  https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/ncast4v3-series
 * - [AZ-NC-H100] https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/ncadsh100v5-series
 * - [EKS-GB200] https://docs.aws.amazon.com/eks/latest/userguide/ml-eks-nvidia-ultraserver.html
 *   ("Use P6e-GB200 UltraServers with Amazon EKS": 4 GPUs, UltraServers of 9 or 18 instances,
 *   Capacity Blocks only, Kubernetes 1.33+, AL2023 ARM NVIDIA AMI; its sample job also names p6e-gb300.36xlarge)
 * - [AWS-EFA-P6E] https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/efa-acc-inst-types.html#efa-for-p6e
 *   (17 network cards; card 0 is ENA only; EFA-only interfaces on cards 1, 5, 9, 13 give 4 x 400 Gbps)
 * - [AZ-ND-GB200] https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/nd-gb200-v6-series
 *   (Standard_ND128isr_NDR_GB200_v6: 4 x GB200 GPUs, 128 Grace vCPUs, 4 x 400 Gb/s NDR InfiniBand, 18 VMs a rack)
 * - [AZ-ND-GB300] https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/nd-gb300-v6-series
 *   (Standard_ND128isr_GB300_v6: 4 x GB300 GPUs, 800 Gb/s InfiniBand per GPU, GB300 NVL72 racks)
 *   Both Azure rows were checked against secondary copies (Azure SKU lists, Microsoft's announcements
 *   as quoted), not the series pages themselves: re-read those pages before relying on the figures.
 * - [AKS-GPU] https://learn.microsoft.com/azure/aks/use-nvidia-gpu (the sizes AKS supports; neither ND v6 size is listed)
 * - [AKS-GPU-OPERATOR] https://learn.microsoft.com/azure/aks/nvidia-gpu-operator (`--gpu-driver none`, the GPU Operator)
 */

/** The clouds this platform deploys to. */
export const CLOUDS = ['aws', 'azure'] as const;
export type Cloud = (typeof CLOUDS)[number];

/**
 * The interconnect between GPU nodes. `efa` and `infiniband` are both RDMA fabrics for
 * multi-node collectives (NCCL); `ethernet` is plain TCP networking.
 */
export type GpuFabric = 'efa' | 'infiniband' | 'ethernet';

/** The cloud-neutral class of a fabric, which is what parity compares across clouds. */
export type FabricClass = 'rdma' | 'tcp';

export function fabricClass(fabric: GpuFabric): FabricClass {
  return fabric === 'ethernet' ? 'tcp' : 'rdma';
}

/** The CPU architecture of a node; GPU nodes of one pool share it on both clouds. */
export type CpuArchitecture = 'x86_64' | 'arm64';

/**
 * Whether a cloud's managed Kubernetes runs an offering today: `ga` (documented and supported),
 * `preview` (runs, but outside the cloud's support; a pool must opt in), or `unsupported`.
 */
export type SupportStatus = 'ga' | 'preview' | 'unsupported';

export interface OfferingSupport {
  readonly status: SupportStatus;
  /** What the status means for this offering, in one sentence a config error can quote. */
  readonly note: string;
  /** The public page the status is read from. */
  readonly source: string;
}

/** One SKU on one cloud that carries a GPU model. */
export interface GpuOffering {
  /** AWS instance type or Azure VM size, exactly as the cloud's API spells it. */
  readonly sku: string;
  /** Whole GPUs per node. Fractional-GPU sizes are left out of the catalog. */
  readonly gpusPerNode: number;
  /** vCPUs per node. */
  readonly vcpus: number;
  /** The node's interconnect. */
  readonly fabric: GpuFabric;
  /** AWS only: EFA network interfaces the instance type accepts (0 when it has none). */
  readonly efaInterfaces?: number;
  /**
   * Azure only: the VM's temporary (resource) disk in GiB. An ephemeral OS disk placed on it
   * must fit, so it decides whether {@link supportsEphemeralOsDisk}.
   */
  readonly tempDiskGiB?: number;
  /** The node's CPU architecture. Default `x86_64`. */
  readonly cpuArchitecture?: CpuArchitecture;
  /**
   * Nodes that share one multi-node NVLink domain (an UltraServer or an NVL72 rack). A pool is
   * sized in whole domains. Default 1: NVLink stops at the node.
   */
  readonly nvlinkDomainNodes?: number;
  /** What the domain is called on this cloud, for messages (`u-p6e-gb200x72 UltraServer`). */
  readonly nvlinkDomainName?: string;
  /**
   * AWS only: the network cards that take an EFA-only interface, card 0 keeping the primary ENA
   * interface. Left out, every EFA card carries an EFA interface (card 0 the primary one).
   */
  readonly efaOnlyNetworkCards?: readonly number[];
  /** AWS only: capacity this instance type is sold through. Default: any. */
  readonly capacity?: 'capacity-block';
  /** The oldest Kubernetes minor version the cloud runs this SKU on. Default: any supported. */
  readonly minKubernetesVersion?: string;
  /** Support on the cloud's managed Kubernetes. Left out: generally available, per the row's sources. */
  readonly support?: OfferingSupport;
}

/** A GPU model and where it is offered. */
export interface GpuModel {
  /** Human-readable name, as the vendor sells it. */
  readonly displayName: string;
  /** GPU memory per GPU, in GiB. */
  readonly memoryGiBPerGpu: number;
  /** GPUs per node a pool gets when its config leaves `gpusPerNode` out. */
  readonly defaultGpusPerNode: number;
  /** Offerings per cloud. A cloud with no entry does not offer the model. */
  readonly offerings: Partial<Record<Cloud, readonly GpuOffering[]>>;
  /** Clouds said to carry the model whose SKU or domain could not be confirmed, and why: not offered. */
  readonly unconfirmed?: Partial<Record<Cloud, string>>;
}

export const GPU_CATALOG = {
  // [AWS-ACCEL] p5.48xlarge: 8 x H100 80GB, 192 vCPU; [AWS-EFA] 32 EFA interfaces, 3,200 Gbps.
  // [AZ-ND-H100] Standard_ND96isr_H100_v5: 8 x H100 80GB, 96 vCPU, 8 x 400 Gb/s NDR InfiniBand, 1,000 GiB temp disk.
  h100: {
    displayName: 'NVIDIA H100 SXM 80GB',
    memoryGiBPerGpu: 80,
    defaultGpusPerNode: 8,
    offerings: {
      aws: [{ sku: 'p5.48xlarge', gpusPerNode: 8, vcpus: 192, fabric: 'efa', efaInterfaces: 32 }],
      azure: [{ sku: 'Standard_ND96isr_H100_v5', gpusPerNode: 8, vcpus: 96, fabric: 'infiniband', tempDiskGiB: 1000 }],
    },
  },
  // [AWS-ACCEL] p5e.48xlarge: 8 x H200 141GB; [AWS-EFA] 32 EFA interfaces, 3,200 Gbps.
  // [AZ-ND-H200] Standard_ND96isr_H200_v5: 8 x H200 141GB, 96 vCPU, InfiniBand, 2,900 GiB temp disk.
  h200: {
    displayName: 'NVIDIA H200 SXM 141GB',
    memoryGiBPerGpu: 141,
    defaultGpusPerNode: 8,
    offerings: {
      aws: [{ sku: 'p5e.48xlarge', gpusPerNode: 8, vcpus: 192, fabric: 'efa', efaInterfaces: 32 }],
      azure: [{ sku: 'Standard_ND96isr_H200_v5', gpusPerNode: 8, vcpus: 96, fabric: 'infiniband', tempDiskGiB: 2900 }],
    },
  },
  // [AWS-ACCEL] p4de.24xlarge: 8 x A100 80GB, 96 vCPU; [AWS-EFA] 4 EFA interfaces, 400 Gbps.
  // [AZ-ND-A100] Standard_ND96amsr_A100_v4: 8 x A100 80GB, 96 vCPU, 8 x 200 Gb/s HDR InfiniBand, 2,900 GiB temp disk.
  'a100-80gb': {
    displayName: 'NVIDIA A100 SXM 80GB',
    memoryGiBPerGpu: 80,
    defaultGpusPerNode: 8,
    offerings: {
      aws: [{ sku: 'p4de.24xlarge', gpusPerNode: 8, vcpus: 96, fabric: 'efa', efaInterfaces: 4 }],
      azure: [{ sku: 'Standard_ND96amsr_A100_v4', gpusPerNode: 8, vcpus: 96, fabric: 'infiniband', tempDiskGiB: 2900 }],
    },
  },
  // [AWS-ACCEL] p4d.24xlarge: 8 x A100 40GB, 96 vCPU; [AWS-EFA] 4 EFA interfaces, 400 Gbps.
  // [AZ-ND-A100-40] Standard_ND96asr_v4: 8 x A100 40GB, 96 vCPU, 8 x 200 Gb/s HDR InfiniBand, 6,000 GiB temp disk.
  'a100-40gb': {
    displayName: 'NVIDIA A100 SXM 40GB',
    memoryGiBPerGpu: 40,
    defaultGpusPerNode: 8,
    offerings: {
      aws: [{ sku: 'p4d.24xlarge', gpusPerNode: 8, vcpus: 96, fabric: 'efa', efaInterfaces: 4 }],
      azure: [{ sku: 'Standard_ND96asr_v4', gpusPerNode: 8, vcpus: 96, fabric: 'infiniband', tempDiskGiB: 6000 }],
    },
  },
  // A10-class inference. AWS carries the A10G (24 GB), Azure the A10 (24 GB); both Ampere GA102.
  // [AWS-ACCEL] g5.8xlarge: 1 x A10G, 32 vCPU; g5.12xlarge: 4 x A10G; g5.48xlarge: 8 x A10G.
  // [AZ-NV-A10] Standard_NV36ads_A10_v5: 1 x A10, 36 vCPU, 720 GiB temp; Standard_NV72ads_A10_v5: 2 x A10,
  // 1,400 GiB temp. The smaller NV*ads_A10_v5 sizes are GPU fractions and are left out.
  a10: {
    displayName: 'NVIDIA A10 / A10G 24GB',
    memoryGiBPerGpu: 24,
    defaultGpusPerNode: 1,
    offerings: {
      aws: [
        { sku: 'g5.8xlarge', gpusPerNode: 1, vcpus: 32, fabric: 'ethernet', efaInterfaces: 0 },
        { sku: 'g5.12xlarge', gpusPerNode: 4, vcpus: 48, fabric: 'ethernet', efaInterfaces: 0 },
        { sku: 'g5.48xlarge', gpusPerNode: 8, vcpus: 192, fabric: 'ethernet', efaInterfaces: 0 },
      ],
      azure: [
        { sku: 'Standard_NV36ads_A10_v5', gpusPerNode: 1, vcpus: 36, fabric: 'ethernet', tempDiskGiB: 720 },
        { sku: 'Standard_NV72ads_A10_v5', gpusPerNode: 2, vcpus: 72, fabric: 'ethernet', tempDiskGiB: 1400 },
      ],
    },
  },
  // [AWS-ACCEL] g4dn.2xlarge: 1 x T4 16GB, 8 vCPU; g4dn.12xlarge: 4 x T4, 48 vCPU.
  // [AZ-NC-T4] Standard_NC8as_T4_v3: 1 x T4, 8 vCPU, 360 GiB temp; Standard_NC64as_T4_v3: 4 x T4, 64 vCPU, 2,880 GiB temp.
  t4: {
    displayName: 'NVIDIA T4 16GB',
    memoryGiBPerGpu: 16,
    defaultGpusPerNode: 1,
    offerings: {
      aws: [
        { sku: 'g4dn.2xlarge', gpusPerNode: 1, vcpus: 8, fabric: 'ethernet', efaInterfaces: 0 },
        { sku: 'g4dn.12xlarge', gpusPerNode: 4, vcpus: 48, fabric: 'ethernet', efaInterfaces: 0 },
      ],
      azure: [
        { sku: 'Standard_NC8as_T4_v3', gpusPerNode: 1, vcpus: 8, fabric: 'ethernet', tempDiskGiB: 360 },
        { sku: 'Standard_NC64as_T4_v3', gpusPerNode: 4, vcpus: 64, fabric: 'ethernet', tempDiskGiB: 2880 },
      ],
    },
  },
  // AWS only. [AWS-ACCEL] g6.xlarge: 1 x L4 24GB; g6.12xlarge: 4 x L4; g6.48xlarge: 8 x L4. No Azure VM carries an L4.
  l4: {
    displayName: 'NVIDIA L4 24GB',
    memoryGiBPerGpu: 24,
    defaultGpusPerNode: 1,
    offerings: {
      aws: [
        { sku: 'g6.xlarge', gpusPerNode: 1, vcpus: 4, fabric: 'ethernet', efaInterfaces: 0 },
        { sku: 'g6.12xlarge', gpusPerNode: 4, vcpus: 48, fabric: 'ethernet', efaInterfaces: 0 },
        { sku: 'g6.48xlarge', gpusPerNode: 8, vcpus: 192, fabric: 'ethernet', efaInterfaces: 0 },
      ],
    },
  },
  // AWS only. [AWS-ACCEL] g6e.xlarge: 1 x L40S 48GB; g6e.12xlarge: 4 x L40S. No Azure VM carries an L40S.
  l40s: {
    displayName: 'NVIDIA L40S 48GB',
    memoryGiBPerGpu: 48,
    defaultGpusPerNode: 1,
    offerings: {
      aws: [
        { sku: 'g6e.xlarge', gpusPerNode: 1, vcpus: 4, fabric: 'ethernet', efaInterfaces: 0 },
        { sku: 'g6e.12xlarge', gpusPerNode: 4, vcpus: 48, fabric: 'ethernet', efaInterfaces: 0 },
      ],
    },
  },
  // AWS only. [AWS-ACCEL] p6-b200.48xlarge: 8 x B200 ~179GB; [AWS-EFA] 8 EFA interfaces, 3,200 Gbps. No Azure size found.
  b200: {
    displayName: 'NVIDIA B200 ~179GB',
    memoryGiBPerGpu: 179,
    defaultGpusPerNode: 8,
    offerings: {
      aws: [{ sku: 'p6-b200.48xlarge', gpusPerNode: 8, vcpus: 192, fabric: 'efa', efaInterfaces: 8 }],
    },
  },
  // Azure only. [AZ-NC-H100] Standard_NC40ads_H100_v5: 1 x H100 NVL 94GB, 800 GiB temp;
  // Standard_NC80adis_H100_v5: 2 x H100 NVL, 3,576 GiB temp. AWS offers no H100 NVL.
  'h100-nvl': {
    displayName: 'NVIDIA H100 NVL 94GB',
    memoryGiBPerGpu: 94,
    defaultGpusPerNode: 1,
    offerings: {
      azure: [
        { sku: 'Standard_NC40ads_H100_v5', gpusPerNode: 1, vcpus: 40, fabric: 'ethernet', tempDiskGiB: 800 },
        { sku: 'Standard_NC80adis_H100_v5', gpusPerNode: 2, vcpus: 80, fabric: 'ethernet', tempDiskGiB: 3576 },
      ],
    },
  },
  // Rack-scale Grace Blackwell: 4 GPUs and Grace (arm64) CPUs a node, 72 GPUs (18 nodes) an NVLink domain.
  // [EKS-GB200] p6e-gb200.36xlarge (144 vCPU) is sold only in u-p6e-gb200x36 (9) and u-p6e-gb200x72 (18)
  // UltraServers; the catalog models the NVL72 one, the domain Azure's rack also has. ~185 GB HBM3e a GPU.
  // [AWS-EFA-P6E] 4 EFA-only interfaces on cards 1, 5, 9, 13 (1,600 Gbps); card 0 is ENA.
  // [AZ-ND-GB200] Standard_ND128isr_NDR_GB200_v6; 18 VMs a GB200 NVL72 rack. Its local NVMe is not a
  // resource disk the catalog has confirmed, so no ephemeral OS disk (tempDiskGiB 0).
  gb200: {
    displayName: 'NVIDIA GB200 NVL72 ~185GB',
    memoryGiBPerGpu: 185,
    defaultGpusPerNode: 4,
    offerings: {
      aws: [
        {
          sku: 'p6e-gb200.36xlarge',
          gpusPerNode: 4,
          vcpus: 144,
          fabric: 'efa',
          efaInterfaces: 4,
          efaOnlyNetworkCards: [1, 5, 9, 13],
          cpuArchitecture: 'arm64',
          nvlinkDomainNodes: 18,
          nvlinkDomainName: 'u-p6e-gb200x72 UltraServer',
          capacity: 'capacity-block',
          minKubernetesVersion: '1.33',
          support: {
            status: 'ga',
            note: 'EKS supports P6e-GB200 UltraServers on managed node groups from Kubernetes 1.33, through Capacity Blocks for ML',
            source: 'https://docs.aws.amazon.com/eks/latest/userguide/ml-eks-nvidia-ultraserver.html',
          },
        },
      ],
      azure: [
        {
          sku: 'Standard_ND128isr_NDR_GB200_v6',
          gpusPerNode: 4,
          vcpus: 128,
          fabric: 'infiniband',
          tempDiskGiB: 0,
          cpuArchitecture: 'arm64',
          nvlinkDomainNodes: 18,
          nvlinkDomainName: 'GB200 NVL72 rack',
          support: {
            status: 'preview',
            note: 'AKS does not list Standard_ND128isr_NDR_GB200_v6 among its GPU sizes: the pool runs with gpuDriver none, the NVIDIA GPU Operator installing drivers, outside AKS support',
            source: 'https://learn.microsoft.com/azure/aks/use-nvidia-gpu',
          },
        },
      ],
    },
  },
  // [AZ-ND-GB300] Standard_ND128isr_GB300_v6: 4 x GB300 (288 GB HBM3e), Grace, 800 Gb/s InfiniBand a GPU,
  // GB300 NVL72 racks of 18 VMs. [EKS-GB200]'s sample names p6e-gb300.36xlarge, but no AWS page read
  // confirms its UltraServer names or sizes, so AWS is left out until one does.
  gb300: {
    displayName: 'NVIDIA GB300 NVL72 ~288GB',
    memoryGiBPerGpu: 288,
    defaultGpusPerNode: 4,
    offerings: {
      azure: [
        {
          sku: 'Standard_ND128isr_GB300_v6',
          gpusPerNode: 4,
          vcpus: 128,
          fabric: 'infiniband',
          tempDiskGiB: 0,
          cpuArchitecture: 'arm64',
          nvlinkDomainNodes: 18,
          nvlinkDomainName: 'GB300 NVL72 rack',
          support: {
            status: 'preview',
            note: 'AKS does not list Standard_ND128isr_GB300_v6 among its GPU sizes: the pool runs with gpuDriver none, the NVIDIA GPU Operator installing drivers, outside AKS support',
            source: 'https://learn.microsoft.com/azure/aks/use-nvidia-gpu',
          },
        },
      ],
    },
    unconfirmed: {
      aws: 'p6e-gb300.36xlarge appears in AWS docs, but its UltraServer names and sizes are not confirmed (https://docs.aws.amazon.com/eks/latest/userguide/ml-eks-nvidia-ultraserver.html)',
    },
  },
} as const satisfies Record<string, GpuModel>;

export type GpuModelId = keyof typeof GPU_CATALOG;

export const GPU_MODEL_IDS = Object.keys(GPU_CATALOG) as GpuModelId[];

export function isGpuModelId(value: string): value is GpuModelId {
  return Object.prototype.hasOwnProperty.call(GPU_CATALOG, value);
}

export function gpuModel(id: GpuModelId): GpuModel {
  return GPU_CATALOG[id];
}

/** The clouds that offer a model at all. */
export function cloudsOffering(id: GpuModelId): Cloud[] {
  return CLOUDS.filter((cloud) => (gpuModel(id).offerings[cloud]?.length ?? 0) > 0);
}

/** The GPU counts per node a cloud offers for a model, ascending; empty when it offers none. */
export function gpusPerNodeChoices(id: GpuModelId, cloud: Cloud): number[] {
  return (gpuModel(id).offerings[cloud] ?? []).map((o) => o.gpusPerNode).sort((a, b) => a - b);
}

/**
 * The SKU that carries `gpusPerNode` GPUs of a model on a cloud, or `undefined` when that cloud
 * cannot match. Config validation turns `undefined` into an error naming the choices.
 */
export function resolveGpuOffering(id: GpuModelId, cloud: Cloud, gpusPerNode: number): GpuOffering | undefined {
  return gpuModel(id).offerings[cloud]?.find((o) => o.gpusPerNode === gpusPerNode);
}

/** Nodes of one NVLink domain for an offering: 1 unless it is rack-scale. */
export function nvlinkDomainNodes(offering: GpuOffering): number {
  return offering.nvlinkDomainNodes ?? 1;
}

/** Whether a pool of this offering is sized in multi-node NVLink domains. */
export function isRackScale(offering: GpuOffering): boolean {
  return nvlinkDomainNodes(offering) > 1;
}

/** Whether a model is rack-scale on any cloud: its pools then live in one zone, as fabric pools do. */
export function isRackScaleModel(id: GpuModelId): boolean {
  return CLOUDS.some((cloud) => (gpuModel(id).offerings[cloud] ?? []).some(isRackScale));
}

export function cpuArchitecture(offering: GpuOffering): CpuArchitecture {
  return offering.cpuArchitecture ?? 'x86_64';
}

/** The support status of an offering: its own, or `ga` when the row's sources document it. */
export function supportStatus(offering: GpuOffering): SupportStatus {
  return offering.support?.status ?? 'ga';
}

/**
 * The node counts nearest `count` that are whole domains of `domainNodes`: the one below (if it
 * is at least `floor`) and the one above, ascending.
 */
export function nearestDomainCounts(count: number, domainNodes: number, floor = 0): number[] {
  const below = Math.floor(count / domainNodes) * domainNodes;
  const above = below + domainNodes;
  return below >= floor ? [below, above] : [above];
}

/** Compares Kubernetes minor versions (`1.33`): negative when `a` is older than `b`. */
export function compareKubernetesVersions(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number);
  const [bMajor, bMinor] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/** Whether an Azure VM size can hold an ephemeral OS disk of `osDiskGiB` on its temp disk. */
export function supportsEphemeralOsDisk(offering: GpuOffering, osDiskGiB: number): boolean {
  return (offering.tempDiskGiB ?? 0) >= osDiskGiB;
}
