import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import type { Construct } from 'constructs';
import { AwsAccountTrail, trailArn } from '../constructs/aws/audit/account-trail';
import { AwsAlarmTopic, awsAlarmTopicName } from '../constructs/aws/audit/alarm-topic';
import { AwsSecurityAlarms } from '../constructs/aws/audit/security-alarms';
import { AwsPermissionsBoundary, boundEveryRole } from '../constructs/aws/iam/permissions-boundary';
import { awsLogEncryptionKey } from '../constructs/aws/logging/log-encryption-key';
import type { LoggingSpec } from '../constructs/cloud-neutral/logging';
import { hostCidr, STS_AUDIENCE } from '../constructs/aws/iam/web-identity-trust';
import { AwsWorkloadRole } from '../constructs/aws/iam/workload-role';
import { grantFederatedStores, type AwsFederatedWorkload } from '../constructs/aws/workload-identities';
import type { AwsRegionStoreNames } from '../constructs/aws/iam/store-access';
import { AwsServiceLinkedRole } from '../constructs/aws/service-linked-role';
import { AwsAccountPublicAccessBlock } from '../constructs/aws/baseline/account-public-access-block';
import { AwsConfigBucket } from '../constructs/aws/baseline/config-bucket';
import type { AwsConfigDelivery } from '../constructs/aws/baseline/regional-baseline';
import type { AwsBaselineSpec } from '../constructs/cloud-neutral/baseline';
import type { AwsIdentitySpec } from '../constructs/cloud-neutral/identity';
import { serviceAccountSubject, type CloudWorkloadIdentity } from '../constructs/cloud-neutral/workload-identity';
import { PlatformStack, type PlatformStackProps } from './platform-stack';
import { awsProvider } from './providers';

/** Props of {@link AwsAccountStack}. */
export interface AwsAccountStackProps extends PlatformStackProps {
  /** The AWS account. */
  readonly identity: AwsIdentitySpec;
  /** The environment's primary AWS region: where the provider of this stack points. */
  readonly region: string;
  /** Account-global names start with this: `<platform>-<environment>`. */
  readonly namePrefix: string;
  /** Create the account's service-linked roles, or look up the existing ones. */
  readonly serviceLinkedRoles: 'create' | 'existing';
  /**
   * The account's security baseline. This stack declares its account-global part (S3 Block
   * Public Access) and what the regional recorders share (the Config bucket and role); the
   * region stacks declare the rest.
   */
  readonly baseline: AwsBaselineSpec;
  /**
   * The role the platform's boundary lets change the audit chain, for incidents. Default: none.
   */
  readonly breakGlassRoleArn?: string;
  /** The boundary on every IAM role: create the platform's (`platform`), or this policy ARN. */
  readonly permissionsBoundary: 'platform' | string;
  /**
   * The OIDC issuers of the AKS clusters whose workloads are federated into AWS, by Azure
   * region, with the public addresses each cluster reaches AWS from (its NAT gateway's, read from
   * the host stack). Each issuer becomes one IAM OIDC provider; the federated roles are assumed
   * from those addresses only.
   */
  readonly aksIssuers: readonly {
    readonly region: string;
    readonly url: string;
    readonly egressAddresses: readonly string[];
  }[];
  /**
   * AKS workloads granted AWS stores: each gets one role, trusted through those providers, and
   * its grants on every region's stores beside it.
   */
  readonly federatedWorkloads: readonly CloudWorkloadIdentity[];
  /** The environment's AWS regions, with the names of the stores their stacks create. */
  readonly regionStores: readonly AwsRegionStoreNames[];
  /** Retention, archive and immutability of the trail's logs. */
  readonly logging: LoggingSpec;
  /** Create the account's trail here, or rely on the one another environment created. */
  readonly cloudTrail: 'create' | 'existing';
  /** Bucket name prefix whose object reads and writes the trail records: every model store of the platform. */
  readonly dataEventBucketPrefix: string;
  /** Addresses the alarm topic notifies. */
  readonly alertEmails: readonly string[];
}

/**
 * What an AWS account holds once, whatever the number of regions: IAM is global to the account,
 * so resources here are never declared by a region stack, where a second region would declare
 * them again. The region stacks of the environment read what they need from this stack.
 */
export class AwsAccountStack extends PlatformStack {
  /** `AWSServiceRoleForAutoScaling`: EC2 Auto Scaling launches node group instances with it. */
  readonly autoScalingRole: AwsServiceLinkedRole;
  /** The permissions boundary every platform role carries. */
  readonly permissionsBoundaryArn: string;
  /** The role of each AKS workload federated into AWS, granted every region's stores here. */
  readonly federatedWorkloads: readonly AwsFederatedWorkload[];
  /** The topic security and link alarms notify, in the primary region. */
  readonly alarmTopicArn: string;
  /** The account's trail, when this environment creates it. */
  readonly trail?: AwsAccountTrail;
  /** Where the region stacks' Config recorders deliver, when this environment creates them. */
  readonly configDelivery?: AwsConfigDelivery;

