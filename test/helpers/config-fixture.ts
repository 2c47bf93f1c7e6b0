/**
 * Configs as plain JSON, deep copies a test may edit: the shipped config, which forks change (only
 * invariant tests and the fork check read it), and the frozen fixture that behaviour tests pin.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { ConfigError, DEFAULT_CONFIG_PATH, parsePlatformConfig } from '../../config/load';
import { AWS_BASELINE_PARTS } from '../../config/schema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures are edited by path in tests
export type ConfigInput = any;

/** An AWS account baseline owned by someone else (a landing zone, another environment): every part `existing`. */
export const BASELINE_OWNED_ELSEWHERE = Object.fromEntries(AWS_BASELINE_PARTS.map((part) => [part, 'existing']));

/** A deep copy of `config/platform.json`, as a fork has it. */
export function shippedConfig(): ConfigInput {
  return JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8'));
}

/**
 * A frozen config for behaviour tests: a copy of the shipped config as it stood when they were
 * written, so tests may pin its regions, accounts and pools while forks change the shipped one.
 */
export const FROZEN_CONFIG_PATH = path.join(__dirname, '..', 'fixtures', 'platform.json');

/**
 * A frozen stranger's fork: other platform name, environments, regions, CIDRs and pools, with every
 * capacity kind: On-Demand, Spot on both clouds, a Capacity Block, an On-Demand Capacity
 * Reservation and an Azure capacity reservation group. The ledger and the diagram read it.
 */
export const FORK_CONFIG_PATH = path.join(__dirname, '..', 'fixtures', 'fork-acme.json');

/** A deep copy of the frozen fixture config as plain JSON. */
export function frozenConfig(): ConfigInput {
  return JSON.parse(readFileSync(FROZEN_CONFIG_PATH, 'utf8'));
}

/**
 * The frozen config broken four ways at once in `prod`: Azure's network overlaps AWS's, an
 * unknown GPU model, min above max, and a storage account name Azure rejects.
 */
export function configWithFourProblems(): ConfigInput {
  const config = frozenConfig();
  const prod = config.environments.prod;
  prod.azure.regions[0].cidr = prod.aws.regions[0].cidr;
  prod.gpuPools[2].gpuModel = 'v100';
  prod.gpuPools[1].nodes = { min: 9, desired: 9, max: 8 };
  prod.stateBackend = {
    type: 'azurerm',
    resourceGroupName: 'rg',
    storageAccountName: 'Bad_Name',
    containerName: 'tfstate',
  };
  return config;
}

/** The problems a config input yields, as "path: message" lines; none when it is valid. */
export function configProblems(input: ConfigInput): string[] {
  try {
    parsePlatformConfig(input);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}
