/**
 * The `model` command: `sign` and `verify` over the library, with every input checked before any
 * work, usage errors named (exit 2), refusals logged (exit 1).
 */
import { readFile } from 'fs/promises';
import { parseArgs } from 'util';
import { keyVaultToken } from './azure-token';
import { keyVaultSigner } from './key-vault-signer';
import { verificationLogLine } from './log-line';
import { signRelease } from './sign';
import { type ReleaseSigner, pemSigner } from './signer';
import { readTrustSet, trustPublicKeys } from './trust';
import { type Verification, verifyRelease } from './verify';
import { errorMessage } from './error-message';

export const USAGE = `usage:
  model sign <dir> (--key <private.pem> | --key-vault-key https://<vault>.vault.azure.net/keys/<name>[/<version>])
      --model <model> --version <version>
      [--training-workspace <Azure ML workspace resource id> --training-run <job name>]
      [--publisher-azure-client-id <client id>] [--publisher-aws-role-arn <role arn>] [--allow-symlinks]
  model verify <dir> (--public-key <public.pem> [--public-key <public.pem> ...] | --trust <trust.json>)
      [--model <model>] [--version <version>] [--allow-symlinks]

sign writes <dir>/model.sig (OpenSSF Model Signing v1.0) and prints one JSON line.
verify prints one JSON line (event model_release_verification); exit 0 verified, 1 refused, 2 usage.
Key Vault credentials: AZURE_ACCESS_TOKEN, else workload identity (AZURE_CLIENT_ID, AZURE_TENANT_ID,
AZURE_FEDERATED_TOKEN_FILE, AZURE_AUTHORITY_HOST), else the Azure CLI login.`;

/** What the command touches outside the library; each defaults to this process's. */
export interface CommandIo {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => Date;
  readonly fetch: typeof fetch;
}

const defaultIo = (): CommandIo => ({
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  now: () => new Date(),
  fetch,
});

class UsageError extends Error {}

const SIGN_OPTIONS = {
  key: { type: 'string' },
  'key-vault-key': { type: 'string' },
  model: { type: 'string' },
  version: { type: 'string' },
  'training-workspace': { type: 'string' },
  'training-run': { type: 'string' },
  'publisher-azure-client-id': { type: 'string' },
  'publisher-aws-role-arn': { type: 'string' },
  'allow-symlinks': { type: 'boolean' },
} as const;

const VERIFY_OPTIONS = {
  'public-key': { type: 'string', multiple: true },
  trust: { type: 'string' },
  model: { type: 'string' },
  version: { type: 'string' },
  'allow-symlinks': { type: 'boolean' },
} as const;

function parse<T extends typeof SIGN_OPTIONS | typeof VERIFY_OPTIONS>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`model ${command}: ${errorMessage(e)}`);
  }
}

function oneDirectory(command: string, positionals: string[]): string {
  if (positionals.length !== 1) {
    throw new UsageError(
      `model ${command}: expected one model directory, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}`,
    );
  }
  return positionals[0];
}

async function sign(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parse('sign', args, SIGN_OPTIONS);
  const dir = oneDirectory('sign', positionals);
  const problems: string[] = [];
  if ((values.key === undefined) === (values['key-vault-key'] === undefined))
    problems.push('give exactly one of --key and --key-vault-key');
  if (values.model === undefined) problems.push('--model is required');
  if (values.version === undefined) problems.push('--version is required');
  if ((values['training-workspace'] === undefined) !== (values['training-run'] === undefined)) {
    problems.push('give --training-workspace and --training-run together, or neither');
  }
  if (problems.length > 0) throw new UsageError(`model sign: ${problems.join('; ')}`);
  let signer: ReleaseSigner;
  if (values.key !== undefined) {
    signer = pemSigner(await readFile(values.key), values.key);
  } else {
    const token = keyVaultToken({ env: io.env, fetch: io.fetch });
    signer = await keyVaultSigner({ keyId: values['key-vault-key']!, token, fetch: io.fetch });
  }
  const workspace = values['training-workspace'];
  const signed = await signRelease(dir, signer, {
    allowSymlinks: values['allow-symlinks'] ?? false,
    now: io.now(),
    lineage: {
      model: values.model!,
      version: values.version!,
      training_run: workspace === undefined ? null : { workspace, run_id: values['training-run']! },
      publisher: {
        azure_client_id: values['publisher-azure-client-id'] ?? null,
        aws_role_arn: values['publisher-aws-role-arn'] ?? null,
      },
    },
  });
  io.stdout(
    JSON.stringify({
      event: 'model_release_signed',
      release_digest: signed.digest,
      model: signed.lineage.model,
      version: signed.lineage.version,
      key_hint: signed.keyHint,
      signer: signer.description,
      files: signed.files,
      path: dir,
      time: signed.lineage.published_at,
    }),
  );
  return 0;
}

async function verify(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parse('verify', args, VERIFY_OPTIONS);
  const dir = oneDirectory('verify', positionals);
  const publicKeys = values['public-key'] ?? [];
  if ((publicKeys.length === 0) === (values.trust === undefined)) {
    throw new UsageError('model verify: give --public-key (one or more) or --trust, not both');
  }
  const now = io.now();
  let verification: Verification;
  // No trust set, or a disk that cannot be read: nothing verified, so the release is refused, and
  // the one line says why.
  const refuse = (reason: string): Verification => ({
    outcome: 'refused',
    reason,
    keyHint: null,
    digest: null,
    lineage: null,
  });
  try {
    const trust =
      values.trust !== undefined
        ? readTrustSet(await readFile(values.trust, 'utf8'), values.trust)
        : trustPublicKeys(await Promise.all(publicKeys.map((file) => readFile(file, 'utf8'))));
    try {
      verification = await verifyRelease(dir, trust, {
        now,
        allowSymlinks: values['allow-symlinks'] ?? false,
        expect: { model: values.model, version: values.version },
      });
    } catch (e) {
      verification = refuse(errorMessage(e));
    }
  } catch (e) {
    verification = refuse(`trust set: ${errorMessage(e)}`);
  }
  io.stdout(verificationLogLine(verification, dir, now));
  if (verification.outcome === 'refused') {
    io.stderr(`model verify: ${dir} refused: ${verification.reason}`);
    return 1;
  }
  return 0;
}

/** Runs the command line `args` (without node and the script); resolves to the exit code. */
export async function runCommand(args: readonly string[], io: CommandIo = defaultIo()): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (command === 'sign') return await sign(rest, io);
    if (command === 'verify') return await verify(rest, io);
    if (command === 'help' || command === '--help' || command === '-h') {
      io.stdout(USAGE);
      return 0;
    }
    throw new UsageError(
      command === undefined ? 'model: give a command, sign or verify' : `model: unknown command ${command}`,
    );
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    io.stderr(`model ${command}: ${errorMessage(e)}`);
    return 1;
  }
}
