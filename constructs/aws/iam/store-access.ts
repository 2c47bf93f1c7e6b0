/**
 * The IAM statements that implement a cloud-neutral grant on an AWS store. Pure. Every S3
 * statement names its bucket and the model prefix; every KMS statement names its key and admits
 * only calls S3 makes for that bucket.
 */
import { MODEL_KEY_PREFIX, type AccessMode, type StoreAccess } from '../../cloud-neutral/workload-identity';
import { MODEL_TRUST_SET_KEY } from '../../cloud-neutral/model-signing';
import type { IamStatement } from './policy-document';

/** A region's model distribution bucket and its key. */
export interface AwsModelStoreRef {
  readonly bucketArn: string;
  /** The key's ARN, or where a grant is written before the key exists, every key of its region (`key/*`). */
  readonly keyArn: string;
  readonly region: string;
  /**
   * The key's alias (`alias/<name>`), when `keyArn` is a pattern: KMS then matches the key by it
   * (`kms:ResourceAliases`; IAM does not read alias ARNs in `Resource`). Default: none, the ARN
   * names the key.
   */
  readonly keyAlias?: string;
}

/** A region's workload log group. */
export interface AwsLogStoreRef {
  readonly logGroupArn: string;
}

/** S3 actions a reader of models gets, on the model prefix only. */
export const MODEL_READ_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion'] as const;
/** S3 actions a writer of models gets: put (multipart included), never read, list or delete. */
export const MODEL_WRITE_ACTIONS = ['s3:PutObject', 's3:AbortMultipartUpload'] as const;

/** KMS may be used for this bucket only, and only through S3 (bucket keys: the context is the bucket). */
function viaS3ForBucket(store: AwsModelStoreRef) {
  return [
    { test: 'StringEquals', variable: 'kms:ViaService', values: [`s3.${store.region}.amazonaws.com`] },
    { test: 'StringEquals', variable: 'kms:EncryptionContext:aws:s3:arn', values: [store.bucketArn] },
    ...(store.keyAlias
      ? [{ test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: [store.keyAlias] }]
      : []),
  ];
}

/** `suffix` keeps statement ids unique when one policy covers several regions. */
export function modelStoreStatements(store: AwsModelStoreRef, mode: AccessMode, suffix = ''): IamStatement[] {
  const objects = `${store.bucketArn}/${MODEL_KEY_PREFIX}*`;
  if (mode === 'read') {
    return [
      { sid: `ReadModels${suffix}`, actions: [...MODEL_READ_ACTIONS], resources: [objects] },
      // Whoever loads models verifies them first, against the region's trust set.
      {
        sid: `ReadTrustSet${suffix}`,
        actions: [...MODEL_READ_ACTIONS],
        resources: [`${store.bucketArn}/${MODEL_TRUST_SET_KEY}`],
      },
      {
        sid: `ListModels${suffix}`,
        actions: ['s3:ListBucket'],
        resources: [store.bucketArn],
        conditions: [{ test: 'StringLike', variable: 's3:prefix', values: [`${MODEL_KEY_PREFIX}*`] }],
      },
      {
        sid: `DecryptModels${suffix}`,
        actions: ['kms:Decrypt'],
        resources: [store.keyArn],
        conditions: viaS3ForBucket(store),
      },
    ];
  }
  return [
    { sid: `WriteModels${suffix}`, actions: [...MODEL_WRITE_ACTIONS], resources: [objects] },
    {
      // Decrypt too: S3 decrypts the data key to assemble a multipart upload.
      sid: `EncryptModels${suffix}`,
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [store.keyArn],
      conditions: viaS3ForBucket(store),
    },
  ];
}

/** Write-only access to one log group: streams and events, nothing read back. */
export function workloadLogStatements(store: AwsLogStoreRef, suffix = ''): IamStatement[] {
  return [
    {
      sid: `WriteWorkloadLogs${suffix}`,
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      // `<group>:*` matches the group (CreateLogStream) and its streams (PutLogEvents).
      resources: [`${store.logGroupArn}:*`],
    },
  ];
}

/** The stores of one AWS region that grants can name. */
export interface AwsRegionStores {
  readonly models: AwsModelStoreRef;
  readonly 'workload-logs': AwsLogStoreRef;
}

/** What names a region's stores, all known before they exist. */
export interface AwsRegionStoreNames {
  readonly region: string;
  readonly accountId: string;
  /** The model store bucket (`awsModelStoreBucketName`). */
  readonly bucketName: string;
  /** The model store key's alias, without `alias/` (`awsModelStoreKeyAlias`). */
  readonly keyAlias: string;
  /** The workload log group (`awsWorkloadLogGroupName`). */
  readonly logGroupName: string;
}

/**
 * A region's stores named from their names, for a grant written in another stack than the one
 * creating them (the account stack, which is applied first): the bucket and log group ARNs follow
 * from their names; the key's does not (KMS picks its id), so the key is matched by its alias.
 */
export function awsRegionStoresByName(names: AwsRegionStoreNames): AwsRegionStores {
  const { region, accountId } = names;
  return {
    models: {
      bucketArn: `arn:aws:s3:::${names.bucketName}`,
      keyArn: `arn:aws:kms:${region}:${accountId}:key/*`,
      keyAlias: `alias/${names.keyAlias}`,
      region,
    },
    'workload-logs': { logGroupArn: `arn:aws:logs:${region}:${accountId}:log-group:${names.logGroupName}` },
  };
}

/** The statements of every grant, on one region's stores. */
export function storeAccessStatements(
  grants: readonly StoreAccess[],
  stores: AwsRegionStores,
  suffix = '',
): IamStatement[] {
  return grants.flatMap((grant) => {
    switch (grant.store) {
      case 'models':
        return modelStoreStatements(stores.models, grant.mode, suffix);
      case 'workload-logs':
        return workloadLogStatements(stores['workload-logs'], suffix);
      default:
        // Config validation admits only stores AWS has; reaching here is a bug.
        throw new Error(`AWS has no ${grant.store} store`);
    }
  });
}

/**
 * The grants a set of statements implements, read back from their actions: what the identity
 * parity check compares with config, so a statement wired to the wrong mode shows up.
 */
export function grantsOfStatements(statements: readonly IamStatement[]): StoreAccess[] {
  const grants: StoreAccess[] = [];
  const has = (actions: readonly string[]) =>
    statements.some((s) => (s.effect ?? 'Allow') === 'Allow' && actions.every((a) => s.actions.includes(a)));
  if (has(MODEL_READ_ACTIONS)) grants.push({ store: 'models', cloud: 'aws', mode: 'read' });
  if (has(MODEL_WRITE_ACTIONS)) grants.push({ store: 'models', cloud: 'aws', mode: 'write' });
  if (has(['logs:PutLogEvents'])) grants.push({ store: 'workload-logs', cloud: 'aws', mode: 'write' });
  return grants;
}
