/**
 * The node pools a synthesized stack will deploy, as written: EKS managed node groups (their
 * capacity read from the node group and its launch template) and AKS node pools (the cluster's
 * default pool, which is the system pool, and every added pool). What the capacity ledger counts
 * and prices and the architecture diagram draws, so both report what will be deployed, not what
 * the config meant. Pure.
 */
import { GPU_LABELS } from '../cloud-neutral/cluster';
import type { Cloud } from '../cloud-neutral/gpu-catalog';
import type { NodeCountSpec } from '../cloud-neutral/gpu-pool';
import type { CapacityKind } from '../cloud-neutral/ledger';
import {
  awsProviderRegion,
  block,
  referencedAddress,
  resourceAt,
  resourcesOfType,
  type Attributes,
  type StackJson,
} from '../shared/stack-json';

/** One node group or node pool of a stack. */
export interface SynthesizedPool {
  readonly cloud: Cloud;
  /** The region the stack deploys to: its AWS provider's, or its AKS cluster's location. */
  readonly region: string;
  /** Node group / node pool name. */
  readonly name: string;
  /** The address of the cluster the pool belongs to. */
  readonly cluster: string;
  /** `gpu` when the nodes carry the platform's GPU model label, else `system`. */
  readonly role: 'gpu' | 'system';
  /** The GPU model label the nodes carry; undefined for a system pool. */
  readonly gpuModel?: string;
  /** Instance type or VM size; several instance types are joined with `, `. */
  readonly sku: string;
  /** Node counts; a pool without an autoscaler has its fixed count at every bound. */
  readonly nodes: NodeCountSpec;
  readonly capacity: CapacityKind;
  /** The resource's address, for messages. */
  readonly address: string;
}

function labelsOf(attributes: Attributes, key: string): Record<string, string> {
  return (attributes[key] ?? {}) as Record<string, string>;
}

function role(labels: Record<string, string>): { role: 'gpu' | 'system'; gpuModel?: string } {
  const model = labels[GPU_LABELS.model];
  return model ? { role: 'gpu', gpuModel: model } : { role: 'system' };
}

/**
 * An EKS node group's capacity: `SPOT`, `CAPACITY_BLOCK`, or `ON_DEMAND`, which is a reservation
 * when its launch template targets one.
 */
function eksCapacity(stack: StackJson, group: Attributes): CapacityKind {
  const type = group.capacity_type as string | undefined;
  if (type === 'SPOT') return 'spot';
  if (type === 'CAPACITY_BLOCK') return 'capacity-block';
  const template = resourceAt(stack, referencedAddress(block(group.launch_template)?.id));
  const reservation = block(template?.attributes.capacity_reservation_specification);
  return block(reservation?.capacity_reservation_target) ? 'on-demand-capacity-reservation' : 'on-demand';
}

/** The node groups of an AWS distribution stack. */
export function eksNodeGroups(stack: StackJson): SynthesizedPool[] {
  const region = awsProviderRegion(stack) ?? 'unknown';
  return resourcesOfType(stack, 'aws_eks_node_group').map(({ address, attributes: group }) => {
    const scaling = block(group.scaling_config)!;
    return {
      cloud: 'aws',
      region,
      name: String(group.node_group_name),
      cluster: referencedAddress(group.cluster_name) ?? '',
      ...role(labelsOf(group, 'labels')),
      sku: ((group.instance_types as string[] | undefined) ?? []).join(', '),
      nodes: { min: Number(scaling.min_size), desired: Number(scaling.desired_size), max: Number(scaling.max_size) },
      capacity: eksCapacity(stack, group),
      address,
    };
  });
}

/** An AKS pool's counts: its autoscaler range, or its fixed count when it does not scale. */
function aksCounts(pool: Attributes): NodeCountSpec {
  const count = Number(pool.node_count);
  return pool.min_count === undefined
    ? { min: count, desired: count, max: count }
    : { min: Number(pool.min_count), desired: count, max: Number(pool.max_count) };
}

function aksPool(
  pool: Attributes,
  at: { region: string; cluster: string; address: string },
  labels: Record<string, string>,
): SynthesizedPool {
  return {
    cloud: 'azure',
    region: at.region,
    name: String(pool.name),
    cluster: at.cluster,
    ...role(labels),
    sku: String(pool.vm_size),
    nodes: aksCounts(pool),
    capacity:
      pool.priority === 'Spot'
        ? 'spot'
        : pool.capacity_reservation_group_id
          ? 'azure-capacity-reservation-group'
          : 'on-demand',
    address: at.address,
  };
}

/** The node pools of an Azure host stack: each cluster's default (system) pool, then the added pools. */
export function aksNodePools(stack: StackJson): SynthesizedPool[] {
  const clusters = resourcesOfType(stack, 'azurerm_kubernetes_cluster');
  const locations = new Map(clusters.map((c) => [c.address, String(c.attributes.location)]));
  return [
    ...clusters.map((c) => {
      const pool = block(c.attributes.default_node_pool)!;
      return aksPool(
        pool,
        { region: String(c.attributes.location), cluster: c.address, address: `${c.address}.default_node_pool` },
        labelsOf(pool, 'node_labels'),
      );
    }),
    ...resourcesOfType(stack, 'azurerm_kubernetes_cluster_node_pool').map(({ address, attributes }) => {
      const cluster = referencedAddress(attributes.kubernetes_cluster_id) ?? '';
      return aksPool(
        attributes,
        { region: locations.get(cluster) ?? 'unknown', cluster, address },
        labelsOf(attributes, 'node_labels'),
      );
    }),
  ];
}
