/**
 * The Sigstore bundle v0.3 that `model.sig` holds, key-based as the reference writes it
 * (`_signing/sign_ec_key.py` `Signer.sign`): protobuf-JSON camelCase, the key named only by its
 * hint, no transparency log entries, the DSSE envelope with one DER signature. No other keys: the
 * reference parses bundles strictly and fails on any unknown key.
 */
import { PAYLOAD_TYPE } from './dsse';

export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/** The bundle as written. */
export interface Bundle {
  readonly mediaType: typeof BUNDLE_MEDIA_TYPE;
  readonly verificationMaterial: { readonly publicKey: { readonly hint: string }; readonly tlogEntries: readonly [] };
  readonly dsseEnvelope: {
    readonly payload: string;
    readonly payloadType: typeof PAYLOAD_TYPE;
    readonly signatures: readonly [{ readonly sig: string; readonly keyid: '' }];
  };
}

/** The bundle for a payload, its DER signature and the signing key's hint; base64 is standard, padded. */
export function buildBundle(payload: Buffer, signatureDer: Buffer, hint: string): Bundle {
  return {
    mediaType: BUNDLE_MEDIA_TYPE,
    verificationMaterial: { publicKey: { hint }, tlogEntries: [] },
    dsseEnvelope: {
      payload: payload.toString('base64'),
      payloadType: PAYLOAD_TYPE,
      signatures: [{ sig: signatureDer.toString('base64'), keyid: '' }],
    },
  };
}
