/**
 * Where the Key Vault token comes from: an explicit token first, then the workload identity
 * exchange the AKS webhook sets up, then the Azure CLI; each request shaped as Entra expects.
 */
import { keyVaultToken } from '../../../tools/model-release/azure-token';

const WORKLOAD = {
  AZURE_CLIENT_ID: 'client-1',
  AZURE_TENANT_ID: 'tenant-1',
  AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/tokens/azure-identity-token',
  AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com/',
};

const noAz = async () => {
  throw new Error('az must not run');
};

function recordingFetch(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchFn = (async (url: string | URL, init: RequestInit) => {
    calls.push({ url: String(url), init });
    return new Response(JSON.stringify(body), { status });
  }) as typeof fetch;
  return { calls, fetchFn };
}

test('AZURE_ACCESS_TOKEN wins over every other source', async () => {
  const token = keyVaultToken({
    env: { ...WORKLOAD, AZURE_ACCESS_TOKEN: 'explicit' },
    az: noAz,
    fetch: recordingFetch(500, {}).fetchFn,
  });

  expect(await token()).toBe('explicit');
});

test('workload identity: the projected token is exchanged for a Key Vault token, once per run', async () => {
  const { calls, fetchFn } = recordingFetch(200, {
    access_token: 'from-entra',
    token_type: 'Bearer',
    expires_in: 3599,
  });
  const token = keyVaultToken({ env: WORKLOAD, fetch: fetchFn, readFile: async () => 'projected.jwt\n', az: noAz });

  expect(await token()).toBe('from-entra');
  expect(await token()).toBe('from-entra');
  expect(calls).toHaveLength(1);
  expect(calls[0].url).toBe('https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token');
  expect(calls[0].init.method).toBe('POST');
  expect(Object.fromEntries(new URLSearchParams(String(calls[0].init.body)))).toEqual({
    client_id: 'client-1',
    scope: 'https://vault.azure.net/.default',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: 'projected.jwt',
    grant_type: 'client_credentials',
  });
});

test('workload identity: an authority host without a trailing slash, and a refused exchange named', async () => {
  const { calls, fetchFn } = recordingFetch(400, {
    error: 'invalid_client',
    error_description: 'AADSTS70021: No matching federated identity record',
  });
  const token = keyVaultToken({
    env: { ...WORKLOAD, AZURE_AUTHORITY_HOST: 'https://login.example' },
    fetch: fetchFn,
    readFile: async () => 'jwt',
    az: noAz,
  });

  await expect(token()).rejects.toThrow(
    'workload identity token exchange at https://login.example: HTTP 400: AADSTS70021',
  );
  expect(calls[0].url).toBe('https://login.example/tenant-1/oauth2/v2.0/token');
});

test('otherwise the Azure CLI, asked for a Key Vault token; without it, every way to give credentials is named', async () => {
  const seen: (readonly string[])[] = [];
  const fromAz = keyVaultToken({ env: {}, az: async (args) => (seen.push(args), 'cli-token\n') });
  expect(await fromAz()).toBe('cli-token');
  expect(seen).toEqual([
    [
      'account',
      'get-access-token',
      '--resource',
      'https://vault.azure.net',
      '--query',
      'accessToken',
      '--output',
      'tsv',
    ],
  ]);

  const none = keyVaultToken({ env: {}, az: async () => Promise.reject(new Error('spawn az ENOENT')) });
  await expect(none()).rejects.toThrow(
    /set AZURE_ACCESS_TOKEN, run with workload identity .* or az login \(az said: spawn az ENOENT\)/,
  );
});
