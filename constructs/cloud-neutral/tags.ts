/** The tag set every taggable resource carries on both clouds. */
import type { CloudRole } from './naming';

export const REQUIRED_TAG_KEYS = [
  'platform',
  'environment',
  'cloud-role',
  'owner',
  'cost-center',
  'managed-by',
] as const;

/** The required keys, and the environment's lineage tags. */
export type PlatformTags = Readonly<Record<(typeof REQUIRED_TAG_KEYS)[number], string> & Record<string, string>>;

/** What the tag set is built from. */
export interface TagSpec {
  /** The platform's name prefix from config. */
  readonly platform: string;
  /** The environment name, for example `prod`. */
  readonly environment: string;
  /** Whether the resource belongs to the Azure host or the AWS distribution side (`link` for the VPN stack). */
  readonly cloudRole: CloudRole | 'link';
  /** The owning team, from config. */
  readonly owner: string;
  /** The cost center charged, from config. */
  readonly costCenter: string;
  /** The environment's lineage tags, from config (`logging.lineageTags`); the required keys win over them. */
  readonly lineage: Readonly<Record<string, string>>;
}

export function platformTags(spec: TagSpec): PlatformTags {
  return {
    ...spec.lineage,
    platform: spec.platform,
    environment: spec.environment,
    'cloud-role': spec.cloudRole,
    owner: spec.owner,
    'cost-center': spec.costCenter,
    'managed-by': 'cdktf',
  };
}
