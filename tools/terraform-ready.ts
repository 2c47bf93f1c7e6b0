/**
 * Runs before `npm run diff` and `npm run deploy`: they run `terraform init`, which downloads the
 * providers every stack pins, then plan against the clouds. Where the registry is out of reach
 * and no provider installation is configured, terraform fails with a raw connection error; this
 * says instead what they need, and stops.
 */
import { existsSync, readFileSync } from 'fs';
import { get } from 'https';
import { homedir } from 'os';
import * as path from 'path';
import { findProviderMirrors, impliedMirrorRoots } from './validate/mirror';
import { terraformVersion } from './validate/terraform';

const REGISTRY = 'https://registry.terraform.io/.well-known/terraform.json';

/** Whether the Terraform registry answers within a few seconds. */
function registryReachable(): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(REGISTRY, { timeout: 5000 }, (response) => {
      response.resume();
      resolve((response.statusCode ?? 500) < 500);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/** The providers the stacks pin, as `terraform init` installs them. */
export const PINNED_PROVIDERS = ['hashicorp/aws', 'hashicorp/azurerm', 'azure/azapi', 'hashicorp/time'] as const;

/**
 * Whether Terraform installs the providers from somewhere other than the registry: a CLI
 * configuration (`TF_CLI_CONFIG_FILE`, else `~/.terraformrc`) with a provider installation or a
 * plugin cache, or Terraform's implied local mirrors holding every pinned provider.
 */
export function providerInstallationConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env.TF_CLI_CONFIG_FILE ?? path.join(env.HOME ?? homedir(), '.terraformrc');
  if (existsSync(file) && /provider_installation|plugin_cache_dir/.test(readFileSync(file, 'utf8'))) return true;
  const implied = impliedMirrorRoots(env);
  return PINNED_PROVIDERS.every((provider) => findProviderMirrors(provider, implied).length > 0);
}

async function main(): Promise<void> {
  const command = process.argv[2] ?? 'deploy';
  const problems: string[] = [];
  if (!terraformVersion())
    problems.push(
      'terraform is not installed: install Terraform 1.10 or later (the S3 state backend locks natively from 1.10)',
    );
  else if (!providerInstallationConfigured() && !(await registryReachable()))
    problems.push(
      `registry.terraform.io is out of reach, and no provider installation is configured: terraform init downloads the providers every stack pins (${PINNED_PROVIDERS.join(', ')}). Give this machine registry access, put them in one of Terraform's implied mirror folders (${impliedMirrorRoots().join(', ')}), or point TF_CLI_CONFIG_FILE at a CLI configuration whose provider_installation names a mirror holding them`,
    );
  if (problems.length === 0) return;
  process.stderr.write(
    [
      `npm run ${command} needs Terraform, its providers, and credentials for the config's accounts:`,
      ...problems.map((p) => `  - ${p}`),
      '  - then credentials for each AWS account (aws sso login, or any source the AWS provider reads) and Azure subscription (az login) the stacks deploy to',
      'npm run synth and npm test need none of this; npm run validate needs Terraform and registry access or a local mirror of hashicorp/aws.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

if (require.main === module) void main();
