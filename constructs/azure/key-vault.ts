import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { lockAgainstDeletion } from './management-lock';
import { grantRoles } from './role-grants';

/** How keys are protected: software keys in a Standard vault, or HSM keys in a Premium vault. */
export type KeyProtection = 'software' | 'hsm';

/** Props of {@link AzureKeyVault}. */
export interface AzureKeyVaultProps {
  /** Globally unique vault name (see `keyVaultName`). */
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly tenantId: string;
  /** The private-endpoints subnet. */
  readonly privateEndpointSubnetId: string;
  /** The `privatelink.vaultcore.azure.net` zone. */
  readonly privateDnsZoneId: string;
  /** Where the vault's audit events go. */
  readonly logAnalyticsWorkspaceId: string;
  /**
   * Networks allowed to reach the public endpoint: the deploy runner's during the first deploy
   * (docs/deploy.md, "Before the first deploy"). Empty: public network access off.
   */
  readonly deployerCidrs: readonly string[];
  /** `software` (Standard vault, RSA keys) or `hsm` (Premium vault, RSA-HSM keys). */
  readonly keyProtection: KeyProtection;
  /** A `CanNotDelete` management lock on the vault (see `lockAgainstDeletion`). Default false. */
  readonly deletionLock?: boolean;
  /**
   * The role the deployer gets on the vault to create and manage its keys: a custom role's
   * resource id, for a vault whose keys the deployer must not use. Default `Key Vault Crypto Officer`.
   */
  readonly deployerRole?: { readonly roleDefinitionId: string };
}

/**
 * A Key Vault for customer-managed keys, per CIS Azure: RBAC authorization, purge protection,
 * 90-day soft delete, protected from destroy, reachable through a private endpoint (the public
 * endpoint is off, or open only to the deploying networks), audit events to Log Analytics. The
 * identity running `cdktf deploy` gets Key Vault Crypto Officer so it can create the keys. In
 * production, a `CanNotDelete` lock.
 */
export class AzureKeyVault extends Construct {
  readonly vault: KeyVault;
  readonly keyProtection: KeyProtection;
  /**
   * What a key needs before the data-plane call that creates it: the deployer's Crypto Officer
   * role, propagated, and the private endpoint with its DNS zone group, the path a runner inside
   * the VNet takes (docs/deploy.md, "Before the first deploy").
   */
  readonly keyPrerequisites: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: AzureKeyVaultProps) {
    super(scope, id);
    this.keyProtection = props.keyProtection;
    const publicAccess = props.deployerCidrs.length > 0;
    this.vault = new KeyVault(this, 'vault', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tenantId: props.tenantId,
      skuName: props.keyProtection === 'hsm' ? 'premium' : 'standard',
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: 90,
      publicNetworkAccessEnabled: publicAccess,
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [...props.deployerCidrs] },
      lifecycle: { preventDestroy: true },
    });
    const privateEndpoint = new PrivateEndpoint(this, 'private-endpoint', {
      name: `pe-${props.name}`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      subnetId: props.privateEndpointSubnetId,
      privateServiceConnection: {
        name: `psc-${props.name}`,
        privateConnectionResourceId: this.vault.id,
        subresourceNames: ['vault'],
        isManualConnection: false,
      },
      privateDnsZoneGroup: { name: 'vault', privateDnsZoneIds: [props.privateDnsZoneId] },
    });
    new MonitorDiagnosticSetting(this, 'audit', {
      name: 'audit-to-log-analytics',
      targetResourceId: this.vault.id,
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
      enabledLog: [{ categoryGroup: 'audit' }],
    });
    const deployer = new DataAzurermClientConfig(this, 'deployer');
    const deployerGrants = grantRoles(this, 'deployer-rbac-propagation', [
      {
        id: 'deployer-crypto-officer',
        scope: this.vault.id,
        role: props.deployerRole ?? 'Key Vault Crypto Officer',
        principalId: deployer.objectId,
        principalType: 'unknown',
        reason: 'The identity running cdktf deploy creates and rotates the platform keys',
      },
    ]);
    this.keyPrerequisites = [privateEndpoint, deployerGrants.ready];
    if (props.deletionLock)
      lockAgainstDeletion(this, 'lock', { resourceId: this.vault.id, what: `the ${props.name} Key Vault` });
  }
}
