/**
 * `npm run archive:lock -- <environment> <azure region>`: prints the config change that locks the
 * audit archive of one region (docs/deploy.md, "Locking the audit archive"). It synthesizes the config
 * (PLATFORM_CONFIG, no credentials), reads the archive account as the stacks write it, and prints
 * the record to add under `environments.<env>.azure.auditArchive.locks`: from then on the account
 * is `Locked`, and a change that would replace it is refused at synth. It changes no file.
 */
import '../stacks/skip-token-stack-traces';
import { ConfigError, loadFromEnvironment } from '../config/load';
import { lockRecordOf } from '../constructs/checks/archive-locks';
import { azureHostStackName } from '../constructs/cloud-neutral/naming';
import { synthesizeInTemp } from '../stacks/synthesize';

/** A request this tool refuses: printed, exit status 1, after the synth's folder is removed. */
class Refusal extends Error {}

function fail(message: string): never {
  throw new Refusal(message);
}

const [envName, region] = process.argv.slice(2);
if (!envName || !region) {
  process.stderr.write('archive:lock: usage: npm run archive:lock -- <environment> <azure region>\n');
  process.exit(1);
}
try {
  const config = loadFromEnvironment();
  const env =
    config.environments[envName] ??
    fail(`no environment ${envName}; the config has ${Object.keys(config.environments).join(', ')}`);
  if (env.logging.immutability !== 'compliance')
    fail(
      `environments.${envName}.logging.immutability is "${env.logging.immutability}": only "compliance" archives are locked`,
    );
  if (env.azure.auditArchive.locks.some((l) => l.region === region))
    fail(`the ${region} archive of ${envName} is already locked`);
  const stackName = azureHostStackName(envName, region);
  const stack =
    synthesizeInTemp(config).stacks.get(stackName) ??
    fail(`no stack ${stackName}; ${envName}'s Azure regions: ${env.azure.regions.map((r) => r.region).join(', ')}`);
  const record =
    lockRecordOf(stack, region, new Date().toISOString().slice(0, 10)) ?? fail(`${stackName} has no immutable archive`);
  const name = String(record.account.name);
  process.stdout.write(
    [
      `Locking ${name}, the audit archive of ${envName} in ${region}, is IRREVERSIBLE: once Locked, nobody (no`,
      `administrator, not Microsoft support) can shorten or remove its immutability, and the account cannot be`,
      `deleted until every blob version's ${record.account.immutability_period_days}-day period has ended.`,
      '',
      '1. Check the archive exists and is Unlocked (the environment has been deployed):',
      `   az storage account show --name ${name} --resource-group ${String(record.account.resource_group_name)} --query immutableStorageWithVersioning`,
      `2. Add this record to environments.${envName}.azure.auditArchive.locks in the config:`,
      '',
      JSON.stringify(record, null, 2)
        .split('\n')
        .map((line) => `   ${line}`)
        .join('\n'),
      '',
      `3. npm run synth, then: CHECKPOINT_DISABLE=1 npx cdktf diff ${stackName}`,
      '   The plan must show only immutability_policy.state "Unlocked" -> "Locked", updated in place.',
      `4. CHECKPOINT_DISABLE=1 npx cdktf deploy ${stackName}`,
      '',
      'From then on, synth refuses any change that would replace or unlock this account.',
      '',
    ].join('\n'),
  );
} catch (e) {
  if (!(e instanceof Refusal || e instanceof ConfigError)) throw e;
  process.stderr.write(`archive:lock: ${e.message}\n`);
  process.exitCode = 1;
}
