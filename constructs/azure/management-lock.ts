import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import type { Construct } from 'constructs';

/** The name of every lock the platform places: what `az lock delete --name` takes to retire an environment. */
export const DELETION_LOCK_NAME = 'platform-cannot-delete';

/** Props of {@link lockAgainstDeletion}. */
export interface DeletionLockProps {
  /** The Resource Manager id of the resource locked. */
  readonly resourceId: string;
  /** What is locked, in a few words, for the lock's notes. */
  readonly what: string;
}

/**
 * A `CanNotDelete` management lock: Resource Manager refuses to delete the resource (and its
 * child resources) until the lock is removed, whoever asks, Terraform included. `CanNotDelete`,
 * not `ReadOnly`: a read-only lock also refuses the POST operations Terraform and Azure services
 * need on a live resource (listing keys, updating properties), while a delete lock leaves every
 * update and the data planes alone: blobs are still written and deleted, keys still rotate.
 * Retiring an environment starts by removing its locks (docs/security-azure.md, "Nothing lost").
 */
export function lockAgainstDeletion(scope: Construct, id: string, props: DeletionLockProps): ManagementLock {
  return new ManagementLock(scope, id, {
    name: DELETION_LOCK_NAME,
    scope: props.resourceId,
    lockLevel: 'CanNotDelete',
    notes: `Production data: ${props.what} must not be deleted. Remove this lock first to retire the environment (docs/security-azure.md).`,
  });
}