  constructor(scope: Construct, name: string, props: AwsAccountStackProps) {
    super(scope, name, props);
    awsProvider(this, props.identity, props.region);
    this.autoScalingRole = new AwsServiceLinkedRole(this, 'autoscaling-role', {
      service: 'autoscaling.amazonaws.com',
      roleName: 'AWSServiceRoleForAutoScaling',
      mode: props.serviceLinkedRoles,
    });
    this.permissionsBoundaryArn =
      props.permissionsBoundary === 'platform'
        ? new AwsPermissionsBoundary(this, 'permissions-boundary', {
            name: `${props.namePrefix}-boundary`,
            auditChain: {
              accountId: props.identity.accountId,
              namePrefix: props.namePrefix,
              breakGlassRoleArn: props.breakGlassRoleArn,
            },
          }).policy.arn
        : props.permissionsBoundary;
    boundEveryRole(this, this.permissionsBoundaryArn);

    const { accountId } = props.identity;
    if (props.baseline.s3BlockPublicAccess === 'create')
      new AwsAccountPublicAccessBlock(this, 'public-access-block', { accountId });
    const configRole =
      props.baseline.config === 'create'
        ? new AwsServiceLinkedRole(this, 'config-role', {
            service: 'config.amazonaws.com',
            roleName: 'AWSServiceRoleForConfig',
            mode: props.serviceLinkedRoles,
          })
        : undefined;
    const createTrail = props.cloudTrail === 'create';
    const logKey = awsLogEncryptionKey(this, 'log-key', {
      namePrefix: props.namePrefix,
      accountId,
      region: props.region,
      trailArn: createTrail ? trailArn(props.region, accountId, props.namePrefix) : undefined,
      alarmTopic: true,
      configDelivery: configRole !== undefined,
    });
    if (configRole) {
      const bucket = new AwsConfigBucket(this, 'config-bucket', {
        namePrefix: props.namePrefix,
        accountId,
        kmsKeyArn: logKey.arn,
        retentionDays: props.logging.archiveDays,
        accessLogDays: props.logging.retentionDays,
      });
      this.configDelivery = { roleArn: configRole.arn, bucketName: bucket.store.bucket.id, kmsKeyArn: logKey.arn };
    }
    const topic = new AwsAlarmTopic(this, 'alarm-topic', {
      name: awsAlarmTopicName(props.namePrefix),
      accountId,
      region: props.region,
      kmsKeyArn: logKey.arn,
      emails: props.alertEmails,
    });
    this.alarmTopicArn = topic.topic.arn;
    if (createTrail) {
      this.trail = new AwsAccountTrail(this, 'trail', {
        namePrefix: props.namePrefix,
        accountId,
        region: props.region,
        logging: props.logging,
        kmsKeyArn: logKey.arn,
        dataEventBucketPrefix: props.dataEventBucketPrefix,
      });
      new AwsSecurityAlarms(this, 'security-alarms', {
        logGroupName: this.trail.logGroup.logGroup.name,
        namePrefix: props.namePrefix,
        topicArn: this.alarmTopicArn,
      });
    }

    const providers = props.aksIssuers.map(
      (issuer) =>
        new IamOpenidConnectProvider(this, `aks-oidc-${issuer.region}`, {
          url: issuer.url,
          clientIdList: [STS_AUDIENCE],
        }),
    );
    // The model path runs over the internet, from the clusters' NAT to STS and S3: the roles are
    // bound to those addresses (docs/model-path-network.md).
    const sourceCidrs = props.aksIssuers.flatMap((issuer) => issuer.egressAddresses.map(hostCidr));
    this.federatedWorkloads = props.federatedWorkloads.map((workload) => {
      const role = new AwsWorkloadRole(this, `federated-${workload.name}`, {
        name: `${props.namePrefix}-${workload.name}`,
        description: `AKS workload ${workload.name} (${workload.namespace}/${workload.serviceAccount}), federated`,
        oidcProviderArns: providers.map((p) => p.arn),
        subject: serviceAccountSubject(workload.namespace, workload.serviceAccount),
        sourceCidrs,
      });
      const grantsByRegion = grantFederatedStores(this, `federated-${workload.name}`, {
        role: role.role,
        identity: workload,
        regions: props.regionStores,
      });
      return { identity: workload, roleName: role.role.name, roleArn: role.role.arn, sourceCidrs, grantsByRegion };
    });
  }
}
