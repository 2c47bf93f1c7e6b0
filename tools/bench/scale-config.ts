/**
 * Generates the scale benchmark's configs: one environment of the shipped config with N regions
 * per cloud. Pure: config in, config out.
 *
 * The config is a deep copy of the shipped one in which only the regions change, so fields the
 * schema gains later flow through untouched. The template environment's first N regions of each
 * cloud are kept as they are (settings elsewhere in the environment may name them); the rest are
 * copies of the cloud's first region with a made-up region name, the cloud's zones for it and a
 * /16 carved from 10.0.0.0/8 that overlaps no CIDR anywhere in the template environment.
 */
import { cidrsOverlap, formatCidr, parseCidr, type Ipv4Cidr } from '../../constructs/cloud-neutral/cidr';

type Json = Record<string, unknown>;

export interface ScaleConfig {
  /** The generated config, as plain JSON (defaults not applied): what the app reads from a file. */
  readonly config: Json;
  /** The environment it keeps. */
  readonly envName: string;
  readonly awsRegions: readonly string[];
  readonly azureRegions: readonly string[];
}

/** The environment the scale configs are built from: `prod` when the config has one, else the first. */
export function templateEnvironment(config: Json): string {
  const names = Object.keys(environmentsOf(config));
  if (names.length === 0) throw new Error('the config defines no environment to use as a template');
  return names.includes('prod') ? 'prod' : names[0];
}

/** Letters for a number, base 26: 0 is `a`, 25 `z`, 26 `ba`. */
function letters(n: number): string {
  const digit = String.fromCharCode(97 + (n % 26));
  return n < 26 ? digit : `${letters(Math.floor(n / 26))}${digit}`;
}

/** Made-up AWS region codes, `qx-bencha-0` to `qx-bencha-9`, then `qx-benchb-0`, ...: valid codes no real region uses. */
export function awsRegionName(index: number): string {
  return `qx-bench${letters(Math.floor(index / 10))}-${index % 10}`;
}

/** Made-up Azure region names, `qbench0`, `qbench1`, ... */
export function azureRegionName(index: number): string {
  return `qbench${index}`;
}

function environmentsOf(config: Json): Json {
  const environments = config.environments;
  if (!environments || typeof environments !== 'object') throw new Error('the config has no environments');
  return environments as Json;
}

/** Every CIDR written anywhere in a JSON value. */
export function cidrsIn(value: unknown): Ipv4Cidr[] {
  if (typeof value === 'string') {
    const parsed = parseCidr(value);
    return typeof parsed === 'string' ? [] : [parsed];
  }
  if (Array.isArray(value)) return value.flatMap(cidrsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(cidrsIn);
  return [];
}

/** `count` /16 blocks from 10.0.0.0/8, in order, each overlapping none of `taken`. */
export function carveNetworks(count: number, taken: readonly Ipv4Cidr[]): string[] {
  const blocks: string[] = [];
  for (let second = 0; second < 256 && blocks.length < count; second++) {
    const block = { network: ((10 << 24) | (second << 16)) >>> 0, prefixLength: 16 };
    if (!taken.some((t) => cidrsOverlap(t, block))) blocks.push(formatCidr(block));
  }
  if (blocks.length < count) throw new Error(`10.0.0.0/8 has only ${blocks.length} free /16s; ${count} wanted`);
  return blocks;
}

interface RegionEntry extends Json {
  region: string;
  cidr: string;
  availabilityZones: string[];
}

function regionsOf(env: Json, cloud: 'aws' | 'azure'): RegionEntry[] {
  const section = env[cloud] as Json | undefined;
  const regions = section?.regions;
  if (!Array.isArray(regions) || regions.length === 0) throw new Error(`the template has no ${cloud} regions`);
  return regions as RegionEntry[];
}

/**
 * The config with one environment, `envName` of `shipped` (default: {@link templateEnvironment}),
 * holding `regionsPerCloud` AWS regions and as many Azure regions.
 */
export function scaleConfig(
  shipped: Json,
  regionsPerCloud: number,
  envName = templateEnvironment(shipped),
): ScaleConfig {
  if (!Number.isInteger(regionsPerCloud) || regionsPerCloud < 1) {
    throw new Error(`regions per cloud must be a positive integer, not ${regionsPerCloud}`);
  }
  const config = structuredClone(shipped);
  const template = environmentsOf(config)[envName] as Json | undefined;
  if (!template) throw new Error(`the config has no environment "${envName}"`);
  config.environments = { [envName]: template };

  const aws = regionsOf(template, 'aws');
  const azure = regionsOf(template, 'azure');
  const keptAws = aws.slice(0, regionsPerCloud);
  const keptAzure = azure.slice(0, regionsPerCloud);
  const addAws = regionsPerCloud - keptAws.length;
  const addAzure = regionsPerCloud - keptAzure.length;
  const networks = carveNetworks(addAws + addAzure, cidrsIn(template));
  const awsZones = aws[0].availabilityZones.length;
  const azureZones = azure[0].availabilityZones.length;

  const fresh = (taken: readonly RegionEntry[], nameAt: (i: number) => string, count: number): string[] => {
    const names: string[] = [];
    for (let i = 0; names.length < count; i++) {
      const name = nameAt(i);
      if (!taken.some((r) => r.region === name)) names.push(name);
    }
    return names;
  };
  const newAws = fresh(keptAws, awsRegionName, addAws).map((region, i) => ({
    ...structuredClone(aws[0]),
    region,
    cidr: networks[i],
    availabilityZones: ['a', 'b', 'c'].slice(0, awsZones).map((zone) => `${region}${zone}`),
  }));
  const newAzure = fresh(keptAzure, azureRegionName, addAzure).map((region, i) => ({
    ...structuredClone(azure[0]),
    region,
    cidr: networks[addAws + i],
    availabilityZones: ['1', '2', '3'].slice(0, azureZones),
  }));
  (template.aws as Json).regions = [...keptAws, ...newAws];
  (template.azure as Json).regions = [...keptAzure, ...newAzure];
  return {
    config,
    envName,
    awsRegions: [...keptAws, ...newAws].map((r) => r.region),
    azureRegions: [...keptAzure, ...newAzure].map((r) => r.region),
  };
}
