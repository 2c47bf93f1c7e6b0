/**
 * `verificationMaterial.publicKey.hint`: the SHA-256, lowercase hex, of the public key's PEM
 * SubjectPublicKeyInfo text (`_signing/sign_ec_key.py` `_get_verification_material`). Node's
 * SPKI PEM export is byte-identical to the `cryptography` package's, so any PEM form of one key
 * gives one hint.
 */
import { type KeyObject, createHash } from 'crypto';

/** The key as SPKI PEM, in the one canonical form the hint is computed over. */
export function spkiPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** The key's hint. */
export function keyHint(key: KeyObject): string {
  return createHash('sha256').update(spkiPem(key)).digest('hex');
}
