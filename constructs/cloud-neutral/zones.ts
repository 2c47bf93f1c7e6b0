/**
 * AWS availability zones by name or by ID. A zone name (`us-east-1a`) is an alias that AWS maps
 * to a different physical zone in every account; a zone ID (`use1-az4`) names the same physical
 * zone in every account. GPU instance types are offered per physical zone, and a capacity
 * reservation is bought in one, so the platform accepts IDs and the shipped config uses them:
 * two accounts (or the two sides of a reservation) then agree on where nodes land.
 */

/** How the region's middle words shorten in zone IDs: `us-east-1` -> `use1`, `ap-southeast-2` -> `apse2`. */
const ZONE_ID_WORDS: Readonly<Record<string, string>> = {
  gov: 'g',
  east: 'e',
  west: 'w',
  north: 'n',
  south: 's',
  central: 'c',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

/**
 * The zone-ID prefix of an AWS region (`use1` for `us-east-1`), or undefined for a region whose
 * name does not follow AWS's pattern (then only zone names can be checked).
 */
export function awsZoneIdPrefix(region: string): string | undefined {
  const parts = region.split('-');
  if (parts.length < 3) return undefined;
  const [area, ...rest] = parts;
  const number = rest.pop()!;
  const words = rest.map((word) => ZONE_ID_WORDS[word]);
  if (!/^\d+$/.test(number) || words.some((w) => w === undefined)) return undefined;
  return `${area}${words.join('')}${number}`;
}

/** Whether `zone` is a zone ID (`use1-az4`) rather than a zone name (`us-east-1a`). */
export function isAwsZoneId(zone: string): boolean {
  return /^[a-z]+\d+-az\d+$/.test(zone);
}

/** Why `zone` is not a zone of `region`, or undefined when it is (by name or by ID). */
export function awsZoneProblem(region: string, zone: string): string | undefined {
  const prefix = awsZoneIdPrefix(region);
  if (new RegExp(`^${region}[a-z]$`).test(zone)) return undefined;
  if (prefix && new RegExp(`^${prefix}-az\\d+$`).test(zone)) return undefined;
  const examples = prefix ? `${prefix}-az1, ${prefix}-az2, ... (zone IDs) or ` : '';
  return `must be a zone of ${region}: ${examples}${region}a, ${region}b, ... (zone names)`;
}
