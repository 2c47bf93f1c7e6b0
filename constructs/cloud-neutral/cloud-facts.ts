/**
 * What the clouds have, from public, dated sources (`data/cloud-facts.json`): region names, zones,
 * where instance types and VM sizes are offered, where Capacity Blocks are sold. Config names
 * something a cloud does not have: an error when a source that describes the place completely
 * lacks it; a warning when no source knows. Pure: the data is read once, at load.
 */
import facts from './data/cloud-facts.json';
import { editDistance } from './edit-distance';

/** Where a fact comes from. */
export interface FactSource {
  readonly what: string;
  readonly url: string;
  readonly date: string;
}

/** Whether a cloud has something somewhere, and on what evidence. */
export type Availability =
  | { readonly status: 'offered' }
  | { readonly status: 'absent'; readonly evidence: string }
  | { readonly status: 'unknown'; readonly why: string };

interface OfferingFacts {
  readonly regions: readonly string[];
  readonly complete?: boolean;
  readonly zoneIds?: Readonly<Record<string, readonly string[]>>;
  readonly localZones?: readonly string[];
  readonly note?: string;
}

interface AwsRegionFacts {
  readonly name: string;
  readonly zoneIds: readonly string[];
  /** The zones the offerings source sees, where fewer than all. */
  readonly zoneIdsOfferingsCover?: readonly string[];
}

interface AzureRegionFacts {
  readonly displayName: string;
  readonly zones: boolean;
  readonly pairedRegion: string | null;
  readonly restricted?: boolean;
  readonly note?: string;
}

const SOURCES = facts.sources as Readonly<Record<string, FactSource>>;
const AWS_REGIONS = facts.aws.regions.byName as Readonly<Record<string, AwsRegionFacts>>;
const AZURE_REGIONS = facts.azure.regions.byName as Readonly<Record<string, AzureRegionFacts>>;
const AWS_OFFERINGS = facts.aws.offerings.instanceTypes as Readonly<Record<string, OfferingFacts>>;
const AWS_CAPACITY_BLOCKS = facts.aws.capacityBlocks.instanceTypes as Readonly<Record<string, OfferingFacts>>;
const AZURE_SIZES = facts.azure.vmSizes.sizes as Readonly<Record<string, OfferingFacts>>;

/** `<what> (<date>)`, how a message cites a source. */
export function cite(sourceId: string): string {
  const source = SOURCES[sourceId];
  return `${source.what.split(/,| \(/)[0]}, ${source.date.split(' ')[0]}`;
}

/** The regions of each cloud, by name. */
export const AWS_REGION_NAMES: readonly string[] = Object.keys(AWS_REGIONS);
export const AZURE_REGION_NAMES: readonly string[] = Object.keys(AZURE_REGIONS);

/** The `count` names closest to `name`, nearest first (ties in list order). */
export function nearestNames(name: string, names: readonly string[], count = 3): string[] {
  return [...names]
    .map((candidate, i) => ({ candidate, i, d: editDistance(name, candidate) }))
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .slice(0, count)
    .map((x) => x.candidate);
}

/** Why `region` is not an AWS region this platform can use, or undefined. */
export function awsRegionProblem(region: string): string | undefined {
  if (AWS_REGIONS[region]) return undefined;
  return `is not a region of AWS (${cite('botocore-endpoints')}); did you mean ${nearestNames(region, AWS_REGION_NAMES).join(', ')}?`;
}

/** Why `region` is not an Azure region, or undefined. */
export function azureRegionProblem(region: string): string | undefined {
  if (AZURE_REGIONS[region]) return undefined;
  return `is not an Azure region (${cite('azure-regions-list')}); did you mean ${nearestNames(region, AZURE_REGION_NAMES).join(', ')}?`;
}

/** The zone IDs of an AWS region, or undefined for a region the facts do not know. */
export function awsZoneIds(region: string): readonly string[] | undefined {
  return AWS_REGIONS[region]?.zoneIds;
}

/** Why `zoneId` is not a zone of `region`, or undefined (also for a region the facts do not know). */
export function awsZoneIdProblem(region: string, zoneId: string): string | undefined {
  const zones = AWS_REGIONS[region]?.zoneIds;
  if (!zones || zones.includes(zoneId)) return undefined;
  return `is not a zone of ${region}, whose zone IDs are ${zones.join(', ')} (${cite('aws-az-docs')})`;
}

/** The Azure regions with zones closest to `region`, as a suggestion. */
export function nearestZonalAzureRegions(region: string): string[] {
  return nearestNames(
    region,
    AZURE_REGION_NAMES.filter((r) => AZURE_REGIONS[r].zones && !AZURE_REGIONS[r].restricted),
  );
}

