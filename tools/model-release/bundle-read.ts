/**
 * Reads `model.sig` strictly, before any cryptography: every key known, every type right, base64
 * standard and padded. The reference parses as strictly (`sigstore_models`, pydantic `strict`,
 * `extra="forbid"`) except for base64, which it decodes leniently (dropping characters it does not
 * know); this reader refuses instead. It accepts only what a key-signed model needs: a public key
 * hint, no transparency log entries, one DSSE signature. Certificates, log entries, timestamps and
 * message signatures are valid Sigstore but not this format's, and are refused as unsupported.
 */
import { Refusal } from './refusal';

/** The parts of a bundle the verifier goes on to check, in its order. */
export interface ReadBundle {
  readonly mediaType: string;
  readonly hint: string;
  readonly payloadType: string;
  readonly payload: Buffer;
  readonly signature: Buffer;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const malformed = (message: string) => new Refusal(`malformed bundle: ${message}`);

/** The object at `where`, with only `known` keys; a key in `unsupported` is refused as such. */
function object(
  value: unknown,
  where: string,
  known: readonly string[],
  unsupported: readonly string[] = [],
): Record<string, unknown> {
  if (!isObject(value)) throw malformed(`${where} must be an object`);
  for (const key of Object.keys(value)) {
    if (unsupported.includes(key))
      throw new Refusal(`unsupported bundle: ${where}.${key} (this format signs with a key, no log or certificate)`);
    if (!known.includes(key)) throw malformed(`unknown key ${where}.${key}`);
  }
  return value;
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string') throw malformed(`${where} must be a string`);
  return value;
}

function base64(value: unknown, where: string): Buffer {
  const text = string(value, where);
  if (text === '' || !BASE64.test(text)) throw malformed(`${where} is not standard padded base64`);
  return Buffer.from(text, 'base64');
}

/** The checked parts of a bundle's JSON text; throws a {@link Refusal} naming the first problem. */
export function readBundle(text: string): ReadBundle {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw malformed('not JSON');
  }
  const bundle = object(json, 'bundle', ['mediaType', 'verificationMaterial', 'dsseEnvelope'], ['messageSignature']);
  const material = object(
    bundle.verificationMaterial,
    'verificationMaterial',
    ['publicKey', 'tlogEntries'],
    ['x509CertificateChain', 'certificate', 'timestampVerificationData'],
  );
  const publicKey = object(material.publicKey, 'verificationMaterial.publicKey', ['hint']);
  const tlogEntries = material.tlogEntries ?? [];
  if (!Array.isArray(tlogEntries)) throw malformed('verificationMaterial.tlogEntries must be a list');
  if (tlogEntries.length > 0)
    throw new Refusal('unsupported bundle: transparency log entries (this format signs with a key, offline)');
  const envelope = object(bundle.dsseEnvelope, 'dsseEnvelope', ['payload', 'payloadType', 'signatures']);
  const signatures = envelope.signatures;
  if (!Array.isArray(signatures)) throw malformed('dsseEnvelope.signatures must be a list');
  if (signatures.length !== 1)
    throw malformed(`dsseEnvelope.signatures must hold exactly one signature, got ${signatures.length}`);
  const signature = object(signatures[0], 'dsseEnvelope.signatures[0]', ['sig', 'keyid']);
  if (signature.keyid !== undefined && signature.keyid !== null)
    string(signature.keyid, 'dsseEnvelope.signatures[0].keyid');
  const hint = string(publicKey.hint, 'verificationMaterial.publicKey.hint');
  if (!/^[0-9a-f]{64}$/.test(hint))
    throw malformed('verificationMaterial.publicKey.hint must be 64 lowercase hex digits');
  return {
    mediaType: string(bundle.mediaType, 'mediaType'),
    hint,
    payloadType: string(envelope.payloadType, 'dsseEnvelope.payloadType'),
    payload: base64(envelope.payload, 'dsseEnvelope.payload'),
    signature: base64(signature.sig, 'dsseEnvelope.signatures[0].sig'),
  };
}
