import type { App } from 'cdktf';
import { checkDay } from '../config/dated-checks';
import { clusterSpec, environmentSpec } from '../config/specs';
import type { PlatformConfig } from '../config/schema';
import { ConfigError } from '../config/load';
import {
  awsAccountStackName,
  awsDistributionStackName,
  azureHostStackName,
  linkStackName,
} from '../constructs/spec/naming';
import { AwsAccountStack } from './aws-account-stack';
import { AwsDistributionStack } from './aws-distribution-stack';
import { AzureHostStack } from './azure-host-stack';
import { azureModelStoreLocation } from '../constructs/spec/model-store';
import { LinkStack } from './link-stack';
import { identitiesOn } from '../constructs/spec/workload-identity';
import { awsModelStoreBucketPrefix } from '../constructs/aws/model-store';

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
  rejectSuppressionsOfNoStack(config);
  return Object.fromEntries(
    Object.keys(config.environments).map((envName) => {
      const env = environmentSpec(config, envName, today);
      const common = { backend: env.backend, logging: env.logging, policy: env.policy };
      const azureWorkloads = identitiesOn('azure', env.workloads);
      const modelStore = azureModelStoreLocation(env.platform, envName, env.azure.networks[0]);
      const azureHosts: AzureHostStack[] = [];
      env.azure.networks.forEach(
        // An explicit vault name is the primary region's: vault names are global. The model
        // store is the primary region's too; other regions reach it.
        (network, i) =>
          azureHosts.push(
            new AzureHostStack(app, azureHostStackName(envName, network.region), {
              ...common,
              tags: env.tags('host'),
              identity: env.azure.identity,
              network,
              networkWatcher: env.azure.networkWatcher,
              cluster: clusterSpec(env, network, env.azure.gpuPools),
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
              auditArchive: {
                replication: env.azure.auditArchive.replication,
                locked: env.azure.auditArchive.locks.some((lock) => lock.region === network.region),
              },
            }),
          ),
      );
      const federated = azureWorkloads.filter((w) => w.crossCloud.some((g) => g.cloud === 'aws'));
      const awsAccount = new AwsAccountStack(app, awsAccountStackName(envName), {
        backend: env.backend,
        policy: env.policy,
        tags: env.tags('distribution'),
        identity: env.aws.identity,
        region: env.aws.networks[0].region,
        namePrefix: `${env.platform}-${envName}`,
        serviceLinkedRoles: env.aws.serviceLinkedRoles,
        permissionsBoundary: env.aws.permissionsBoundary,
        // The publisher runs beside the model store, in the primary Azure region: only that
        // cluster is trusted, so adding an Azure region leaves the account's IAM as it is.
        aksIssuers:
          federated.length > 0 ? [{ region: env.azure.networks[0].region, url: azureHosts[0].oidcIssuerUrl }] : [],
        federatedWorkloads: federated,
        logging: env.logging,
        cloudTrail: env.aws.cloudTrail,
        dataEventBucketPrefix: awsModelStoreBucketPrefix(env.platform),
        alertEmails: env.alerts.emails,
      });
      const awsDistributions = env.aws.networks.map(
        (network) =>
          new AwsDistributionStack(app, awsDistributionStackName(envName, network.region), {
            ...common,
            tags: env.tags('distribution'),
            identity: env.aws.identity,
            network,
            natGateways: env.aws.natGateways,
            cluster: clusterSpec(env, network, env.aws.gpuPools),
            clusterAdminArns: env.kubernetes.admins.awsPrincipalArns,
            eksSupport: env.kubernetes.eksSupport,
            autoScalingRoleArn: awsAccount.autoScalingRole.arn,
            permissionsBoundaryArn: awsAccount.permissionsBoundaryArn,
            modelStore: env.modelStores,
            storeAdminArns: env.aws.adminPrincipalArns,
            workloads: identitiesOn('aws', env.workloads),
            federatedWorkloads: awsAccount.federatedWorkloads,
          }),
      );
      const [host, distribution] = [azureHosts[0], awsDistributions[0]];
      const link =
        env.link &&
        new LinkStack(app, linkStackName(envName), {
          backend: env.backend,
          policy: env.policy,
          tags: env.tags('link'),
          link: env.link,
          azure: {
            identity: env.azure.identity,
            network: env.azure.networks[0],
            resourceGroup: host.networkResourceGroup,
            gatewaySubnet: host.network.subnets.GatewaySubnet,
          },
          aws: {
            identity: env.aws.identity,
            network: env.aws.networks[0],
            vpc: distribution.network,
            clusterSecurityGroupId: distribution.cluster.cluster.vpcConfig.clusterSecurityGroupId,
          },
          health: { objectives: env.linkObjectives, awsTopicArn: awsAccount.alarmTopicArn, emails: env.alerts.emails },
        });
      return [envName, { awsAccount, azureHosts, awsDistributions, link }];
    }),
  );
}

/**
 * A config suppression must name a stack the environment has: one that names none would match
 * nothing, and no stack's gate would see it to say so.
 */
function rejectSuppressionsOfNoStack(config: PlatformConfig): void {
  const stacks = new Set(expectedStackNames(config));
  const problems = Object.entries(config.environments).flatMap(([envName, env]) =>
    env.policy.suppressions.flatMap((s, i) =>
      stacks.has(s.resource.split('/')[0])
        ? []
        : [
            {
              path: `environments.${envName}.policy.suppressions[${i}].resource`,
              message: `names stack ${s.resource.split('/')[0]}, which environment ${envName} does not have (its stacks: ${[...stacks].filter((n) => n.startsWith(`${envName}-`)).join(', ')})`,
            },
          ],
    ),
  );
  if (problems.length > 0) throw new ConfigError('platform config', problems);
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
