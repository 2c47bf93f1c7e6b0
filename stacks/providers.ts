import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import type { Construct } from 'constructs';
import { AzapiProvider } from '../constructs/azure/azapi-resource';
import type { AwsIdentitySpec, AzureIdentitySpec } from '../constructs/cloud-neutral/identity';

/** The AWS provider for one region, pinned to the environment's account. */
export function awsProvider(scope: Construct, identity: AwsIdentitySpec, region: string): AwsProvider {
  return new AwsProvider(scope, 'aws', { region, allowedAccountIds: [identity.accountId] });
}

/**
 * The azurerm provider for the environment's subscription. Storage data-plane calls use Entra ID
 * because the platform's storage accounts have shared keys turned off. `data_plane_available`
 * is off because azurerm 4.x otherwise reads every storage account's queue and static-website
 * properties through the data plane on each refresh, which a network-locked account answers
 * with 403 (terraform-provider-azurerm #33454, #29984); blob properties stay on the management
 * plane, and the platform sets no queue or website properties.
 */
export function azureProvider(scope: Construct, identity: AzureIdentitySpec): AzurermProvider {
  return new AzurermProvider(scope, 'azurerm', {
    features: [{ storage: [{ dataPlaneAvailable: false }] }],
    subscriptionId: identity.subscriptionId,
    tenantId: identity.tenantId,
    storageUseAzuread: true,
  });
}

/** azapi, for ARM properties azurerm lacks; same subscription and tenant as azurerm. */
export function azapiProvider(scope: Construct, identity: AzureIdentitySpec): AzapiProvider {
  return new AzapiProvider(scope, 'azapi', { subscriptionId: identity.subscriptionId, tenantId: identity.tenantId });
}

/** hashicorp/time, for the waits RBAC propagation needs. */
export function timeProvider(scope: Construct): TimeProvider {
  return new TimeProvider(scope, 'time');
}
