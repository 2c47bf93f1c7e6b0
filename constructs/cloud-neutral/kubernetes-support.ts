/**
 * When each Kubernetes minor version is supported on EKS and AKS (`data/kubernetes-support.json`,
 * the clouds' published calendars), and what that means for a pinned version on a given day.
 *
 * Why it matters at synth: when EKS standard support for a version ends, AWS upgrades clusters
 * still on it (with upgrade policy `STANDARD`), and every later plan pinned to the old version
 * tries to downgrade them and fails. AKS stops supporting a version at its end of life: no new
 * clusters, no fixes (LTS needs the Premium tier, which the platform does not use). So a version
 * past its end is an error, and one within {@link WARNING_DAYS} of it a warning. Pure: the day is
 * an argument.
 */
import data from './data/kubernetes-support.json';
import { compareKubernetesVersions } from './gpu-catalog';

/** EKS support after the standard 14 months: `standard` lets AWS upgrade the control plane, `extended` keeps the version 12 months more, billed. */
export type EksSupport = 'standard' | 'extended';

/** Days before a version's end of support from which the config gets a warning. */
export const WARNING_DAYS = 90;

interface EksVersion {
  readonly release: string;
  readonly endOfStandard: string;
  readonly endOfExtended: string;
  readonly source: string;
}

interface AksVersion {
  readonly ga: string;
  readonly endOfLife: string;
  readonly projected?: readonly string[];
  readonly note?: string;
}

const EKS = data.eks.versions as Readonly<Record<string, EksVersion>>;
const AKS = data.aks.versions as Readonly<Record<string, AksVersion>>;
const SOURCES = data.sources as Readonly<Record<string, { what: string; date: string }>>;

function cite(id: string): string {
  return `${SOURCES[id].what.split(' (')[0]}, ${SOURCES[id].date}`;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** Whether a cloud's calendar knows a version at all. */
export function calendarKnows(cloud: 'aws' | 'azure', version: string): boolean {
  return (cloud === 'aws' ? EKS : AKS)[version] !== undefined;
}

/** What a pinned version is on a day: fine, close to its end (a warning), or past it (an error). */
export interface SupportFindings {
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

/** The versions supported on both clouds on `today`, oldest first. */
export function supportedOnBoth(today: string, eksSupport: EksSupport = 'standard'): string[] {
  return Object.keys(EKS)
    .filter((v) => AKS[v])
    .filter((v) => EKS[v].release <= today && today <= eksEnd(EKS[v], eksSupport))
    .filter((v) => AKS[v].ga <= today && today <= AKS[v].endOfLife && !AKS[v].projected?.includes('ga'))
    .sort(compareKubernetesVersions);
}

function eksEnd(version: EksVersion, support: EksSupport): string {
  return support === 'extended' ? version.endOfExtended : version.endOfStandard;
}

function suggestion(today: string, eksSupport: EksSupport): string {
  const both = supportedOnBoth(today, eksSupport);
  return both.length > 0
    ? `versions supported on both clouds today: ${both.join(', ')} (the newest lasts longest)`
    : 'no version is supported on both clouds today by these calendars';
}

/**
 * A version a cloud's calendar does not list: newer than its newest is a warning (the calendar
 * may lag the cloud), older than its oldest an error (long out of support).
 */
function unknownVersionFindings(
  service: 'EKS' | 'AKS',
  version: string,
  listed: readonly string[],
  calendar: string,
  upgrade: string,
): SupportFindings {
  const newest = [...listed].sort(compareKubernetesVersions).at(-1)!;
  return compareKubernetesVersions(version, newest) > 0
    ? {
        errors: [],
        warnings: [
          `${service} ${version} is newer than the ${service} calendar knows (${cite(calendar)}): check that ${service} offers it`,
        ],
      }
    : {
        errors: [
          `${service} no longer supports ${version}: it is older than the ${service} calendar's oldest version; ${upgrade}`,
        ],
        warnings: [],
      };
}

/** Whether EKS supports `version` on `today` with `eksSupport`. */
export function eksSupportFindings(version: string, today: string, eksSupport: EksSupport): SupportFindings {
  const known = EKS[version];
  if (!known)
    return unknownVersionFindings('EKS', version, Object.keys(EKS), 'eks-calendar-2026', suggestion(today, eksSupport));
  const source = cite(known.source);
  if (today < known.release)
    return {
      errors: [`EKS releases ${version} on ${known.release} (${source}); ${suggestion(today, eksSupport)}`],
      warnings: [],
    };
  const end = eksEnd(known, eksSupport);
  if (today > end) {
    const standardOver =
      eksSupport === 'standard' && today <= known.endOfExtended
        ? ` AWS upgrades clusters on ${version} by itself since then, and a plan pinned to ${version} would try to downgrade them and fail. Or set kubernetes.eksSupport to "extended" to keep ${version} until ${known.endOfExtended} (billed $0.60 instead of $0.10 per cluster-hour).`
        : '';
    return {
      errors: [
        `EKS ${eksSupport} support for ${version} ended on ${end} (${source}).${standardOver} Upgrade: ${suggestion(today, eksSupport)}; docs/kubernetes-upgrades.md`,
      ],
      warnings: [],
    };
  }
  const left = daysBetween(today, end);
  return left <= WARNING_DAYS
    ? {
        errors: [],
        warnings: [
          `EKS ${eksSupport} support for ${version} ends on ${end}, in ${left} days (${source}): plan the upgrade (docs/kubernetes-upgrades.md)${eksSupport === 'standard' ? '; after that day AWS upgrades the clusters by itself' : ''}`,
        ],
      }
    : { errors: [], warnings: [] };
}

/** Whether AKS supports `version` on `today` (community support: the platform's clusters are not on LTS). */
export function aksSupportFindings(version: string, today: string): SupportFindings {
  const known = AKS[version];
  if (!known)
    return unknownVersionFindings('AKS', version, Object.keys(AKS), 'aks-calendar', suggestion(today, 'standard'));
  if (known.projected?.includes('ga'))
    return {
      errors: [],
      warnings: [
        `AKS ${version} general availability was projected for ${known.ga.slice(0, 7)} (${cite('aks-calendar')}), not confirmed: check that AKS offers it`,
      ],
    };
  if (today < known.ga)
    return {
      errors: [
        `AKS makes ${version} generally available on ${known.ga} (${cite('aks-changelog')}); ${suggestion(today, 'standard')}`,
      ],
      warnings: [],
    };
  if (today > known.endOfLife)
    return {
      errors: [
        `AKS support for ${version} ended on ${known.endOfLife} (${cite('aks-calendar')}): no new clusters, no fixes; staying needs Long Term Support on the Premium tier. Upgrade: ${suggestion(today, 'standard')}; docs/kubernetes-upgrades.md`,
      ],
      warnings: [],
    };
  const left = daysBetween(today, known.endOfLife);
  return left <= WARNING_DAYS
    ? {
        errors: [],
        warnings: [
          `AKS support for ${version} ends on ${known.endOfLife}, in ${left} days (${cite('aks-calendar')}): plan the upgrade (docs/kubernetes-upgrades.md)`,
        ],
      }
    : { errors: [], warnings: [] };
}

/** Both clouds' findings for a version the platform pins on both. */
export function kubernetesSupportFindings(version: string, today: string, eksSupport: EksSupport): SupportFindings {
  const eks = eksSupportFindings(version, today, eksSupport);
  const aks = aksSupportFindings(version, today);
  return { errors: [...eks.errors, ...aks.errors], warnings: [...eks.warnings, ...aks.warnings] };
}
