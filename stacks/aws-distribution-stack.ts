import type { Construct } from 'constructs';
import { boundEveryRole } from '../constructs/aws/iam/permissions-boundary';
import { AwsLogGroup } from '../constructs/aws/logging/log-group';
import { AwsDeployer } from '../constructs/aws/deployer';
import { AwsModelStore, awsModelStoreBucketName } from '../constructs/aws/model-store';
import {
  AwsWorkloadIdentities,
  awsWorkloadLogGroupName,
  awsWorkloadRoleName,
  type AwsFederatedWorkload,
} from '../constructs/aws/workload-identities';
import type { ModelStoreSpec } from '../constructs/cloud-neutral/model-store';
import type { IdentityDescription } from '../constructs/cloud-neutral/parity';
import type { CloudWorkloadIdentity } from '../constructs/cloud-neutral/workload-identity';
import type { AwsKmsKey } from '../constructs/aws/kms-key';
import { awsLogEncryptionKey } from '../constructs/aws/logging/log-encryption-key';
import { AwsVpcFlowLog } from '../constructs/aws/logging/vpc-flow-log';
import { AwsNetwork, type NatGatewayMode } from '../constructs/aws/network';
import { AwsVpcEndpoints } from '../constructs/aws/vpc-endpoints';
import { AwsEksCluster } from '../constructs/aws/eks-cluster';
import type { ClusterSpec } from '../constructs/cloud-neutral/cluster';
import type { EksSupport } from '../constructs/cloud-neutral/kubernetes-support';
import type { AwsIdentitySpec } from '../constructs/cloud-neutral/identity';
import type { LoggingSpec } from '../constructs/cloud-neutral/logging';
import type { NetworkSpec } from '../constructs/cloud-neutral/network';
import { AwsRegionalBaseline, type AwsConfigDelivery } from '../constructs/aws/baseline/regional-baseline';
import type { AwsBaselineSpec } from '../constructs/cloud-neutral/baseline';
import { PlatformStack, type PlatformStackProps } from './platform-stack';
import { awsProvider } from './providers';

/** Props of {@link AwsDistributionStack}. */
export interface AwsDistributionStackProps extends PlatformStackProps {
  /** The AWS account the stack deploys into. */
  readonly identity: AwsIdentitySpec;
  /** The region's network. */
  readonly network: NetworkSpec;
  /** NAT gateways: one per zone, or a single one. */
  readonly natGateways: NatGatewayMode;
  /** Log retention and destinations. */
  readonly logging: LoggingSpec;
  /** The region's EKS cluster, GPU pools included. */
  readonly cluster: ClusterSpec;
  /** IAM principals given cluster-admin. */
  readonly clusterAdminArns: readonly string[];
  /** EKS support once the version's standard support ends (`kubernetes.eksSupport`). */
  readonly eksSupport: EksSupport;
  /** The account's `AWSServiceRoleForAutoScaling`, from the account stack. */
  readonly autoScalingRoleArn: string;
  /** The account's permissions boundary, set on every role of the stack. */
  readonly permissionsBoundaryArn: string;
  /** The region's model distribution store. */
  readonly modelStore: ModelStoreSpec;
  /** Principals that administer the store besides the workloads granted it. */
  readonly storeAdminArns: readonly string[];
  /** The workloads that run on this region's EKS cluster. */
  readonly workloads: readonly CloudWorkloadIdentity[];
  /** The account's security baseline: this stack declares its regional parts that are `create`. */
  readonly baseline: AwsBaselineSpec;
  /** The environment's primary AWS region: its recorder records global resource types. */
  readonly primaryRegion: boolean;
  /** Where the Config recorder delivers (account stack); required when `baseline.config` is `create`. */
  readonly configDelivery?: AwsConfigDelivery;
  /** AKS workloads granted this region's stores, with their roles and grants from the account stack. */
  readonly federatedWorkloads: readonly AwsFederatedWorkload[];
  /**
   * The model release trust set, as the signing key's stack outputs it: written into the model
   * bucket, where the region's verifiers read it. Default: none (no signing key).
   */
  readonly modelTrustSet?: string;
  /**
   * Whether this region is the AWS end of the link: its stack then keeps the log group the VPN
   * tunnels log into, so the logs outlive the link stack. Default false.
   */
  readonly linkEnd?: boolean;
}

/** One AWS region of the distribution side: where enterprise customers' inference runs. */
export class AwsDistributionStack extends PlatformStack {
  readonly network: AwsNetwork;
  readonly logKey: AwsKmsKey;
  readonly cluster: AwsEksCluster;
  readonly modelStore: AwsModelStore;
  readonly workloadIdentities: AwsWorkloadIdentities;
  /** The link's tunnel logs, in the region that is the AWS end of the link. */
  private readonly tunnelLogs?: AwsLogGroup;

