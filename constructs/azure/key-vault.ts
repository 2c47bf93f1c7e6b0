import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';

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
  /** Networks allowed to reach the public endpoint (the deploying machine). Empty: public access off. */
  readonly deployerCidrs: readonly string[];
}

/**
 * A Key Vault for customer-managed keys, per CIS Azure: RBAC authorization, purge protection,
 * 90-day soft delete, protected from destroy, reachable through a private endpoint (the public
 * endpoint is off, or open only to the deploying networks), audit events to Log Analytics. The
 * identity running `cdktf deploy` gets Key Vault Crypto Officer so it can create the keys.
 */
export class AzureKeyVault extends Construct {
  readonly vault: KeyVault;
  /** Depend on this before creating keys: the deployer's data-plane permission. */
  readonly deployerAccess: RoleAssignment;

  constructor(scope: Construct, id: string, props: AzureKeyVaultProps) {
    super(scope, id);
    const publicAccess = props.deployerCidrs.length > 0;
    this.vault = new KeyVault(this, 'vault', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tenantId: props.tenantId,
      skuName: 'premium',
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: 90,
      publicNetworkAccessEnabled: publicAccess,
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [...props.deployerCidrs] },
      lifecycle: { preventDestroy: true },
    });
    new PrivateEndpoint(this, 'private-endpoint', {
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
    this.deployerAccess = new RoleAssignment(this, 'deployer-crypto-officer', {
      scope: this.vault.id,
      roleDefinitionName: 'Key Vault Crypto Officer',
      principalId: deployer.objectId,
    });
  }
}
