/**
 * The config checked against what the clouds have (`constructs/cloud-neutral/cloud-facts.ts`): regions,
 * zones, and where each pool's SKU is offered or its Capacity Blocks sold, region by region and
 * zone by zone. A source that covers a place and lacks the thing makes an error; a place no
 * source knows makes a warning. Also where a pool lands (its `regions`), and its reservations,
 * which belong to one region each.
 */
import {
  awsCapacityBlockIn,
  awsInstanceTypeIn,
  awsInstanceTypeInZone,
  awsRegionProblem,
  awsZoneIdProblem,
  azureRegionAccessNote,
  azureRegionProblem,
  azureVmSizeIn,
  azureZonesProblem,
  nearestNames,
  type Availability,
} from '../constructs/cloud-neutral/cloud-facts';
import { CLOUDS, isGpuModelId, resolveGpuOffering, type Cloud } from '../constructs/cloud-neutral/gpu-catalog';
import { poolGpusPerNode, poolLandsIn, poolZoneIndexes } from '../constructs/cloud-neutral/gpu-pool';
import { isAwsZoneId } from '../constructs/cloud-neutral/zones';

/** Set to `off` to skip every check against the cloud facts: only for synthetic configs (the scale benchmark). */
export const CLOUD_FACTS_ENV = 'GPU_PLATFORM_CLOUD_FACTS';

/** Whether the facts are checked: not with `GPU_PLATFORM_CLOUD_FACTS=off`. */
export function cloudFactsChecked(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[CLOUD_FACTS_ENV] !== 'off';
}

