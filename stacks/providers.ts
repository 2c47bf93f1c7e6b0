import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import type { Construct } from 'constructs';
import type { AwsIdentitySpec, AzureIdentitySpec } from '../constructs/spec/identity';

/** The AWS provider for one region, pinned to the environment's account. */
export function awsProvider(scope: Construct, identity: AwsIdentitySpec, region: string): AwsProvider {
  return new AwsProvider(scope, 'aws', { region, allowedAccountIds: [identity.accountId] });
}

/**
 * The azurerm provider for the environment's subscription. Storage data-plane calls use Entra ID
 * because the platform's storage accounts have shared keys turned off.
 */
export function azureProvider(scope: Construct, identity: AzureIdentitySpec): AzurermProvider {
  return new AzurermProvider(scope, 'azurerm', {
    features: [{}],
    subscriptionId: identity.subscriptionId,
    tenantId: identity.tenantId,
    storageUseAzuread: true,
  });
}
