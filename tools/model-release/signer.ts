/**
 * What signs a release: a public key (for the bundle's hint and a check of each signature before
 * it is written) and an ECDSA signature, DER, over a message with the curve's hash.
 */
import { type KeyObject, createPrivateKey, createPublicKey, sign } from 'crypto';
import { curveOf } from './dsse';

/** A signing key, wherever it lives. */
export interface ReleaseSigner {
  /** The public half. */
  readonly publicKey: KeyObject;
  /** Where the private half is, for messages: a file path or a Key Vault key id. */
  readonly description: string;
  /** The DER ECDSA signature of `message`, hashed with the curve's hash. */
  sign(message: Buffer): Promise<Buffer>;
}

/** A signer over a PEM private key in this process (tests, air-gapped use). */
export function pemSigner(pem: string | Buffer, description: string, passphrase?: string): ReleaseSigner {
  const privateKey = createPrivateKey(passphrase === undefined ? pem : { key: pem, passphrase });
  const publicKey = createPublicKey(privateKey);
  const { hash } = curveOf(publicKey);
  return {
    publicKey,
    description,
    sign: async (message) => sign(hash, message, { key: privateKey, dsaEncoding: 'der' }),
  };
}