/** One finding, at a path below the environment. */
export interface CloudFinding {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

interface RegionShape {
  readonly region: string;
  readonly availabilityZones: readonly string[];
}

/** What the checks read of a pool; `clouds` and `regions` as written (undefined when left out). */
export interface PoolShape {
  readonly name: string;
  readonly gpuModel: string;
  readonly gpusPerNode?: number;
  readonly clouds?: readonly Cloud[];
  readonly regions?: readonly string[];
  readonly fabric?: boolean;
  readonly zones?: readonly number[];
  readonly capacity?: { readonly type: string; readonly aws?: { readonly capacityBlock?: boolean } };
}

/** What the checks read of an environment. */
export interface EnvironmentShape {
  readonly aws: { readonly regions: readonly RegionShape[] };
  readonly azure: { readonly regions: readonly RegionShape[] };
  readonly kubernetes: { readonly systemPool: { readonly awsInstanceType: string; readonly azureVmSize: string } };
  readonly gpuPools: readonly PoolShape[];
}

/** The regions of a cloud a pool lands in: its `regions` on that cloud, or every region of the cloud. */
export function poolRegions(
  pool: { readonly regions?: readonly string[] },
  cloud: Cloud,
  env: Pick<EnvironmentShape, Cloud>,
): string[] {
  return env[cloud].regions.map((r) => r.region).filter((region) => poolLandsIn(pool, region));
}

/** A region name that is not one of the clouds: the error, with the nearest names. */
export function regionNameProblem(cloud: Cloud, region: string): string | undefined {
  return cloud === 'aws' ? awsRegionProblem(region) : azureRegionProblem(region);
}

/** Unknown region names, zones that region lacks, and restricted regions (warnings). */
export function regionFindings(
  cloud: Cloud,
  regions: readonly RegionShape[],
): { errors: CloudFinding[]; warnings: CloudFinding[] } {
  const errors: CloudFinding[] = [];
  const warnings: CloudFinding[] = [];
  regions.forEach((r, i) => {
    const at = [cloud, 'regions', i];
    const unknown = regionNameProblem(cloud, r.region);
    if (unknown) {
      errors.push({ path: [...at, 'region'], message: unknown });
      return;
    }
    if (cloud === 'aws') {
      r.availabilityZones.forEach((zone, z) => {
        const problem = isAwsZoneId(zone) ? awsZoneIdProblem(r.region, zone) : undefined;
        if (problem) errors.push({ path: [...at, 'availabilityZones', z], message: problem });
      });
    } else {
      const zoneless = azureZonesProblem(r.region);
      if (zoneless) errors.push({ path: [...at, 'availabilityZones'], message: `lists zones, but ${zoneless}` });
      const restricted = azureRegionAccessNote(r.region);
      if (restricted) warnings.push({ path: [...at, 'region'], message: restricted });
    }
  });
  return { errors, warnings };
}

/** 1-based zone positions a pool uses in a region of `zoneCount` zones, as its spec places it. */
function zoneIndexes(pool: PoolShape, zoneCount: number): readonly number[] {
  const indexes = poolZoneIndexes(pool);
  return indexes === 'all' ? Array.from({ length: zoneCount }, (_, i) => i + 1) : indexes;
}

function availabilityFinding(
  path: readonly (string | number)[],
  what: string,
  where: string,
  availability: Availability,
  fix: string,
): { error?: CloudFinding; warning?: CloudFinding } {
  if (availability.status === 'absent')
    return { error: { path, message: `${what} is not offered in ${where}: ${availability.evidence}; ${fix}` } };
  if (availability.status === 'unknown')
    return {
      warning: {
        path,
        message: `${what} in ${where}: availability unknown (${availability.why}); check before deploying`,
      },
    };
  return {};
}

/**
 * Where each pool's SKU, and each cluster's system SKU, is offered: per region the pool lands in,
 * per zone it uses (AWS zone IDs), and for Capacity Blocks where they are sold.
 */
export function offeringFindings(env: EnvironmentShape): { errors: CloudFinding[]; warnings: CloudFinding[] } {
  const errors: CloudFinding[] = [];
  const warnings: CloudFinding[] = [];
  const add = (f: { error?: CloudFinding; warning?: CloudFinding }) => {
    if (f.error) errors.push(f.error);
    if (f.warning) warnings.push(f.warning);
  };
  const known = (cloud: Cloud, region: string) => regionNameProblem(cloud, region) === undefined;

  env.gpuPools.forEach((pool, p) => {
    if (!isGpuModelId(pool.gpuModel)) return;
    const perNode = poolGpusPerNode(pool.gpuModel, pool.gpusPerNode);
    const blocks = pool.capacity?.type === 'reserved' && pool.capacity.aws?.capacityBlock === true;
    for (const cloud of pool.clouds ?? CLOUDS) {
      const offering = resolveGpuOffering(pool.gpuModel, cloud, perNode);
      if (!offering) continue;
      const what = `${offering.sku} (${pool.gpuModel}, ${perNode} GPUs per node)`;
      const fix = `set the pool's regions to regions that have it, or choose another GPU model or size`;
      for (const region of poolRegions(pool, cloud, env).filter((r) => known(cloud, r))) {
        const path = ['gpuPools', p];
        if (cloud === 'azure') {
          add(availabilityFinding(path, what, region, azureVmSizeIn(offering.sku, region), fix));
          continue;
        }
        if (blocks) {
          add(
            availabilityFinding(
              path,
              `Capacity Blocks of ${what}`,
              region,
              awsCapacityBlockIn(offering.sku, region),
              fix,
            ),
          );
          continue;
        }
        const inRegion = awsInstanceTypeIn(offering.sku, region);
        add(availabilityFinding(path, what, region, inRegion, fix));
        if (inRegion.status !== 'offered') continue;
        const network = env.aws.regions.find((r) => r.region === region)!;
        for (const index of zoneIndexes(pool, network.availabilityZones.length)) {
          const zone = network.availabilityZones[index - 1];
          if (!zone || !isAwsZoneId(zone)) continue;
          add(
            availabilityFinding(
              path,
              what,
              `${region} zone ${zone}`,
              awsInstanceTypeInZone(offering.sku, region, zone),
              `set the pool's zones to zones that have it, or list such a zone for ${region}`,
            ),
          );
        }
      }
    }
  });

  const system = env.kubernetes.systemPool;
  const systemSkus = {
    aws: { field: 'awsInstanceType', sku: system.awsInstanceType, in: awsInstanceTypeIn, fix: 'an instance type' },
    azure: { field: 'azureVmSize', sku: system.azureVmSize, in: azureVmSizeIn, fix: 'a VM size' },
  } as const;
  for (const cloud of CLOUDS) {
    const { field, sku, in: offeredIn, fix } = systemSkus[cloud];
    for (const region of env[cloud].regions.filter((r) => known(cloud, r.region)))
      add(
        availabilityFinding(
          ['kubernetes', 'systemPool', field],
          sku,
          region.region,
          offeredIn(sku, region.region),
          `choose ${fix} the region offers`,
        ),
      );
  }
  return { errors, warnings };
}

/** Pools whose `regions` name a region none of their clouds has here, or leave a cloud without one. */
export function placementFindings(env: EnvironmentShape): CloudFinding[] {
  const findings: CloudFinding[] = [];
  env.gpuPools.forEach((pool, p) => {
    if (!pool.regions) return;
    const clouds = pool.clouds ?? CLOUDS;
    const available = clouds.flatMap((cloud) => env[cloud].regions.map((r) => r.region));
    pool.regions.forEach((region, i) => {
      if (!available.includes(region))
        findings.push({
          path: ['gpuPools', p, 'regions', i],
          message: `is not a region of the pool's clouds (${clouds.join(', ')}) in this environment; did you mean ${nearestNames(region, available).join(', ')}?`,
        });
    });
    for (const cloud of clouds) {
      if (env[cloud].regions.length > 0 && poolRegions(pool, cloud, env).length === 0)
        findings.push({
          path: ['gpuPools', p, 'regions'],
          message: `names no ${cloud} region, so the pool would land nowhere on ${cloud}: add one of ${env[cloud].regions.map((r) => r.region).join(', ')}, or leave ${cloud} out of clouds`,
        });
    }
  });
  return findings;
}
