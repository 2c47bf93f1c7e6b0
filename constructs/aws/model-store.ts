import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { Construct } from 'constructs';
import type { LoggingSpec } from '../cloud-neutral/logging';
import type { ModelStoreSpec } from '../cloud-neutral/model-store';
import { s3BucketName } from '../cloud-neutral/naming';
import type { IamStatement } from './iam/policy-document';
import type { AwsModelStoreRef } from './iam/store-access';
import { AwsKmsKey } from './kms-key';
import { AwsModelTrustSet, trustSetWriteProtection } from './model-trust-set';
import { AwsSecureBucket, accessLogDelivery } from './secure-bucket';

/**
 * The first part of every model store bucket name of a platform: `<platform>-models-`. The
 * account's trail records data events under it, so a new region or environment is recorded
 * without touching the trail.
 */
export function awsModelStoreBucketPrefix(platform: string): string {
  return `${platform}-models-`;
}

/** The distribution bucket of a region: `<platform>-models-<environment>-<region>-<account>`. */
export function awsModelStoreBucketName(
  platform: string,
  environment: string,
  region: string,
  accountId: string,
): string {
  const name = s3BucketName([`${awsModelStoreBucketPrefix(platform)}${environment}`, region, accountId]);
  // A name cut short to fit would lose the prefix the trail relies on.
  if (!name.startsWith(awsModelStoreBucketPrefix(platform))) throw new Error(`bucket name ${name} lost its prefix`);
  return name;
}

/** A principal the store admits only from some addresses. */
export interface SourceBoundPrincipal {
  readonly arn: string;
  /** The addresses it calls from, as CIDRs. */
  readonly sourceCidrs: readonly string[];
}

/**
 * One deny per set of addresses: the principals bound to it, from anywhere else. `aws:PrincipalArn`
 * names only them, so the deployer, the admins and the region's own workloads (whose requests
 * come through the VPC's gateway endpoint, without `aws:SourceIp`) are untouched. Pure.
 */
export function sourceBoundStatements(bucketArn: string, principals: readonly SourceBoundPrincipal[]): IamStatement[] {
  const bySources = new Map<string, { arns: string[]; cidrs: readonly string[] }>();
  for (const p of principals.filter((p) => p.sourceCidrs.length > 0)) {
    const key = JSON.stringify(p.sourceCidrs);
    const group = bySources.get(key) ?? { arns: [], cidrs: p.sourceCidrs };
    group.arns.push(p.arn);
    bySources.set(key, group);
  }
  return [...bySources.values()].map((group, i) => ({
    sid: `FederatedRolesOnlyFromTheirEgress${i}`,
    effect: 'Deny',
    actions: ['s3:*'],
    resources: [bucketArn, `${bucketArn}/*`],
    principals: [{ type: '*', identifiers: ['*'] }],
    conditions: [
      { test: 'ArnEquals', variable: 'aws:PrincipalArn', values: group.arns },
      { test: 'NotIpAddress', variable: 'aws:SourceIp', values: [...group.cidrs] },
    ],
  }));
}

/** The alias of a region's model store key, without `alias/`: `<platform>-<environment>-<region>-models`. */
export function awsModelStoreKeyAlias(namePrefix: string): string {
  return `${namePrefix}-models`;
}

