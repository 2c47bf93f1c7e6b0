import type { PlatformConfig } from '../config/schema';
import type { PlacedLockRecord } from '../constructs/checks/archive-locks';
import { azureHostStackName } from '../constructs/cloud-neutral/naming';

/** Every locked-archive record of the config, with its config path and the host stack of its region. */
export function placedLockRecords(config: PlatformConfig): PlacedLockRecord[] {
  return Object.entries(config.environments).flatMap(([envName, env]) =>
    env.azure.auditArchive.locks.map((record, i) => ({
      path: `environments.${envName}.azure.auditArchive.locks[${i}]`,
      stack: azureHostStackName(envName, record.region),
      record,
    })),
  );
}
