/**
 * Locked audit archives: an Azure storage account whose version-level immutability policy is
 * `Locked` can never be unlocked, shortened or deleted until every blob's period ends (years).
 * Azure takes only `Disabled` or `Unlocked` when the policy is created, so an archive is created
 * `Unlocked` and locked by a later, deliberate config change: a record of the account as it was
 * when locked (`azure.auditArchive.locks`). From then on, any change that would make Terraform
 * replace it is refused here, before anything is written that could be deployed. Pure.
 *
 * What replaces a storage account is read from the provider, hashicorp/terraform-provider-azurerm
 * v4.55.0, internal/services/storage/storage_account_resource.go: ForceNew on name (:103),
 * location and resource_group_name (commonschema), account_tier (:121),
 * provisioned_billing_model_version (:127), edge_zone (:290), the immutability_policy block
 * (:302), is_hns_enabled (:335), nfsv3_enabled (:342), dns_endpoint_type (:366),
 * queue_encryption_key_type (:671), table_encryption_key_type (:679),
 * infrastructure_encryption_enabled (:688); account_kind unless it moves to StorageV2
 * (:1114-1124); account_replication_type across the LRS/GRS and ZRS/GZRS families (:1188-1203);
 * a state that leaves Locked (:1180-1183); and Locked at creation is refused (:1162-1170).
 */
import {
  block,
  resourceAt,
  referencedAddress,
  resourcesOfType,
  type Attributes,
  type StackJson,
} from '../shared/stack-json';

/** An attribute value as recorded. */
export type RecordedValue = string | number | boolean;

/** What `azure.auditArchive.locks` holds for one locked archive. */
export interface ArchiveLockRecord {
  /** The Azure region whose archive was locked. */
  readonly region: string;
  /** When it was locked (`YYYY-MM-DD`), for the record. */
  readonly lockedOn: string;
  /** The account's replacement-relevant attributes when it was locked ({@link archiveFingerprint}). */
  readonly account: Readonly<Record<string, RecordedValue>>;
}

/** Attributes whose change replaces the account, with the provider's default where it has one. */
const FORCE_NEW: Readonly<Record<string, RecordedValue | undefined>> = {
  name: undefined,
  location: undefined,
  resource_group_name: undefined,
  account_tier: undefined,
  account_kind: 'StorageV2',
  account_replication_type: undefined,
  provisioned_billing_model_version: '',
  edge_zone: '',
  is_hns_enabled: false,
  nfsv3_enabled: false,
  dns_endpoint_type: 'Standard',
  queue_encryption_key_type: 'Service',
  table_encryption_key_type: 'Service',
  infrastructure_encryption_enabled: false,
};

/** A reference to a literal attribute of a resource in the same stack, resolved; anything else as written. */
function literal(stack: StackJson, value: unknown): unknown {
  const address = referencedAddress(value);
  const attribute = /\.([a-z_]+)\}$/.exec(String(value))?.[1];
  const target = resourceAt(stack, address);
  return target && attribute ? (target.attributes[attribute] ?? value) : value;
}

/** An immutable storage account's replacement-relevant attributes, as a lock records them. */
export function archiveFingerprint(account: Attributes, stack: StackJson): Record<string, RecordedValue> {
  const policy = block(account.immutability_policy);
  const fingerprint: Record<string, RecordedValue> = {};
  for (const [attribute, fallback] of Object.entries(FORCE_NEW)) {
    const value = (literal(stack, account[attribute]) ?? fallback) as RecordedValue | undefined;
    if (value !== undefined) fingerprint[attribute] = value;
  }
  if (policy) {
    fingerprint.immutability_period_days = Number(policy.period_since_creation_in_days);
    fingerprint.immutability_allow_protected_append_writes = Boolean(policy.allow_protected_append_writes);
  }
  return fingerprint;
}

const REPLICATION_FAMILY = (type: string) => (['LRS', 'GRS', 'RAGRS'].includes(type.toUpperCase()) ? 'local' : 'zonal');