  constructor(scope: Construct, name: string, props: AwsDistributionStackProps) {
    super(scope, name, props);
    const { network, identity, logging } = props;
    awsProvider(this, identity, network.region);
    boundEveryRole(this, props.permissionsBoundaryArn);

    new AwsRegionalBaseline(this, 'baseline', {
      namePrefix: network.name,
      region: network.region,
      parts: props.baseline,
      primary: props.primaryRegion,
      configDelivery: props.configDelivery,
    });
    this.network = new AwsNetwork(this, 'network', {
      network,
      natGateways: props.natGateways,
      clusterName: props.cluster.name,
    });
    new AwsVpcEndpoints(this, 'endpoints', {
      network: this.network,
      region: network.region,
      vpcCidr: network.cidr,
      namePrefix: network.name,
    });
    this.logKey = awsLogEncryptionKey(this, 'log-key', {
      namePrefix: network.name,
      accountId: identity.accountId,
      region: network.region,
    });
    new AwsVpcFlowLog(this, 'flow-log', {
      vpcId: this.network.vpc.id,
      namePrefix: network.name,
      accountId: identity.accountId,
      region: network.region,
      logging,
      kmsKeyArn: this.logKey.arn,
    });
    this.cluster = new AwsEksCluster(this, 'eks', {
      cluster: props.cluster,
      network: this.network,
      zones: network.zones,
      accountId: identity.accountId,
      region: network.region,
      logging,
      logKeyArn: this.logKey.arn,
      adminPrincipalArns: props.clusterAdminArns,
      autoScalingRoleArn: props.autoScalingRoleArn,
      eksSupport: props.eksSupport,
    });

    this.tunnelLogs =
      props.linkEnd === true
        ? new AwsLogGroup(this, 'vpn-tunnel-logs', {
            name: `/aws/vpn/${network.name}/tunnels`,
            retentionDays: logging.retentionDays,
            kmsKeyArn: this.logKey.arn,
          })
        : undefined;

    const workloadLogs = new AwsLogGroup(this, 'workload-logs', {
      name: awsWorkloadLogGroupName(network.name),
      retentionDays: logging.retentionDays,
      kmsKeyArn: this.logKey.arn,
    });
    const workloadRoleArn = (workload: string) =>
      `arn:aws:iam::${identity.accountId}:role/${awsWorkloadRoleName(network.name, workload)}`;
    const federatedModelGrantees = props.federatedWorkloads.filter((f) =>
      f.identity.crossCloud.some((g) => g.cloud === 'aws' && g.store === 'models'),
    );
    const modelGrantees = [
      ...props.workloads.filter((w) => w.local.some((g) => g.store === 'models')).map((w) => workloadRoleArn(w.name)),
      ...federatedModelGrantees.map((f) => f.roleArn),
    ];
    this.modelStore = new AwsModelStore(this, 'model-store', {
      namePrefix: network.name,
      bucketName: awsModelStoreBucketName(
        props.tags.platform,
        props.tags.environment,
        network.region,
        identity.accountId,
      ),
      accountId: identity.accountId,
      region: network.region,
      spec: props.modelStore,
      logging,
      allowedPrincipalArns: [...props.storeAdminArns, ...modelGrantees],
      sourceBoundPrincipals: federatedModelGrantees.map((f) => ({ arn: f.roleArn, sourceCidrs: f.sourceCidrs })),
      deployerArn: new AwsDeployer(this, 'deployer').principalArn,
      trustSet: props.modelTrustSet ? { content: props.modelTrustSet, adminArns: props.storeAdminArns } : undefined,
    });
    this.workloadIdentities = new AwsWorkloadIdentities(this, 'workload-identities', {
      namePrefix: network.name,
      region: network.region,
      workloads: props.workloads,
      oidcProviderArn: this.cluster.oidcProvider.arn,
      federated: props.federatedWorkloads,
      stores: {
        models: this.modelStore.ref,
        'workload-logs': { logGroupArn: workloadLogs.logGroup.arn },
      },
    });
  }

  /** The log group the link's VPN tunnels log into; only the link's AWS end has one. */
  get tunnelLogGroupArn(): string {
    if (!this.tunnelLogs) throw new Error(`${this.node.id} is not the AWS end of the link: it keeps no tunnel logs`);
    return this.tunnelLogs.logGroup.arn;
  }

  /** What the workload identities of this region were granted, for the identity parity check. */
  describeIdentities(): readonly IdentityDescription[] {
    return this.workloadIdentities.describe();
  }
}
