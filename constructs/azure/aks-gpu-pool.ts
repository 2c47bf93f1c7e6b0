import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { ProximityPlacementGroup } from '@cdktf/provider-azurerm/lib/proximity-placement-group';
import { Construct } from 'constructs';
import type { GpuPoolSpec } from '../cloud-neutral/gpu-pool';
import { planAksGpuNodePool, type AksGpuNodePoolPlan } from './gpu-node-pool-plan';
import { grantRoles } from './role-grants';

/** Props of {@link AzureAksGpuPool}. */
export interface AzureAksGpuPoolProps {
  readonly clusterId: string;
  readonly pool: GpuPoolSpec;
  /** The network's zones (`1`, `2`, `3`). */
  readonly zones: readonly string[];
  /** The `aks-gpu` subnet. */
  readonly subnetId: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** Resource name prefix for the placement group. */
  readonly namePrefix: string;
  /** The cluster's control-plane identity, which places the pool's VMs in its placement group. */
  readonly controlPlanePrincipalId: string;
}

/**
 * One GPU pool on AKS: a user node pool of the catalog's VM size with the platform's GPU labels
 * and taints, autoscaling between the pool's bounds, host encryption, no public IPs; spot with
 * delete-on-eviction, a capacity reservation group, or for fabric pools a proximity placement
 * group in a single zone, as the spec asks.
 */
export class AzureAksGpuPool extends Construct {
  readonly plan: AksGpuNodePoolPlan;
  readonly nodePool: KubernetesClusterNodePool;

  constructor(scope: Construct, id: string, props: AzureAksGpuPoolProps) {
    super(scope, id);
    const { pool } = props;
    this.plan = planAksGpuNodePool(pool, props.zones);
    const placement = this.plan.proximityPlacementGroup
      ? new ProximityPlacementGroup(this, 'placement', {
          name: `ppg-${props.namePrefix}-${pool.name}`,
          resourceGroupName: props.resourceGroupName,
          location: props.location,
          zone: this.plan.zones[0],
          allowedVmSizes: [this.plan.vmSize],
        })
      : undefined;
    // AKS writes to the placement group when it creates the pool's scale set; without the role the
    // pool fails with LinkedAuthorizationFailed. Contributor on this one resource, nothing wider.
    const placementGrants =
      placement &&
      grantRoles(this, 'placement-rbac-propagation', [
        {
          id: 'placement-write',
          scope: placement.id,
          role: 'Contributor',
          principalId: props.controlPlanePrincipalId,
          reason: 'AKS places the pool scale set in this proximity placement group',
        },
      ]);
    this.nodePool = new KubernetesClusterNodePool(this, 'pool', {
      name: pool.name,
      kubernetesClusterId: props.clusterId,
      mode: 'User',
      vmSize: this.plan.vmSize,
      zones: [...this.plan.zones],
      vnetSubnetId: props.subnetId,
      autoScalingEnabled: true,
      minCount: pool.nodes.min,
      maxCount: pool.nodes.max,
      nodeCount: pool.nodes.desired,
      nodeLabels: { ...this.plan.labels },
      nodeTaints: [...this.plan.taints],
      osDiskType: this.plan.osDiskType,
      osDiskSizeGb: this.plan.osDiskSizeGb,
      maxPods: this.plan.maxPods,
      gpuDriver: this.plan.gpuDriver,
      osSku: this.plan.osSku,
      hostEncryptionEnabled: true,
      nodePublicIpEnabled: false,
      priority: this.plan.priority,
      evictionPolicy: this.plan.evictionPolicy,
      // -1: pay up to the on-demand price, so spot nodes are evicted for capacity, never for price.
      spotMaxPrice: this.plan.priority === 'Spot' ? -1 : undefined,
      capacityReservationGroupId: this.plan.capacityReservationGroupId,
      proximityPlacementGroupId: placement?.id,
      upgradeSettings: this.plan.upgradeSettings,
      temporaryNameForRotation: this.plan.temporaryNameForRotation,
      // The autoscaler owns the node count after creation.
      lifecycle: { ignoreChanges: ['node_count'] },
      dependsOn: placementGrants ? [placementGrants.ready] : undefined,
    });
  }
}
