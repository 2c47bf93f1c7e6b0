/**
 * Checks of the config that depend on the day they run: whether the Kubernetes version is still
 * supported on both clouds (`constructs/cloud-neutral/kubernetes-support.ts`). Errors fail the synth like
 * any config problem; warnings are printed and do not.
 */
import { kubernetesSupportFindings } from '../constructs/cloud-neutral/kubernetes-support';
import type { ConfigProblem } from './load';
import type { PlatformConfig } from './schema';

/** Set to a date (`YYYY-MM-DD`) to run the dated checks as of that day: tests pin it, so results never drift. */
export const TODAY_ENV = 'GPU_PLATFORM_TODAY';

/** The day the dated checks run as of: `GPU_PLATFORM_TODAY`, or today (UTC). */
export function checkDay(env: NodeJS.ProcessEnv = process.env): string {
  const pinned = env[TODAY_ENV];
  if (pinned !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(pinned))
    throw new Error(`${TODAY_ENV} must be a date such as 2027-01-31, not "${pinned}"`);
  return pinned ?? new Date().toISOString().slice(0, 10);
}

/** The dated problems of a valid config: errors and warnings, each at its config path. */
export function datedFindings(
  config: PlatformConfig,
  today: string,
): { readonly errors: ConfigProblem[]; readonly warnings: ConfigProblem[] } {
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  for (const [name, env] of Object.entries(config.environments)) {
    const { version, eksSupport } = env.kubernetes;
    const findings = kubernetesSupportFindings(version, today, eksSupport);
    const path = `environments.${name}.kubernetes.version`;
    const found = JSON.stringify(version);
    errors.push(...findings.errors.map((message) => ({ path, message, found })));
    warnings.push(...findings.warnings.map((message) => ({ path, message, found })));
  }
  return { errors, warnings };
}
