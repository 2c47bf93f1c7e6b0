import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import type { Construct } from 'constructs';

/**
 * How long a new role assignment takes to reach every Azure service that checks it. Azure
 * documents up to 10 minutes in the worst case; resources created right after their assignment
 * fail on first apply without a wait (terraform-provider-azurerm #24064). Two minutes covers the
 * propagation observed for new assignments; a failure past it succeeds on a re-apply.
 */
export const RBAC_PROPAGATION_WAIT = '120s';

/** One role assignment. */
export interface RoleGrant {
  /** Construct id of the assignment, stable: it is part of the resource address. */
  readonly id: string;
  /** The resource the role is granted on: as narrow as the role's use allows. */
  readonly scope: string;
  /** A built-in role name, for example `Key Vault Crypto User`; or a custom role's resource id (`roleDefinitionId`). */
  readonly role: string | { readonly roleDefinitionId: string };
  /** The principal (object id) receiving the role. */
  readonly principalId: string;
  /** What the principal does with the role, written into the assignment. */
  readonly reason: string;
  /**
   * The principal's kind. `ServicePrincipal` (the default: managed identities, which this
   * platform creates in the same apply as their grants) is written into the assignment, so Azure
   * skips the directory lookup that fails with `PrincipalNotFound` while a new identity is still
   * replicating through Entra ID. `unknown` for a principal that may be a user or a service
   * principal, such as the deployer: Azure then looks it up.
   */
  readonly principalType?: 'ServicePrincipal' | 'unknown';
}

/** The assignments made, and the wait to depend on. */
export interface RoleGrants {
  readonly assignments: readonly RoleAssignment[];
  /** Depend on this, not on the assignments: it ends {@link RBAC_PROPAGATION_WAIT} after them. */
  readonly ready: Sleep;
}

/**
 * Role assignments that something is about to use, and a wait for them to propagate. Resources
 * that need the roles at creation depend on `ready`, never on the assignments directly: `ready`
 * is created after every assignment, and runs again whenever one is replaced.
 *
 * A function, not a construct: the assignments keep the ids they had in `scope` before the wait
 * existed, so their resource addresses do not move.
 */
export function grantRoles(scope: Construct, waitId: string, grants: readonly RoleGrant[]): RoleGrants {
  const assignments = grants.map(
    (grant) =>
      new RoleAssignment(scope, grant.id, {
        scope: grant.scope,
        ...(typeof grant.role === 'string'
          ? { roleDefinitionName: grant.role }
          : { roleDefinitionId: grant.role.roleDefinitionId }),
        principalId: grant.principalId,
        principalType:
          (grant.principalType ?? 'ServicePrincipal') === 'ServicePrincipal' ? 'ServicePrincipal' : undefined,
        description: grant.reason,
      }),
  );
  const ready = new Sleep(scope, waitId, {
    createDuration: RBAC_PROPAGATION_WAIT,
    triggers: Object.fromEntries(assignments.map((a, i) => [grants[i].id, a.id])),
    dependsOn: [...assignments],
  });
  return { assignments, ready };
}
