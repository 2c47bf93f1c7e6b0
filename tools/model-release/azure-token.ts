/**
 * An Entra access token for Key Vault, from the first source present, without the Azure SDK:
 *
 * 1. `AZURE_ACCESS_TOKEN`: a token the operator fetched (`az account get-access-token --resource
 *    https://vault.azure.net`), for a laptop or a pipeline that already holds one;
 * 2. workload identity, as the AKS webhook sets it up for the publisher pod
 *    (`AZURE_CLIENT_ID`, `AZURE_TENANT_ID`, `AZURE_FEDERATED_TOKEN_FILE`, `AZURE_AUTHORITY_HOST`):
 *    the projected service account token exchanged for an access token, client credentials with
 *    a JWT assertion (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow#third-case-access-token-request-with-a-federated-credential);
 * 3. the Azure CLI's login, through `az account get-access-token`.
 */
import { execFile } from 'child_process';
import { readFile } from 'fs/promises';
import { errorMessage } from './error-message';

/** The Key Vault resource of Azure's public cloud, which the platform runs in. */
export const KEY_VAULT_RESOURCE = 'https://vault.azure.net';
const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com/';

/** Where a token can come from; each defaults to this process's. */
export interface TokenSources {
  /** Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Reads the federated token file. Default: `fs.promises.readFile`. */
  readonly readFile?: (file: string) => Promise<string>;
  /** Runs the Azure CLI and returns its stdout. Default: `az` on the PATH. */
  readonly az?: (args: readonly string[]) => Promise<string>;
}

function runAz(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('az', [...args], { encoding: 'utf8' }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr.trim() || error.message)) : resolve(stdout),
    ),
  );
}

async function workloadIdentityToken(
  env: Readonly<Record<string, string | undefined>>,
  fetchFn: typeof fetch,
  read: (file: string) => Promise<string>,
): Promise<string> {
  const authority = env.AZURE_AUTHORITY_HOST || DEFAULT_AUTHORITY;
  const url = new URL(
    `${env.AZURE_TENANT_ID}/oauth2/v2.0/token`,
    authority.endsWith('/') ? authority : `${authority}/`,
  );
  const assertion = (await read(env.AZURE_FEDERATED_TOKEN_FILE!)).trim();
  const response = await fetchFn(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: env.AZURE_CLIENT_ID!,
      scope: `${KEY_VAULT_RESOURCE}/.default`,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      grant_type: 'client_credentials',
    }).toString(),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; error_description?: unknown };
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new Error(
      `workload identity token exchange at ${url.origin}: HTTP ${response.status}: ${String(body.error_description ?? 'no access_token')}`,
    );
  }
  return body.access_token;
}

/** A function that returns a Key Vault access token, fetched once and kept for the run. */
export function keyVaultToken(sources: TokenSources = {}): () => Promise<string> {
  const env = sources.env ?? process.env;
  let token: Promise<string> | undefined;
  const fetchToken = async (): Promise<string> => {
    if (env.AZURE_ACCESS_TOKEN) return env.AZURE_ACCESS_TOKEN;
    if (env.AZURE_FEDERATED_TOKEN_FILE && env.AZURE_CLIENT_ID && env.AZURE_TENANT_ID) {
      return workloadIdentityToken(env, sources.fetch ?? fetch, sources.readFile ?? ((file) => readFile(file, 'utf8')));
    }
    const args = [
      'account',
      'get-access-token',
      '--resource',
      KEY_VAULT_RESOURCE,
      '--query',
      'accessToken',
      '--output',
      'tsv',
    ];
    try {
      const out = (await (sources.az ?? runAz)(args)).trim();
      if (out === '') throw new Error('it printed no token');
      return out;
    } catch (e) {
      throw new Error(
        'no Azure credentials for Key Vault: set AZURE_ACCESS_TOKEN, run with workload identity ' +
          `(AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE), or az login (az said: ${errorMessage(e)})`,
      );
    }
  };
  return () => (token ??= fetchToken());
}
