/**
 * A signer over an Azure Key Vault EC key: the vault signs a digest computed here, so the private
 * key never leaves it (REST `POST {vault}/keys/{name}/{version}/sign`,
 * https://learn.microsoft.com/rest/api/keyvault/keys/sign/sign). The public key comes from the
 * key's own JWK (`GET {vault}/keys/{name}/{version}`), for the bundle's hint. Key Vault returns r‖s
 * (RFC 7518); the bundle needs DER.
 */
import { type KeyObject, createHash, createPublicKey } from 'crypto';
import { curveOf } from './dsse';
import { p1363ToDer } from './ecdsa-der';
import { type ReleaseSigner } from './signer';

export const KEY_VAULT_API_VERSION = '7.4';

/** A Key Vault key, by vault origin, name and (optional) version. */
export interface KeyVaultKeyRef {
  readonly vault: string;
  readonly name: string;
  readonly version?: string;
}

/** Options of {@link keyVaultSigner}. */
export interface KeyVaultSignerOptions {
  /** `https://<vault>.vault.azure.net/keys/<name>[/<version>]`; without a version, the current one. */
  readonly keyId: string;
  /** Returns an access token for Key Vault (see azure-token.ts). */
  readonly token: () => Promise<string>;
  /** Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/** Hosts allowed over plain HTTP: the loopback only, where a test serves the Key Vault API. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Reads a key id; throws naming the expected form. */
export function parseKeyVaultKeyId(keyId: string): KeyVaultKeyRef {
  const expected = 'expected https://<vault>.vault.azure.net/keys/<name>[/<version>]';
  let url: URL;
  try {
    url = new URL(keyId);
  } catch {
    throw new Error(`Key Vault key ${JSON.stringify(keyId)} is not a URL: ${expected}`);
  }
  const parts = url.pathname.split('/').filter((p) => p !== '');
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!secure || parts[0] !== 'keys' || parts.length < 2 || parts.length > 3 || url.search !== '' || url.hash !== '') {
    throw new Error(`Key Vault key ${JSON.stringify(keyId)}: ${expected}`);
  }
  return { vault: url.origin, name: parts[1], ...(parts[2] ? { version: parts[2] } : {}) };
}

async function call(
  fetchFn: typeof fetch,
  token: () => Promise<string>,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetchFn(url, {
    method,
    headers: { authorization: `Bearer ${await token()}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const error = json.error as { code?: string; message?: string } | undefined;
    throw new Error(
      `Key Vault ${method} ${url.split('?')[0]}: HTTP ${response.status}: ${error?.code ?? ''} ${error?.message ?? ''}`.trim(),
    );
  }
  return json;
}

/** The public key of a Key Vault JWK (`kty` `EC` or `EC-HSM`). */
function jwkPublicKey(jwk: Record<string, unknown>): KeyObject {
  if (jwk.kty !== 'EC' && jwk.kty !== 'EC-HSM') throw new Error(`the key is ${String(jwk.kty)}, not EC or EC-HSM`);
  const { crv, x, y } = jwk;
  if (typeof crv !== 'string' || typeof x !== 'string' || typeof y !== 'string')
    throw new Error('the key JWK lacks crv, x or y');
  return createPublicKey({ key: { kty: 'EC', crv, x, y }, format: 'jwk' });
}

/** A signer over the Key Vault key: reads its public key now, signs through the vault later. */
export async function keyVaultSigner(options: KeyVaultSignerOptions): Promise<ReleaseSigner> {
  const fetchFn = options.fetch ?? fetch;
  const ref = parseKeyVaultKeyId(options.keyId);
  const query = `api-version=${KEY_VAULT_API_VERSION}`;
  const path = `${ref.vault}/keys/${encodeURIComponent(ref.name)}`;
  const got = await call(fetchFn, options.token, 'GET', `${path}${ref.version ? `/${ref.version}` : ''}?${query}`);
  const jwk = (got.key ?? {}) as Record<string, unknown>;
  // Sign with the version read, so the hint and the signature name one key even across a rotation.
  const version = typeof jwk.kid === 'string' ? jwk.kid.split('/').pop() : undefined;
  if (!version) throw new Error(`Key Vault key ${options.keyId}: the response names no key version (kid)`);
  const publicKey = jwkPublicKey(jwk);
  const curve = curveOf(publicKey);
  if (Array.isArray(jwk.key_ops) && !jwk.key_ops.includes('sign')) {
    throw new Error(`Key Vault key ${options.keyId}: its key_ops (${jwk.key_ops.join(', ')}) do not include sign`);
  }
  const signUrl = `${path}/${version}/sign?${query}`;
  return {
    publicKey,
    description: `${path}/${version}`,
    sign: async (message) => {
      const digest = createHash(curve.hash).update(message).digest();
      const signed = await call(fetchFn, options.token, 'POST', signUrl, {
        alg: curve.alg,
        value: digest.toString('base64url'),
      });
      if (typeof signed.value !== 'string')
        throw new Error(`Key Vault sign ${signUrl.split('?')[0]}: no signature value in the response`);
      return p1363ToDer(Buffer.from(signed.value, 'base64url'), curve.bytes);
    },
  };
}
