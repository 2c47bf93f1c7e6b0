/**
 * Loads, validates and selects the platform config.
 *
 * - `PLATFORM_CONFIG`: path of the config file (JSON). Default: `config/platform.json`.
 * - `PLATFORM_ENVS`: comma-separated environment names to build. Default: every environment.
 *
 * Any problem, in the file or in the selection, ends in one {@link ConfigError} that lists them
 * all, each with its config path, the value found and what is allowed.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import type { z } from 'zod';
import { formatPath } from './config-path';
import { CLOUD_FACTS_ENV, cloudFactsChecked, offeringFindings, regionFindings } from './cloud-checks';
import { checkDay, datedFindings } from './dated-checks';
import { closestKey, configErrorMap } from './messages';
import { platformConfigSchema, type PlatformConfig } from './schema';

/** Relative to the working directory: cdktf runs the app from the project root. */
export const DEFAULT_CONFIG_PATH = path.resolve('config', 'platform.json');

/** One thing wrong with the config. */
export interface ConfigProblem {
  /** Dotted path into the config file, for example `environments.prod.aws.regions[0].cidr`. */
  readonly path: string;
  /** What is wrong and what would be right. */
  readonly message: string;
  /** The value found at the path, rendered as JSON; absent when the path holds nothing. */
  readonly found?: string;
}

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(formatProblems(source, problems));
    this.name = 'ConfigError';
  }
}

function formatProblems(source: string, problems: readonly ConfigProblem[]): string {
  const noun = problems.length === 1 ? 'problem' : 'problems';
  const lines = problems.map((p) => `  - ${p.path}: ${p.message}${p.found === undefined ? '' : ` (found ${p.found})`}`);
  return [`Invalid platform config ${source}: ${problems.length} ${noun}`, ...lines].join('\n');
}

function valueAt(input: unknown, segments: readonly PropertyKey[]): unknown {
  let value = input;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function render(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/**
 * A required key reported missing beside an unknown key that misspells it (`gpuPool` for
 * `gpuPools`) is one mistake: the unknown key's problem suggests the right name, so this one goes.
 */
function explainedByTypo(issue: z.core.$ZodIssue, all: readonly z.core.$ZodIssue[], input: unknown): boolean {
  if (issue.code !== 'invalid_type' || valueAt(input, issue.path) !== undefined) return false;
  const key = issue.path[issue.path.length - 1];
  const parent = formatPath(issue.path.slice(0, -1));
  return all.some(
    (other) =>
      other.code === 'unrecognized_keys' &&
      formatPath(other.path) === parent &&
      other.keys.some((unknown) => closestKey(unknown, [String(key)]) !== undefined),
  );
}

function problemsFrom(error: z.ZodError, input: unknown): ConfigProblem[] {
  return error.issues
    .filter((issue) => !explainedByTypo(issue, error.issues, input))
    .map((issue) => {
      // An invalid record key is the name itself; the value under it is the environment's whole body.
      const found =
        issue.code === 'unrecognized_keys'
          ? undefined
          : issue.code === 'invalid_key'
            ? render(issue.path[issue.path.length - 1])
            : render(valueAt(input, issue.path));
      return { path: formatPath(issue.path) || '(root)', message: issue.message, found };
    });
}

/**
 * Validates a config object; throws a {@link ConfigError} listing every problem. The checks that
 * depend on the day (Kubernetes support) run as of `today` (default {@link checkDay}); the checks
 * against the cloud facts run unless `GPU_PLATFORM_CLOUD_FACTS=off` (synthetic configs only).
 */
export function parsePlatformConfig(input: unknown, source = '(inline)', today = checkDay()): PlatformConfig {
  const result = platformConfigSchema.safeParse(input, { error: configErrorMap });
  if (!result.success) throw new ConfigError(source, problemsFrom(result.error, input));
  const dated = datedFindings(result.data, today).errors;
  if (dated.length > 0) throw new ConfigError(source, dated);
  return result.data;
}

/**
 * What a valid config should be told but is not refused for, each at its config path: a version
 * near its end of support, a SKU whose availability no source knows, a restricted region, and
 * that the cloud facts were not checked at all.
 */
export function configWarnings(config: PlatformConfig, today = checkDay()): ConfigProblem[] {
  const facts = cloudFactsChecked()
    ? Object.entries(config.environments).flatMap(([name, env]) =>
        [
          ...regionFindings('aws', env.aws.regions).warnings,
          ...regionFindings('azure', env.azure.regions).warnings,
          ...offeringFindings(env).warnings,
        ].map((w) => ({ path: formatPath(['environments', name, ...w.path]), message: w.message })),
      )
    : [
        {
          path: CLOUD_FACTS_ENV,
          message:
            'is off: regions, zones and SKU offerings are not checked against the cloud facts (for synthetic benchmark configs only)',
        },
      ];
  return [...datedFindings(config, today).warnings, ...facts];
}

/** Reads and validates a config file, its dated checks as of `today` (default {@link checkDay}). */
export function loadPlatformConfig(file: string, today = checkDay()): PlatformConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, [{ path: '(file)', message: `cannot be read: ${(e as Error).message}` }]);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(file, [{ path: '(file)', message: `is not valid JSON: ${(e as Error).message}` }]);
  }
  return parsePlatformConfig(input, file, today);
}

/**
 * Keeps the environments named in `selection` (comma-separated; empty or undefined keeps all).
 * Unknown names are an error that lists the known ones.
 */
export function selectEnvironments(
  config: PlatformConfig,
  selection: string | undefined,
  source: string,
): PlatformConfig {
  const wanted = (selection ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (wanted.length === 0) return config;
  const known = Object.keys(config.environments);
  const unknown = wanted.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new ConfigError(
      source,
      unknown.map((name) => ({
        path: 'PLATFORM_ENVS',
        message: `names environment "${name}", which the config does not define; defined: ${known.join(', ')}`,
      })),
    );
  }
  const environments = Object.fromEntries(
    Object.entries(config.environments).filter(([name]) => wanted.includes(name)),
  );
  return { ...config, environments };
}

/** The config file the app reads: `PLATFORM_CONFIG`, or `config/platform.json`. */
export function configFileFromEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  return env.PLATFORM_CONFIG ? path.resolve(env.PLATFORM_CONFIG) : DEFAULT_CONFIG_PATH;
}

/** The config the app builds, chosen by `PLATFORM_CONFIG` and `PLATFORM_ENVS`, its dated checks as of `today`. */
export function loadFromEnvironment(env: NodeJS.ProcessEnv = process.env, today = checkDay(env)): PlatformConfig {
  const file = configFileFromEnvironment(env);
  return selectEnvironments(loadPlatformConfig(file, today), env.PLATFORM_ENVS, file);
}
