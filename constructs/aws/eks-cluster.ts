import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { DataAwsEksAddonVersion } from '@cdktf/provider-aws/lib/data-aws-eks-addon-version';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Construct } from 'constructs';
import { GPU_LABELS, SYSTEM_POOL, type ClusterSpec } from '../cloud-neutral/cluster';
import { existingPrincipalArn } from './iam/existing-principal';
import type { EksSupport } from '../cloud-neutral/kubernetes-support';
import type { LoggingSpec } from '../cloud-neutral/logging';
import { serviceAccountSubject } from '../cloud-neutral/workload-identity';
import { describePool, type ClusterDescription } from '../cloud-neutral/parity';
import { AwsEksGpuPool } from './eks-gpu-pool';
import { AwsNodeLaunchTemplate } from './eks-launch-template';
import { AwsEksNodeGroup } from './eks-node-group';
import { iamPolicyDocument } from './iam/policy-document';
import { AwsWorkloadRole } from './iam/workload-role';
import { AwsServiceRole } from './iam-service-role';
import { AwsKmsKey } from './kms-key';
import { AwsLogGroup } from './logging/log-group';
import type { AwsNetwork } from './network';

/** Every EKS control-plane log type (FSBP EKS.8 asks for audit at least). */
export const EKS_CONTROL_PLANE_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

/** The VPC CNI's service account: its AWS permissions come through IRSA, not the node role. */
export const VPC_CNI_SERVICE_ACCOUNT = { namespace: 'kube-system', name: 'aws-node' } as const;

/** Add-ons every node needs; the NVIDIA device plugin is installed by Helm (docs/gpu-pools.md). */
export const EKS_ADDONS = ['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent', 'coredns'] as const;

/**
 * How each add-on's version is chosen: the version EKS marks as the default for the cluster's
 * Kubernetes version (`most_recent = false`), not the newest it lists. The default is what EKS
 * installs on a new cluster of that version and moves only when AWS deems a newer build fit, so a
 * plan changes an add-on when the cluster's version moves or EKS moves its default, and shows the
 * version it will install (docs/security-network.md, Day 2 item 1).
 */
export const EKS_ADDON_MOST_RECENT = false;

/**
 * What EKS does, on create and update of an add-on, with fields of its Kubernetes objects that
 * someone changed from the EKS default: `OVERWRITE` puts the EKS default back on every field EKS
 * manages (server-side apply, field manager `eks`); fields EKS does not manage, and settings given
 * through `configuration_values`, are kept. Nothing is edited by hand on these add-ons: their
 * settings are `configuration_values`.
 */
export const EKS_ADDON_RESOLVE_CONFLICTS = 'OVERWRITE';

/** Root volume of system nodes, GiB: images of add-ons only. */
const SYSTEM_DISK_GIB = 100;

/** Props of {@link AwsEksCluster}. */
export interface AwsEksClusterProps {
  /** The cloud-neutral cluster spec. */
  readonly cluster: ClusterSpec;
  /** The network the cluster runs in. */
  readonly network: AwsNetwork;
  /** The network's zones, in the order of its subnets. */
  readonly zones: readonly string[];
  readonly accountId: string;
  readonly region: string;
  readonly logging: LoggingSpec;
  /** KMS key for the control-plane log group. */
  readonly logKeyArn: string;
  /**
   * IAM principals given cluster-admin through access entries. Those of the cluster's account are
   * looked up at plan, so a missing one fails the plan, not the apply.
   */
  readonly adminPrincipalArns: readonly string[];
  /**
   * ARN of the account's `AWSServiceRoleForAutoScaling`, which launches node instances and so
   * must use the volume key. Taken from the account stack, so the key policy is written only
   * once the role exists (KMS rejects a policy naming a missing principal).
   */
  readonly autoScalingRoleArn: string;
  /**
   * What EKS does when the version's standard support ends: `standard` upgrades the control
   * plane by itself (the config must move first), `extended` keeps the version, billed.
   */
  readonly eksSupport: EksSupport;
}

