/**
 * DSSE, as the reference signs and verifies it (`_signing/sign_sigstore_pb.py` `pae`,
 * `_signing/sign_ec_key.py`): the pre-authentication encoding of the payload, signed with ECDSA
 * whose hash follows the curve.
 */
import { type KeyObject } from 'crypto';

export const PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** `DSSEv1 SP len(type) SP type SP len(payload) SP payload`, lengths in bytes, ASCII decimal. */
export function pae(payload: Buffer, payloadType: string = PAYLOAD_TYPE): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

/** A curve this format signs with here, its hash and its Key Vault algorithm. */
export interface Curve {
  /** Node's name of the curve. */
  readonly nodeName: 'prime256v1' | 'secp384r1';
  /** The JWK `crv`, as Key Vault names it. */
  readonly jwk: 'P-256' | 'P-384';
  /** The hash ECDSA uses with it (`get_ec_key_hash`). */
  readonly hash: 'sha256' | 'sha384';
  /** The Key Vault sign algorithm (RFC 7518). */
  readonly alg: 'ES256' | 'ES384';
  /** Bytes of r and of s. */
  readonly bytes: number;
}

export const CURVES: readonly Curve[] = [
  { nodeName: 'prime256v1', jwk: 'P-256', hash: 'sha256', alg: 'ES256', bytes: 32 },
  { nodeName: 'secp384r1', jwk: 'P-384', hash: 'sha384', alg: 'ES384', bytes: 48 },
];

/** The curve of an EC key; throws for any other key (P-521 and secp256k1 included). */
export function curveOf(key: KeyObject): Curve {
  const name = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined;
  const curve = CURVES.find((c) => c.nodeName === name);
  if (curve === undefined) {
    const got = key.asymmetricKeyType === 'ec' ? `an EC key on ${name}` : `a ${key.asymmetricKeyType} key`;
    throw new Error(`the key must be EC P-256 or P-384, got ${got}`);
  }
  return curve;
}
