/**
 * The verification log line: one JSON object per verification, on stdout, which the lineage
 * queries find by `release_digest` in the serving cluster's workload logs.
 */
import { utcSeconds } from './lineage';
import { type Verification } from './verify';

/** The event name the lineage queries filter on. */
export const VERIFICATION_EVENT = 'model_release_verification';

/** The log line for a verification of the release at `dir`, at `time`. */
export function verificationLogLine(verification: Verification, dir: string, time: Date): string {
  const verified = verification.outcome === 'verified';
  const lineage = verified ? verification.release.lineage : verification.lineage;
  return JSON.stringify({
    event: VERIFICATION_EVENT,
    outcome: verification.outcome,
    release_digest: verified ? verification.release.digest : verification.digest,
    model: lineage?.model ?? null,
    version: lineage?.version ?? null,
    key_hint: verified ? verification.release.keyHint : verification.keyHint,
    ...(verified ? {} : { reason: verification.reason }),
    path: dir,
    time: utcSeconds(time),
  });
}
