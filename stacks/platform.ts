import type { App } from 'cdktf';
import { checkDay } from '../config/dated-checks';
import { clusterSpec, environmentSpec } from '../config/specs';
import type { PlatformConfig } from '../config/schema';
import {
  awsAccountStackName,
  awsDistributionStackName,
  azureHostStackName,
  linkStackName,
} from '../constructs/cloud-neutral/naming';
import { AwsAccountStack } from './aws-account-stack';
import { AwsDistributionStack } from './aws-distribution-stack';
import { AzureHostStack } from './azure-host-stack';
import { azureModelStoreLocation } from '../constructs/cloud-neutral/model-store';
import { LinkStack } from './link-stack';
import { identitiesOn } from '../constructs/cloud-neutral/workload-identity';
import {
  awsModelStoreBucketName,
  awsModelStoreBucketPrefix,
  awsModelStoreKeyAlias,
} from '../constructs/aws/model-store';
import { awsWorkloadLogGroupName } from '../constructs/aws/workload-identities';

/** The stacks of one environment. */
export interface EnvironmentStacks {
  /** The AWS account's global resources (IAM), once for all the environment's AWS regions. */
  readonly awsAccount: AwsAccountStack;
  readonly azureHosts: readonly AzureHostStack[];
  readonly awsDistributions: readonly AwsDistributionStack[];
  /** The site-to-site VPN between the first Azure and the first AWS region; absent when turned off. */
  readonly link?: LinkStack;
}

/**
 * Adds every stack of every environment in the config to the app: one Azure host stack per
 * Azure region, one AWS distribution stack per AWS region, and a link stack joining the first
 * of each unless the environment turns the link off.
 */