/** How a synthesized account departs from its lock record, one line each. */
function departures(recorded: Readonly<Record<string, RecordedValue>>, now: Record<string, RecordedValue>): string[] {
  return Object.entries(recorded).flatMap(([attribute, was]) => {
    const is = now[attribute];
    if (is === was) return [];
    if (attribute === 'account_replication_type' && REPLICATION_FAMILY(String(is)) === REPLICATION_FAMILY(String(was)))
      return [];
    if (attribute === 'immutability_period_days' && Number(is) > Number(was)) return [];
    if (attribute === 'account_kind' && is === 'StorageV2') return [];
    const why =
      attribute === 'immutability_period_days'
        ? 'a locked policy can only be extended'
        : attribute.startsWith('immutability_')
          ? 'a locked policy cannot be changed'
          : 'azurerm replaces the account for this change';
    return [`${attribute} ${JSON.stringify(was)} -> ${JSON.stringify(is ?? null)} (${why})`];
  });
}

/** A lock record where the config holds it, and the host stack its archive is in. */
export interface PlacedLockRecord {
  /** Config path of the record, `environments.prod.azure.auditArchive.locks[0]`. */
  readonly path: string;
  /** The host stack of the record's region. */
  readonly stack: string;
  readonly record: ArchiveLockRecord;
}

/** One problem with the locked archives: at a record's config path, or at a stack. */
export interface ArchiveLockProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * The problems of the locked archives with what a synth wrote: a record whose account is gone or
 * would be replaced, a recorded account that is not `Locked`, and a `Locked` account no record
 * stands for (azurerm refuses `Locked` at creation).
 */
export function archiveLockProblems(
  records: readonly PlacedLockRecord[],
  stacks: ReadonlyMap<string, StackJson>,
): ArchiveLockProblem[] {
  const problems: ArchiveLockProblem[] = [];
  const recorded = new Set<string>();
  for (const { path, stack: stackName, record } of records) {
    const name = String(record.account.name);
    recorded.add(`${stackName} ${name}`);
    const stack = stacks.get(stackName);
    const account = stack && resourcesOfType(stack, 'azurerm_storage_account').find((a) => a.attributes.name === name);
    if (!stack || !account) {
      problems.push({
        path,
        message: `locked archive ${name} (locked ${record.lockedOn}) is not in stack ${stackName} any more: renaming the platform, the environment or the region, or removing the region, would destroy or replace an account whose blobs cannot be deleted before their period ends; keep its region and names as they were`,
      });
      continue;
    }
    const state = block(account.attributes.immutability_policy)?.state;
    if (state !== 'Locked') {
      problems.push({
        path,
        message: `locked archive ${name} is written with immutability ${state === undefined ? 'off' : `state ${String(state)}`}: once Locked, leaving Locked replaces the account (azurerm v4.55.0 storage_account_resource.go:1180-1183); keep logging.immutability "compliance"`,
      });
    }
    const changes = departures(record.account, archiveFingerprint(account.attributes, stack));
    if (changes.length > 0) {
      problems.push({
        path,
        message: `this config would replace or change locked archive ${name} (locked ${record.lockedOn}): ${changes.join('; ')}; revert these settings`,
      });
    }
  }
  for (const [stackName, stack] of stacks) {
    for (const account of resourcesOfType(stack, 'azurerm_storage_account')) {
      const state = block(account.attributes.immutability_policy)?.state;
      if (state === 'Locked' && !recorded.has(`${stackName} ${String(account.attributes.name)}`)) {
        problems.push({
          path: `${stackName} ${account.address}`,
          message: `is created Locked, which Azure refuses (azurerm v4.55.0 storage_account_resource.go:1162-1170: only Disabled or Unlocked at creation); create it Unlocked and lock it later by recording it in azure.auditArchive.locks`,
        });
      }
    }
  }
  return problems;
}

/**
 * The lock record of the immutable archive a host stack writes (`npm run archive:lock`), or
 * undefined when the stack has no immutable storage account.
 */
export function lockRecordOf(stack: StackJson, region: string, lockedOn: string): ArchiveLockRecord | undefined {
  const account = resourcesOfType(stack, 'azurerm_storage_account').find((a) =>
    block(a.attributes.immutability_policy),
  );
  return account && { region, lockedOn, account: archiveFingerprint(account.attributes, stack) };
}
