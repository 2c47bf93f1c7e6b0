import type { App } from 'cdktf';
import { environmentSpec } from '../config/specs';
import type { PlatformConfig } from '../config/schema';
import { awsDistributionStackName, azureHostStackName } from '../constructs/spec/naming';
import { AwsDistributionStack } from './aws-distribution-stack';
import { AzureHostStack } from './azure-host-stack';

/** The stacks of one environment. */
export interface EnvironmentStacks {
  readonly azureHosts: readonly AzureHostStack[];
  readonly awsDistributions: readonly AwsDistributionStack[];
}

/**
 * Adds every stack of every environment in the config to the app: one Azure host stack per
 * Azure region and one AWS distribution stack per AWS region.
 */
export function buildPlatform(app: App, config: PlatformConfig): Record<string, EnvironmentStacks> {
  return Object.fromEntries(
    Object.keys(config.environments).map((envName) => {
      const env = environmentSpec(config, envName);
      const common = { backend: env.backend, logging: env.logging };
      const azureHosts = env.azure.networks.map(
        (network) =>
          new AzureHostStack(app, azureHostStackName(envName, network.region), {
            ...common,
            tags: env.tags('host'),
            identity: env.azure.identity,
            network,
            networkWatcher: env.azure.networkWatcher,
            gpuPools: env.azure.gpuPools,
          }),
      );
      const awsDistributions = env.aws.networks.map(
        (network) =>
          new AwsDistributionStack(app, awsDistributionStackName(envName, network.region), {
            ...common,
            tags: env.tags('distribution'),
            identity: env.aws.identity,
            network,
            natGateways: env.aws.natGateways,
            gpuPools: env.aws.gpuPools,
          }),
      );
      return [envName, { azureHosts, awsDistributions }];
    }),
  );
}

/** The names of every stack {@link buildPlatform} adds for a config, without building them. */
export function expectedStackNames(config: PlatformConfig): string[] {
  return Object.entries(config.environments).flatMap(([envName, env]) => [
    ...env.azure.regions.map((r) => azureHostStackName(envName, r.region)),
    ...env.aws.regions.map((r) => awsDistributionStackName(envName, r.region)),
  ]);
}
