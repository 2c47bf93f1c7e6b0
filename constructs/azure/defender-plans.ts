import { SecurityCenterSubscriptionPricing } from '@cdktf/provider-azurerm/lib/security-center-subscription-pricing';
import { Construct } from 'constructs';

/** Defender for Servers plan: Plan 1, or Plan 2 with agentless scanning. */
export type DefenderServersPlan = 'P1' | 'P2';

/** One Defender for Cloud plan: its resource type, sub-plan and the extensions turned on. */
export interface DefenderPlan {
  /** Construct id, stable: part of the resource address. */
  readonly id: string;
  /** The plan's `resource_type`. */
  readonly resourceType: string;
  readonly subplan?: string;
  /**
   * Extensions to turn on. azurerm turns off every extension of the plan the config does not
   * list (v4.55.0 security_center_subscription_pricing_resource.go:332-360), so this list is the
   * plan's whole extension state.
   */
  readonly extensions: readonly string[];
}

/**
 * The plans the platform turns on, for what it runs: AKS (Containers), its nodes (Servers),
 * storage accounts, Key Vaults, and the subscription's control plane (Resource Manager).
 *
 * Containers: registry vulnerability assessment and agentless Kubernetes discovery, not the
 * `ContainerSensor` extension: the sensor is deployed per cluster through AKS's Defender profile
 * (`kubernetes.defender`), which Terraform owns; the extension would have Defender's own policy
 * write that profile, which Terraform then sees as drift. Storage: Defender for Storage (v2)
 * without on-upload malware scanning, which bills per GB scanned and would scan every multi-GB
 * model upload. Key Vault and Resource Manager take their default sub-plans.
 */
export function defenderPlans(serversPlan: DefenderServersPlan): readonly DefenderPlan[] {
  return [
    {
      id: 'containers',
      resourceType: 'Containers',
      extensions: ['ContainerRegistriesVulnerabilityAssessments', 'AgentlessDiscoveryForKubernetes'],
    },
    {
      id: 'servers',
      resourceType: 'VirtualMachines',
      subplan: serversPlan,
      extensions: serversPlan === 'P2' ? ['AgentlessVmScanning'] : [],
    },
    { id: 'storage', resourceType: 'StorageAccounts', subplan: 'DefenderForStorageV2', extensions: [] },
    { id: 'key-vaults', resourceType: 'KeyVaults', extensions: [] },
    { id: 'resource-manager', resourceType: 'Arm', extensions: [] },
  ];
}

/** Props of {@link AzureDefenderPlans}. */
export interface AzureDefenderPlansProps {
  /** Defender for Servers Plan 1 or Plan 2. */
  readonly serversPlan: DefenderServersPlan;
}

/**
 * Defender for Cloud's plans on the Standard tier, for the whole subscription (CIS Azure 2.1).
 * Subscription-wide: one stack per subscription declares them. azurerm refuses to create a plan
 * that is already on a paid tier (it must be imported), and destroying one resets it to Free
 * (security_center_subscription_pricing_resource.go:134-135, :308-326): where a landing zone owns
 * the plans, the config says `existing` and the platform leaves them alone.
 */
export class AzureDefenderPlans extends Construct {
  readonly plans: readonly SecurityCenterSubscriptionPricing[];

  constructor(scope: Construct, id: string, props: AzureDefenderPlansProps) {
    super(scope, id);
    this.plans = defenderPlans(props.serversPlan).map(
      (plan) =>
        new SecurityCenterSubscriptionPricing(this, plan.id, {
          tier: 'Standard',
          resourceType: plan.resourceType,
          subplan: plan.subplan,
          extension: plan.extensions.map((name) => ({ name })),
        }),
    );
  }
}
