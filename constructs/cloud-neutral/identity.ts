/**
 * Cloud-neutral identity: which cloud account a stack deploys into. The AWS side pins the
 * provider to the account id so a stack can never be applied with credentials for another
 * account; the Azure side names the subscription and the Entra ID tenant.
 */
export interface AwsIdentitySpec {
  readonly cloud: 'aws';
  /** The 12-digit account id the stack may deploy into. */
  readonly accountId: string;
}

export interface AzureIdentitySpec {
  readonly cloud: 'azure';
  /** The subscription the stack deploys into. */
  readonly subscriptionId: string;
  /** The Entra ID tenant of the subscription. */
  readonly tenantId: string;
}
