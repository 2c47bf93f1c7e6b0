/**
 * The trust set: the public keys a verifier accepts, each named by its hint, a retired key with
 * the end of its rotation overlap (`not_after`). JSON:
 * `{ "keys": [ { "hint": "<hex>", "pem": "-----BEGIN PUBLIC KEY-----...", "not_after": "<RFC 3339>" } ] }`.
 */
import { type KeyObject, createPublicKey } from 'crypto';
import { curveOf } from './dsse';
import { keyHint } from './key-hint';
import { Refusal } from './refusal';
import { errorMessage } from './error-message';

/** One key a verifier accepts. */
export interface TrustedKey {
  readonly hint: string;
  readonly key: KeyObject;
  /** After this instant the key is refused; none for the current key. */
  readonly notAfter?: Date;
}

/** The keys a verifier accepts. */
export interface TrustSet {
  readonly keys: readonly TrustedKey[];
}

/** A trust set that cannot be used, every problem named. */
export class TrustSetError extends Error {
  override name = 'TrustSetError';
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function publicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  curveOf(key);
  return key;
}

/** A trust set of the given PEM public keys, none retired (`--public-key`). */
export function trustPublicKeys(pems: readonly string[]): TrustSet {
  return {
    keys: pems.map((pem, i) => {
      try {
        const key = publicKey(pem);
        return { hint: keyHint(key), key };
      } catch (e) {
        throw new TrustSetError(`public key ${i + 1}: ${errorMessage(e)}`);
      }
    }),
  };
}

/** The trust set in a trust JSON document; throws a {@link TrustSetError} naming every problem. */
export function readTrustSet(text: string, source = 'trust set'): TrustSet {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TrustSetError(`${source}: not JSON`);
  }
  const entries = (json as { keys?: unknown } | null)?.keys;
  if (
    typeof json !== 'object' ||
    json === null ||
    Array.isArray(json) ||
    !Array.isArray(entries) ||
    entries.length === 0
  ) {
    throw new TrustSetError(`${source}: expected {"keys": [{"hint", "pem", "not_after"?}, ...]} with at least one key`);
  }
  const problems: string[] = [];
  const keys: TrustedKey[] = [];
  entries.forEach((entry: unknown, i) => {
    const where = `${source}: keys[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${where} must be an object`);
      return;
    }
    const { hint, pem, not_after: notAfter, ...rest } = entry as Record<string, unknown>;
    for (const key of Object.keys(rest)) problems.push(`${where}.${key} is not a known key (hint, pem, not_after)`);
    let key: KeyObject | undefined;
    try {
      key = publicKey(String(pem));
    } catch (e) {
      problems.push(`${where}.pem: ${typeof pem === 'string' ? errorMessage(e) : 'missing'}`);
    }
    if (key !== undefined && hint !== keyHint(key)) {
      problems.push(
        `${where}.hint is ${JSON.stringify(hint)}, but the key's hint (sha256 of its SPKI PEM) is ${keyHint(key)}`,
      );
    }
    const until = typeof notAfter === 'string' && RFC3339.test(notAfter) ? new Date(notAfter) : undefined;
    if (notAfter !== undefined && (until === undefined || Number.isNaN(until.getTime()))) {
      problems.push(`${where}.not_after must be an RFC 3339 time, got ${JSON.stringify(notAfter)}`);
    }
    if (key !== undefined) keys.push({ hint: keyHint(key), key, ...(until ? { notAfter: until } : {}) });
  });
  if (problems.length > 0) throw new TrustSetError(problems.join('\n'));
  return { keys };
}

/** The key a bundle's hint names, if the set holds it and it is not past `not_after` at `now`. */
export function trustedKey(trust: TrustSet, hint: string, now: Date): KeyObject {
  const found = trust.keys.find((k) => k.hint === hint);
  if (found === undefined) throw new Refusal(`key ${hint} is not in the trust set`);
  if (found.notAfter !== undefined && now.getTime() > found.notAfter.getTime()) {
    throw new Refusal(`key ${hint} was retired at ${found.notAfter.toISOString()} (not_after)`);
  }
  return found.key;
}
