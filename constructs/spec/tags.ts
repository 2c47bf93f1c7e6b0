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

export type PlatformTags = Readonly<Record<(typeof REQUIRED_TAG_KEYS)[number], string>>;

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
}

export function platformTags(spec: TagSpec): PlatformTags {
  return {
    platform: spec.platform,
    environment: spec.environment,
    'cloud-role': spec.cloudRole,
    owner: spec.owner,
    'cost-center': spec.costCenter,
    'managed-by': 'cdktf',
  };
}
