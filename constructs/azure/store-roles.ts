/**
 * The built-in Azure roles that implement a cloud-neutral grant on an Azure store, always data
 * plane roles at the store's own scope (a container, a data collection rule). Pure.
 */
import type { AccessMode, StoreAccess, StoreKind } from '../cloud-neutral/workload-identity';

/** The Azure stores grants can name: the resource ids the roles are assigned on. */
export type AzureStoreScopes = Readonly<Record<StoreKind, string>>;

/**
 * Azure has no write-only blob role: a writer gets Contributor on its container, which also
 * reads and deletes there; the container scope is what keeps it to that container.
 */
const ROLES: Readonly<Record<StoreKind, Partial<Record<AccessMode, string>>>> = {
  models: { read: 'Storage Blob Data Reader', write: 'Storage Blob Data Contributor' },
  datasets: { read: 'Storage Blob Data Reader', write: 'Storage Blob Data Contributor' },
  // Logs Ingestion API: the role that may send data through one data collection rule.
  'workload-logs': { write: 'Monitoring Metrics Publisher' },
};

/** The role a grant takes. */
export function azureStoreRole(grant: Pick<StoreAccess, 'store' | 'mode'>): string {
  const role = ROLES[grant.store][grant.mode];
  // Config validation admits only the modes each store has; reaching here is a bug.
  if (!role) throw new Error(`${grant.store} cannot be granted ${grant.mode} on Azure`);
  return role;
}

/** The grant a role assignment on a store implements, read back from its role name. */
export function grantOfRole(store: StoreKind, role: string): StoreAccess {
  const mode = (Object.entries(ROLES[store]) as [AccessMode, string][]).find(([, r]) => r === role)?.[0];
  if (!mode) throw new Error(`${role} is not a role this platform grants on ${store}`);
  return { store, cloud: 'azure', mode };
}