export function buildPlatform(app: App, config: PlatformConfig, today = checkDay()): Record<string, EnvironmentStacks> {
  return Object.fromEntries(
    Object.keys(config.environments).map((envName) => {
      const env = environmentSpec(config, envName, today);
      const common = { backend: env.backend, logging: env.logging };
      const azureWorkloads = identitiesOn('azure', env.workloads);
      const modelStore = azureModelStoreLocation(env.platform, envName, env.azure.networks[0]);
      const azureHosts: AzureHostStack[] = [];
      env.azure.networks.forEach(
        // An explicit vault name is the primary region's: vault names are global. The model
        // store is the primary region's too; other regions reach it.
        (network, i) => {
          const name = azureHostStackName(envName, network.region);
          azureHosts.push(
            new AzureHostStack(app, name, {
              ...common,
              policy: env.policyFor('host', name, network.region),
              tags: env.tags('host'),
              identity: env.azure.identity,
              network,
              networkWatcher: env.azure.networkWatcher,
              cluster: clusterSpec(env, network, env.azure.gpuPoolsIn(network.region)),
              aks: {
                adminGroupObjectIds: env.kubernetes.admins.azureGroupObjectIds,
                upgradeChannel: env.kubernetes.upgradeChannel,
                maintenanceWindow: env.kubernetes.maintenanceWindow,
                defender: env.kubernetes.defender,
              },
              keyVault: i === 0 ? env.azureKeyVault : { ...env.azureKeyVault, name: undefined },
              workloads: azureWorkloads,
              modelStore: { ...modelStore, create: i === 0 ? env.modelStores : undefined },
              activityLog: i === 0 && env.azure.activityLog === 'create',
              baseline:
                i === 0
                  ? {
                      defenderPlans:
                        env.azure.baseline.defenderPlans === 'create'
                          ? { serversPlan: env.azure.baseline.defenderServersPlan }
                          : undefined,
                      activityLogAlerts:
                        env.azure.baseline.activityLogAlerts === 'create' ? { emails: env.alerts.emails } : undefined,
                    }
                  : undefined,
              // One signing key per environment, beside the model store the publisher reads.
              modelSigning: i === 0 ? env.modelSigning : undefined,
              auditArchive: {
                replication: env.azure.auditArchive.replication,
                locked: env.azure.auditArchive.locks.some((lock) => lock.region === network.region),
              },
            }),
          );
        },
      );
      const federated = azureWorkloads.filter((w) => w.crossCloud.some((g) => g.cloud === 'aws'));
      const accountName = awsAccountStackName(envName);
      const awsAccount = new AwsAccountStack(app, accountName, {
        backend: env.backend,
        policy: env.policyFor('account', accountName),
        tags: env.tags('distribution'),
        identity: env.aws.identity,
        region: env.aws.networks[0].region,
        namePrefix: `${env.platform}-${envName}`,
        serviceLinkedRoles: env.aws.serviceLinkedRoles,
        baseline: env.aws.baseline,
        permissionsBoundary: env.aws.permissionsBoundary,
        breakGlassRoleArn: env.aws.breakGlassRoleArn,
        // The publisher runs beside the model store, in the primary Azure region: only that
        // cluster is trusted, so adding an Azure region leaves the account's IAM as it is.
        aksIssuers:
          federated.length > 0
            ? [
                {
                  region: env.azure.networks[0].region,
                  url: azureHosts[0].oidcIssuerUrl,
                  egressAddresses: azureHosts[0].egressAddresses,
                },
              ]
            : [],
        federatedWorkloads: federated,
        regionStores: env.aws.networks.map((network) => ({
          region: network.region,
          accountId: env.aws.identity.accountId,
          bucketName: awsModelStoreBucketName(env.platform, envName, network.region, env.aws.identity.accountId),
          keyAlias: awsModelStoreKeyAlias(network.name),
          logGroupName: awsWorkloadLogGroupName(network.name),
        })),
        logging: env.logging,
        cloudTrail: env.aws.cloudTrail,
        dataEventBucketPrefix: awsModelStoreBucketPrefix(env.platform),
        alertEmails: env.alerts.emails,
      });
      const awsDistributions = env.aws.networks.map((network, i) => {
        const name = awsDistributionStackName(envName, network.region);
        return new AwsDistributionStack(app, name, {
          ...common,
          policy: env.policyFor('distribution', name, network.region),
          tags: env.tags('distribution'),
          identity: env.aws.identity,
          network,
          natGateways: env.aws.natGateways,
          cluster: clusterSpec(env, network, env.aws.gpuPoolsIn(network.region)),
          clusterAdminArns: env.kubernetes.admins.awsPrincipalArns,
          eksSupport: env.kubernetes.eksSupport,
          autoScalingRoleArn: awsAccount.autoScalingRole.arn,
          permissionsBoundaryArn: awsAccount.permissionsBoundaryArn,
          modelStore: env.modelStores,
          storeAdminArns: env.aws.adminPrincipalArns,
          workloads: identitiesOn('aws', env.workloads),
          federatedWorkloads: awsAccount.federatedWorkloads,
          modelTrustSet: azureHosts[0].modelSigning?.trustSet,
          // The link joins the first region of each cloud.
          linkEnd: env.link !== undefined && i === 0,
          baseline: env.aws.baseline,
          primaryRegion: i === 0,
          configDelivery: awsAccount.configDelivery,
        });
      });
      const [host, distribution] = [azureHosts[0], awsDistributions[0]];
      const linkName = linkStackName(envName);
      const link =
        env.link &&
        new LinkStack(app, linkName, {
          backend: env.backend,
          policy: env.policyFor('link', linkName),
          tags: env.tags('link'),
          link: env.link,
          azure: {
            identity: env.azure.identity,
            network: env.azure.networks[0],
            resourceGroup: host.networkResourceGroup,
            gatewaySubnet: host.network.subnets.GatewaySubnet,
            clusterSubnetCidrs: host.network.clusterSubnetCidrs,
            workspaceId: host.logAnalytics.workspace.id,
            archiveAccountId: host.auditArchive.account.id,
          },
          aws: {
            identity: env.aws.identity,
            network: env.aws.networks[0],
            vpc: distribution.network,
            peerIngressSecurityGroupId: distribution.cluster.peerIngressSecurityGroup.id,
            nodesNetworkAclId: distribution.network.acls.acls.nodes.id,
            tunnelLogGroupArn: distribution.tunnelLogGroupArn,
          },
          health: { objectives: env.linkObjectives, awsTopicArn: awsAccount.alarmTopicArn, emails: env.alerts.emails },
        });
      return [envName, { awsAccount, azureHosts, awsDistributions, link }];
    }),
  );
}

/** The names of every stack {@link buildPlatform} adds for a config, without building them. */
export function expectedStackNames(config: PlatformConfig): string[] {
  return Object.entries(config.environments).flatMap(([envName, env]) => [
    ...env.azure.regions.map((r) => azureHostStackName(envName, r.region)),
    awsAccountStackName(envName),
    ...env.aws.regions.map((r) => awsDistributionStackName(envName, r.region)),
    ...(env.link.enabled ? [linkStackName(envName)] : []),
  ]);
}
