/**
 * Naming rules: stack names, and resource names that must keep each cloud's rules. Names are
 * derived from validated parts (platform prefix, environment, region), so a derived name that
 * breaks a rule is a bug here, not a config error; the rules are also used to check the names a
 * user writes into config directly.
 */
import { createHash } from 'crypto';

/** The role a stack plays: Azure hosts the products, AWS distributes them. */
export type CloudRole = 'host' | 'distribution';

/**
 * Platform and environment names: short, lowercase letters and digits, starting with a letter,
 * so that they fit inside every cloud's names (the strictest is Azure storage: 24 characters).
 */
export const NAME_PART_PATTERN = /^[a-z][a-z0-9]{1,7}$/;
export const NAME_PART_RULE = '2-8 lowercase letters and digits, starting with a letter';

export function azureHostStackName(environment: string, region: string): string {
  return `${environment}-azure-host-${region}`;
}

export function awsDistributionStackName(environment: string, region: string): string {
  return `${environment}-aws-dist-${region}`;
}

/** The stack of an environment's AWS account-global resources (IAM), created once whatever the regions. */
export function awsAccountStackName(environment: string): string {
  return `${environment}-aws-account`;
}

export function linkStackName(environment: string): string {
  return `${environment}-link`;
}

/** What a stack holds, as its name says: the kinds the builders above name. */
export type StackKind = 'aws-account' | 'aws-dist' | 'azure-host' | 'link';

/** A stack name read back: its environment, its kind, and for a regional stack its region. */
export interface StackNameParts {
  readonly environment: string;
  readonly kind: StackKind;
  readonly region?: string;
}

/**
 * The parts of a stack name the builders above made, or undefined for any other name. An
 * environment name has no hyphen (NAME_PART_PATTERN), so the first hyphen ends it.
 */
export function parseStackName(name: string): StackNameParts | undefined {
  const match = /^([a-z][a-z0-9]*)-(aws-account|link|aws-dist-(.+)|azure-host-(.+))$/.exec(name);
  if (!match) return undefined;
  const [, environment, rest, awsRegion, azureRegion] = match;
  if (awsRegion) return { environment, kind: 'aws-dist', region: awsRegion };
  if (azureRegion) return { environment, kind: 'azure-host', region: azureRegion };
  return { environment, kind: rest as 'aws-account' | 'link' };
}

/** Azure storage account names: 3-24 characters, lowercase letters and digits, globally unique. */
export const STORAGE_ACCOUNT_NAME_PATTERN = /^[a-z0-9]{3,24}$/;
export const STORAGE_ACCOUNT_NAME_RULE = '3-24 lowercase letters and digits';

/**
 * Azure Key Vault names: 3-24 characters, letters, digits and hyphens, starting with a letter,
 * ending with a letter or digit, no consecutive hyphens; globally unique.
 */
export const KEY_VAULT_NAME_PATTERN = /^(?=.{3,24}$)[a-zA-Z](?!.*--)[a-zA-Z0-9-]*[a-zA-Z0-9]$/;
export const KEY_VAULT_NAME_RULE =
  '3-24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no "--"';

/** S3 bucket names: 3-63 lowercase letters, digits, dots and hyphens, starting and ending alphanumeric. */
export const S3_BUCKET_NAME_PATTERN = /^(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
export const S3_BUCKET_NAME_RULE = '3-63 lowercase letters, digits, dots and hyphens, alphanumeric at both ends';

function shortHash(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * Joins parts into a name no longer than `maxLength`. When the plain join is too long, it is cut
 * and ends in a 6-character hash of the whole join, so two long names stay distinct and the same
 * input always yields the same name (resource names must not drift between synths).
 */
export function boundedName(parts: readonly string[], separator: string, maxLength: number): string {
  const joined = parts.join(separator);
  if (joined.length <= maxLength) return joined;
  const hash = shortHash(joined, 6);
  const head = joined.slice(0, maxLength - hash.length - separator.length).replace(/-+$/, '');
  return `${head}${separator}${hash}`;
}

/** A storage account name for `purpose`, from validated name parts. */
export function storageAccountName(parts: readonly string[]): string {
  const name = boundedName(
    parts.map((p) => p.toLowerCase().replace(/[^a-z0-9]/g, '')),
    '',
    24,
  );
  assertRule(name, STORAGE_ACCOUNT_NAME_PATTERN, STORAGE_ACCOUNT_NAME_RULE);
  return name;
}

/** An S3 bucket name from validated name parts, hyphen-joined; bucket names are global. */
export function s3BucketName(parts: readonly string[]): string {
  const name = boundedName(parts, '-', 63);
  assertRule(name, S3_BUCKET_NAME_PATTERN, S3_BUCKET_NAME_RULE);
  return name;
}

/** A key vault name from validated name parts. */
export function keyVaultName(parts: readonly string[]): string {
  const name = boundedName(
    parts.map((p) => p.toLowerCase().replace(/[^a-z0-9]/g, '')),
    '-',
    24,
  );
  assertRule(name, KEY_VAULT_NAME_PATTERN, KEY_VAULT_NAME_RULE);
  return name;
}

/**
 * The name AKS gives a node pool's temporary copy while it rotates the pool for a change that
 * needs new VMs (VM size, zones, OS disk, max pods): without one, azurerm refuses such a change at
 * apply (v4.55.0 kubernetes_cluster_node_pool_resource.go:960-999). Pool names are 1-12 lowercase
 * letters and digits; this keeps the first 9 and adds `tmp`. The config refuses two pools whose
 * rotation names collide.
 */
export function aksRotationName(poolName: string): string {
  return `${poolName.slice(0, 9)}tmp`;
}

function assertRule(name: string, pattern: RegExp, rule: string): void {
  if (!pattern.test(name)) throw new Error(`derived name "${name}" breaks the rule: ${rule}`);
}
