import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import type { IdentityDescription } from '../cloud-neutral/parity';
import { serviceAccountSubject, type CloudWorkloadIdentity } from '../cloud-neutral/workload-identity';
import { azureStoreRole, grantOfRole, type AzureStoreScopes } from './store-roles';

/** The audience Entra ID expects in a federated Kubernetes token (AKS workload identity). */
export const ENTRA_TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/** Props of {@link AzureWorkloadIdentities}. */
export interface AzureWorkloadIdentitiesProps {
  /** Identity name prefix, `<platform>-<environment>-<region>`. */
  readonly namePrefix: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** The AKS cluster's OIDC issuer, which the federated credentials trust. */
  readonly oidcIssuerUrl: string;
  /** The workloads that run on this region's AKS cluster. */
  readonly workloads: readonly CloudWorkloadIdentity[];
  /** The stores grants name. */
  readonly stores: AzureStoreScopes;
}

/**
 * The Azure side of the workload identities of one region: a user-assigned managed identity
 * per AKS workload that is granted Azure stores, a federated credential binding it to the
 * cluster's issuer and the workload's exact service account, and one data-plane role
 * assignment per grant at the store's own scope (a container or a data collection rule).
 *
 * The grants are used by running workloads, not by anything this apply creates, so they need no
 * propagation wait.
 */
export class AzureWorkloadIdentities extends Construct {
  /** The managed identity of each workload, by workload name: pods name its client id. */
  readonly identities: Readonly<Record<string, UserAssignedIdentity>>;
  private readonly descriptions: IdentityDescription[] = [];

  constructor(scope: Construct, id: string, props: AzureWorkloadIdentitiesProps) {
    super(scope, id);
    const common = { resourceGroupName: props.resourceGroupName, location: props.location };
    const identities: Record<string, UserAssignedIdentity> = {};
    for (const workload of props.workloads.filter((w) => w.local.length > 0)) {
      const identity = new UserAssignedIdentity(this, workload.name, {
        name: `id-${props.namePrefix}-${workload.name}`,
        ...common,
      });
      identities[workload.name] = identity;
      new FederatedIdentityCredential(this, `${workload.name}-federation`, {
        name: `aks-${workload.namespace}-${workload.serviceAccount}`,
        resourceGroupName: props.resourceGroupName,
        parentId: identity.id,
        issuer: props.oidcIssuerUrl,
        subject: serviceAccountSubject(workload.namespace, workload.serviceAccount),
        audience: [ENTRA_TOKEN_EXCHANGE_AUDIENCE],
      });
      const grants = workload.local.map((grant) => {
        const assignment = new RoleAssignment(this, `${workload.name}-${grant.store}-${grant.mode}`, {
          scope: props.stores[grant.store],
          roleDefinitionName: azureStoreRole(grant),
          principalId: identity.principalId,
          // A new identity: naming its type skips the lookup that fails while Entra ID replicates it.
          principalType: 'ServicePrincipal',
          description: `${workload.name} may ${grant.mode} ${grant.store}`,
        });
        return grantOfRole(grant.store, assignment.roleDefinitionNameInput!);
      });
      this.descriptions.push({ name: workload.name, cloud: 'azure', runsOn: 'azure', grants });
    }
    this.identities = identities;
  }

  /** What was granted here, per workload, for the identity parity check. */
  describe(): readonly IdentityDescription[] {
    return this.descriptions;
  }
}