/** Why an Azure region cannot hold zone-spread resources, or undefined. */
export function azureZonesProblem(region: string): string | undefined {
  const known = AZURE_REGIONS[region];
  if (!known || known.zones) return undefined;
  return `${region} has no availability zones (${cite('azure-regions-list')}), so nothing can be spread over zones there; regions with zones nearby by name: ${nearestZonalAzureRegions(region).join(', ')}`;
}

/** A note that a region is open only on request, or undefined. */
export function azureRegionAccessNote(region: string): string | undefined {
  return AZURE_REGIONS[region]?.restricted
    ? `${region} is an access-restricted Azure region: subscriptions need Microsoft's approval to deploy there`
    : undefined;
}

/**
 * Why a storage account in `region` cannot be geo-zone-redundant (GZRS), or undefined: GZRS
 * replicates across the region's zones and to its paired region, so it needs both.
 */
export function azureGzrsProblem(region: string): string | undefined {
  const known = AZURE_REGIONS[region];
  if (!known) return undefined;
  if (known.zones && known.pairedRegion) return undefined;
  const lacks = [...(known.zones ? [] : ['availability zones']), ...(known.pairedRegion ? [] : ['paired region'])];
  return `${region} has no ${lacks.join(' and no ')} (${cite('azure-regions-list')}), which GZRS needs`;
}

function availability(
  offering: OfferingFacts | undefined,
  region: string,
  covers: readonly string[] | undefined,
  sourceId: string,
  what: string,
): Availability {
  if (!offering) return { status: 'unknown', why: `${what} is not in the facts (${cite(sourceId)})` };
  if (offering.regions.includes(region)) return { status: 'offered' };
  const localZones = (offering.localZones ?? []).filter((zone) => zone.startsWith(`${region}-`));
  if (localZones.length > 0)
    return {
      status: 'unknown',
      why: `${cite(sourceId)} lists ${what} in ${region} only in its Local Zone ${localZones.join(', ')}, where nodes need a subnet of that Local Zone`,
    };
  if (offering.complete === false)
    return { status: 'unknown', why: `${offering.note ?? `its regions are not fully known`} (${cite(sourceId)})` };
  if (covers && !covers.includes(region))
    return { status: 'unknown', why: `${cite(sourceId)} does not cover ${region}` };
  return {
    status: 'absent',
    evidence: `${cite(sourceId)} lists ${what} in ${offering.regions.length > 0 ? offering.regions.join(', ') : 'no region'}${offering.localZones ? `, and in Local Zones ${offering.localZones.join(', ')}` : ''}`,
  };
}

/** Whether an EC2 instance type is offered in a region (DescribeInstanceTypeOfferings). */
export function awsInstanceTypeIn(instanceType: string, region: string): Availability {
  return availability(AWS_OFFERINGS[instanceType], region, facts.aws.offerings.covers, 'moto-offerings', instanceType);
}

/** Whether an EC2 instance type is offered in a zone of a region, as far as the source sees. */
export function awsInstanceTypeInZone(instanceType: string, region: string, zoneId: string): Availability {
  const inRegion = awsInstanceTypeIn(instanceType, region);
  if (inRegion.status !== 'offered') return inRegion;
  const zones = AWS_OFFERINGS[instanceType].zoneIds?.[region];
  if (!zones || zones.includes(zoneId)) return { status: 'offered' };
  const seen = AWS_REGIONS[region]?.zoneIdsOfferingsCover;
  if (seen && !seen.includes(zoneId))
    return { status: 'unknown', why: `${cite('moto-offerings')} does not see zone ${zoneId}` };
  return {
    status: 'absent',
    evidence: `${cite('moto-offerings')} offers ${instanceType} in ${region} only in ${zones.join(', ')}`,
  };
}

/** Whether EC2 Capacity Blocks for ML of an instance type are sold in a region (not counting Local Zones). */
export function awsCapacityBlockIn(instanceType: string, region: string): Availability {
  return availability(
    AWS_CAPACITY_BLOCKS[instanceType],
    region,
    undefined,
    'cb-pricing',
    `Capacity Blocks of ${instanceType}`,
  );
}

/** Whether an Azure VM size is offered in a region (`az vm list-skus`). */
export function azureVmSizeIn(size: string, region: string): Availability {
  return availability(AZURE_SIZES[size], region, facts.azure.vmSizes.covers, 'djtools-list-skus', size);
}