/** Props of {@link AwsModelStore}. */
export interface AwsModelStoreProps {
  /** Name prefix, `<platform>-<environment>-<region>`. */
  readonly namePrefix: string;
  /** The store's bucket name (see {@link awsModelStoreBucketName}). */
  readonly bucketName: string;
  readonly accountId: string;
  readonly region: string;
  readonly spec: ModelStoreSpec;
  /** Retention of the access logs. */
  readonly logging: LoggingSpec;
  /**
   * The principals the bucket admits besides the deployer: the store's admins and the roles
   * granted it. The policy denies everyone else, whatever their IAM policies say.
   */
  readonly allowedPrincipalArns: readonly string[];
  /**
   * Admitted principals that may reach the store from given addresses only: roles federated from
   * another cloud, whose requests come from that cloud's NAT over the internet. Each is denied
   * from any other address, a VPC endpoint included (where `aws:SourceIp` is absent). Default:
   * none.
   */
  readonly sourceBoundPrincipals?: readonly SourceBoundPrincipal[];
  /**
   * The principal running the deploy, read at plan time (`AwsDeployer`): always admitted, so a
   * deploy can never lock itself out of the bucket it manages.
   */
  readonly deployerArn: string;
  /**
   * The trust set the region's verifiers read (`model-signing/trust.json`), and who besides the
   * deployer may change it. Default: none.
   */
  readonly trustSet?: { readonly content: string; readonly adminArns: readonly string[] };
}

/**
 * A region's model distribution store: an S3 bucket of model artifacts under `models/`,
 * SSE-KMS with its own rotating key and bucket keys, versioned, admitting only its admins and
 * the workload roles granted it, with server access logs in a bucket of their own (S3 delivers
 * them with SSE-S3, which that bucket uses).
 */
export class AwsModelStore extends Construct {
  readonly key: AwsKmsKey;
  readonly store: AwsSecureBucket;
  readonly accessLogs: AwsSecureBucket;
  /** The trust set, when the store holds one. */
  readonly trustSet?: AwsModelTrustSet;
  private readonly region: string;

  constructor(scope: Construct, id: string, props: AwsModelStoreProps) {
    super(scope, id);
    this.region = props.region;
    const { accountId, namePrefix } = props;
    this.key = new AwsKmsKey(this, 'key', {
      alias: awsModelStoreKeyAlias(namePrefix),
      description: `Model distribution store of ${namePrefix}`,
      accountId,
      statements: [],
    });
    const storeName = props.bucketName;
    this.accessLogs = new AwsSecureBucket(this, 'access-logs', {
      name: s3BucketName([namePrefix, 'models-logs', accountId]),
      noncurrentVersionDays: props.spec.noncurrentVersionDays,
      expireAfterDays: props.logging.retentionDays,
      policyStatements: accessLogDelivery('S3DeliversAccessLogsOfTheModelStore', storeName, accountId),
    });
    this.store = new AwsSecureBucket(this, 'store', {
      name: storeName,
      kmsKeyArn: this.key.arn,
      noncurrentVersionDays: props.spec.noncurrentVersionDays,
      policyStatements: (bucketArn) => [
        {
          sid: 'OnlyAdminsAndGrantedWorkloads',
          effect: 'Deny',
          actions: ['s3:*'],
          resources: [bucketArn, `${bucketArn}/*`],
          principals: [{ type: '*', identifiers: ['*'] }],
          conditions: [
            {
              test: 'ArnNotEquals',
              variable: 'aws:PrincipalArn',
              values: [props.deployerArn, ...props.allowedPrincipalArns],
            },
          ],
        },
        ...(props.trustSet
          ? [trustSetWriteProtection(bucketArn, [props.deployerArn, ...props.trustSet.adminArns])]
          : []),
        ...sourceBoundStatements(bucketArn, props.sourceBoundPrincipals ?? []),
      ],
    });
    if (props.trustSet) {
      this.trustSet = new AwsModelTrustSet(this, 'trust-set', { store: this.store, content: props.trustSet.content });
    }
    const accessLogging = new S3BucketLoggingA(this, 'access-logging', {
      bucket: this.store.bucket.id,
      targetBucket: this.accessLogs.bucket.id,
      targetPrefix: `${storeName}/`,
      // Delivery is admitted by the log bucket's policy, which needs ACLs off to apply.
      dependsOn: [...this.accessLogs.ready],
    });
    this.store.policyAfter(accessLogging);
  }

  /** What a grant on this store names. */
  get ref(): AwsModelStoreRef {
    return { bucketArn: this.store.bucket.arn, keyArn: this.key.arn, region: this.region };
  }
}