/**
 * The distribution side's EKS cluster: private API endpoint (public only from configured CIDRs,
 * never the internet), secrets envelope-encrypted with a rotating customer-managed key, every
 * control-plane log type into an encrypted log group, `API` authentication with access entries,
 * an IAM OIDC provider for IRSA beside EKS Pod Identity, the core add-ons, a system node group
 * and one node group per GPU pool.
 */
export class AwsEksCluster extends Construct {
  readonly cluster: EksCluster;
  readonly oidcProvider: IamOpenidConnectProvider;
  readonly gpuPools: readonly AwsEksGpuPool[];
  readonly secretsKey: AwsKmsKey;
  /**
   * A group on every node for what the peer cloud may start over the link, apart from the
   * EKS-managed cluster group. It has no rules of its own: the link stack adds them, from the
   * peer's cluster subnets only.
   */
  readonly peerIngressSecurityGroup: SecurityGroup;
  private readonly spec: ClusterSpec;

  constructor(scope: Construct, id: string, props: AwsEksClusterProps) {
    super(scope, id);
    const { cluster: spec, accountId } = props;
    this.spec = spec;
    const name = spec.name;

    this.secretsKey = new AwsKmsKey(this, 'secrets-key', {
      alias: `${name}-eks-secrets`,
      description: `EKS secrets envelope encryption for ${name}`,
      accountId,
      statements: [],
    });
    const volumeKey = new AwsKmsKey(this, 'volume-key', {
      alias: `${name}-eks-volumes`,
      description: `EKS node root volumes for ${name}`,
      accountId,
      // EC2 Auto Scaling launches the managed node groups' instances and must use the key for their volumes.
      statements: [
        {
          sid: 'AutoScalingUsesKeyForVolumes',
          principals: [{ type: 'AWS', identifiers: [props.autoScalingRoleArn] }],
          actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
          resources: ['*'],
        },
        {
          sid: 'AutoScalingGrantsForVolumes',
          principals: [{ type: 'AWS', identifiers: [props.autoScalingRoleArn] }],
          actions: ['kms:CreateGrant'],
          resources: ['*'],
          conditions: [{ test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],
        },
      ],
    });

    const clusterRole = new AwsServiceRole(this, 'cluster-role', {
      name: `${name}-eks-cluster`,
      service: 'eks.amazonaws.com',
      trustActions: ['sts:AssumeRole', 'sts:TagSession'],
      managedPolicies: ['AmazonEKSClusterPolicy'],
    });
    const clusterRoleKms = new IamRolePolicy(this, 'cluster-role-kms', {
      name: 'secrets-encryption',
      role: clusterRole.role.id,
      policy: iamPolicyDocument(this, 'cluster-role-kms-document', [
        {
          sid: 'EnvelopeEncryptSecrets',
          actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'],
          resources: [this.secretsKey.arn],
        },
      ]).json,
    });

    // Created before the cluster, so EKS writes into an encrypted group with retention, not one of its own.
    const logGroup = new AwsLogGroup(this, 'control-plane-logs', {
      name: `/aws/eks/${name}/cluster`,
      retentionDays: props.logging.retentionDays,
      kmsKeyArn: props.logKeyArn,
    });

    const publicAccess = spec.publicAccessCidrs.length > 0;
    this.cluster = new EksCluster(this, 'cluster', {
      name,
      version: spec.kubernetesVersion,
      roleArn: clusterRole.role.arn,
      vpcConfig: {
        subnetIds: props.network.intra.subnets.map((s) => s.id),
        endpointPrivateAccess: true,
        endpointPublicAccess: publicAccess,
        publicAccessCidrs: publicAccess ? [...spec.publicAccessCidrs] : undefined,
      },
      encryptionConfig: { provider: { keyArn: this.secretsKey.arn }, resources: ['secrets'] },
      enabledClusterLogTypes: [...EKS_CONTROL_PLANE_LOG_TYPES],
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
      upgradePolicy: { supportType: props.eksSupport === 'extended' ? 'EXTENDED' : 'STANDARD' },
      deletionProtection: true,
      // The role's policies must exist before EKS assumes it (it checks the KMS key at creation)
      // and outlive the cluster on destroy, or EKS cannot clean up its ENIs and security groups.
      dependsOn: [logGroup.logGroup, ...clusterRole.attachments, clusterRoleKms],
    });

    props.adminPrincipalArns.forEach((arn, i) => {
      const principalArn = existingPrincipalArn(this, `admin-${i}-principal`, arn, accountId);
      const entry = new EksAccessEntry(this, `admin-${i}`, { clusterName: this.cluster.name, principalArn });
      new EksAccessPolicyAssociation(this, `admin-${i}-policy`, {
        clusterName: this.cluster.name,
        principalArn: entry.principalArn,
        policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
        accessScope: { type: 'cluster' },
      });
    });

    // IRSA for workloads that need it; EKS Pod Identity (the add-on below) is the default path.
    this.oidcProvider = new IamOpenidConnectProvider(this, 'oidc', {
      url: this.cluster.identity.get(0).oidc.get(0).issuer,
      clientIdList: ['sts.amazonaws.com'],
    });

    // The CNI's ENI permissions go to its own service account: on the node role every pod on
    // the node could borrow them through the instance metadata service.
    const cniRole = new AwsWorkloadRole(this, 'vpc-cni-role', {
      name: `${name}-vpc-cni`,
      description: `VPC CNI (aws-node) of ${name}`,
      oidcProviderArns: [this.oidcProvider.arn],
      subject: serviceAccountSubject(VPC_CNI_SERVICE_ACCOUNT.namespace, VPC_CNI_SERVICE_ACCOUNT.name),
      managedPolicies: ['AmazonEKS_CNI_Policy'],
    });
    const nodeRole = new AwsServiceRole(this, 'node-role', {
      name: `${name}-eks-node`,
      service: 'ec2.amazonaws.com',
      managedPolicies: [
        'AmazonEKSWorkerNodePolicy',
        'AmazonEC2ContainerRegistryPullOnly',
        // Shell access through Session Manager instead of SSH: no inbound port on any node.
        'AmazonSSMManagedInstanceCore',
      ],
    });
    const clusterSecurityGroupId = this.cluster.vpcConfig.clusterSecurityGroupId;
    // On the nodes, through their launch templates, where the services the link reaches run; not
    // on the cluster's vpc_config, whose groups go to the control-plane ENIs only. No inline
    // rules, so the link stack's standalone rules are never fought over.
    this.peerIngressSecurityGroup = new SecurityGroup(this, 'peer-ingress-sg', {
      name: `${name}-peer-ingress`,
      description: `What the peer cloud may start over the link to the nodes of ${name}; rules come from the link stack`,
      vpcId: props.network.vpc.id,
      tags: { Name: `${name}-peer-ingress` },
    });
    const nodeSecurityGroupIds = [clusterSecurityGroupId, this.peerIngressSecurityGroup.id];
    // Read for the configured version, not the cluster's attribute: a data source that waits for
    // a changing cluster is read only at apply, and the plan would not show the version.
    const addonVersion = (addon: (typeof EKS_ADDONS)[number]) =>
      new DataAwsEksAddonVersion(this, `addon-${addon}-version`, {
        addonName: addon,
        kubernetesVersion: spec.kubernetesVersion,
        mostRecent: EKS_ADDON_MOST_RECENT,
      }).version;

    // Created before any node, with its role, so no node ever runs the CNI without permissions.
    const vpcCni = new EksAddon(this, 'addon-vpc-cni', {
      clusterName: this.cluster.name,
      addonName: 'vpc-cni',
      addonVersion: addonVersion('vpc-cni'),
      serviceAccountRoleArn: cniRole.role.arn,
      // The network policy agent: without it EKS accepts NetworkPolicy objects and enforces none.
      configurationValues: JSON.stringify({ enableNetworkPolicy: 'true' }),
      resolveConflictsOnCreate: EKS_ADDON_RESOLVE_CONFLICTS,
      resolveConflictsOnUpdate: EKS_ADDON_RESOLVE_CONFLICTS,
      dependsOn: [...cniRole.policies],
    });
    const joinPrerequisites = [...nodeRole.attachments, vpcCni];

    const systemTemplate = new AwsNodeLaunchTemplate(this, 'system-launch-template', {
      name: `${name}-system`,
      diskGiB: SYSTEM_DISK_GIB,
      volumeKmsKeyArn: volumeKey.arn,
      securityGroupIds: nodeSecurityGroupIds,
    });
    const system = new AwsEksNodeGroup(this, 'system', {
      clusterName: this.cluster.name,
      kubernetesVersion: this.cluster.version,
      name: SYSTEM_POOL,
      nodeRoleArn: nodeRole.role.arn,
      subnetIds: props.network.nodes.subnets.map((s) => s.id),
      nodes: spec.systemPool.nodes,
      instanceType: spec.systemPool.awsInstanceType,
      amiType: 'AL2023_x86_64_STANDARD',
      capacityType: 'ON_DEMAND',
      labels: { [GPU_LABELS.pool]: SYSTEM_POOL },
      taints: [],
      launchTemplate: systemTemplate.template,
      joinPrerequisites,
    });

    for (const addon of EKS_ADDONS.filter((a) => a !== 'vpc-cni')) {
      new EksAddon(this, `addon-${addon}`, {
        clusterName: this.cluster.name,
        addonName: addon,
        addonVersion: addonVersion(addon),
        resolveConflictsOnCreate: EKS_ADDON_RESOLVE_CONFLICTS,
        resolveConflictsOnUpdate: EKS_ADDON_RESOLVE_CONFLICTS,
        // CoreDNS pods need nodes to run on.
        dependsOn: addon === 'coredns' ? [system.nodeGroup] : undefined,
      });
    }

    this.gpuPools = spec.gpuPools.map(
      (pool) =>
        new AwsEksGpuPool(this, `gpu-${pool.name}`, {
          clusterName: this.cluster.name,
          kubernetesVersion: this.cluster.version,
          pool,
          vpcId: props.network.vpc.id,
          nodeSubnets: props.network.nodes.subnets,
          zones: props.zones,
          nodeRoleArn: nodeRole.role.arn,
          joinPrerequisites,
          nodeSecurityGroupIds,
          volumeKmsKeyArn: volumeKey.arn,
        }),
    );
  }

  /** What this cluster built, in cloud-neutral terms, read back from its resources' settings. */
  describe(): ClusterDescription {
    const vpc = this.cluster.vpcConfigInput!;
    const encryption = this.cluster.encryptionConfigInput;
    const logTypes = this.cluster.enabledClusterLogTypesInput ?? [];
    return {
      cloud: 'aws',
      name: this.spec.name,
      privateEndpoint: vpc.endpointPrivateAccess === true,
      cmkSecretsEncryption: encryption?.resources.includes('secrets') === true && Boolean(encryption.provider.keyArn),
      controlPlaneLogs: logTypes.includes('api') && logTypes.includes('audit'),
      pools: this.gpuPools.map((p) => {
        const group = p.nodeGroup.nodeGroup;
        const scaling = group.scalingConfigInput!;
        const interfaces = p.launchTemplate.template.networkInterfacesInput;
        const capacityType = group.capacityTypeInput;
        const reservation = p.launchTemplate.template.capacityReservationSpecificationInput?.capacityReservationTarget;
        return describePool('aws', {
          name: group.nodeGroupNameInput!,
          sku: group.instanceTypesInput![0],
          min: scaling.minSize,
          max: scaling.maxSize,
          fabricWired:
            Array.isArray(interfaces) &&
            interfaces.some((i) => i.interfaceType === 'efa' || i.interfaceType === 'efa-only'),
          capacity:
            capacityType === 'SPOT'
              ? 'spot'
              : capacityType === 'CAPACITY_BLOCK' ||
                  reservation?.capacityReservationId ||
                  reservation?.capacityReservationResourceGroupArn
                ? 'reserved'
                : 'on-demand',
        });
      }),
    };
  }
}
