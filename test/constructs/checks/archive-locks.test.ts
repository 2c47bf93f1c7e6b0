import {
  archiveFingerprint,
  archiveLockProblems,
  lockRecordOf,
  type PlacedLockRecord,
} from '../../../constructs/checks/archive-locks';
import { block, resourcesOfType, type StackJson } from '../../../constructs/shared/stack-json';
import { parsePlatformConfig } from '../../../config/load';
import { placedLockRecords } from '../../../stacks/locked-archives';
import { frozenConfig } from '../../helpers/config-fixture';
import { sharedOutput } from '../../helpers/shared-synth';
import { synthesize } from '../../helpers/synth';

const HOST = 'prod-azure-host-eastus2';
const copy = (stack: StackJson): StackJson => JSON.parse(JSON.stringify(stack)) as StackJson;
const archiveOf = (stack: StackJson) =>
  resourcesOfType(stack, 'azurerm_storage_account').find((a) => block(a.attributes.immutability_policy))!;

describe('locked audit archives', () => {
  const frozen = sharedOutput('frozen').stacks;

  test('a compliance archive is created Unlocked: Azure refuses Locked at creation', () => {
    const archive = archiveOf(frozen.get(HOST)!);
    expect(block(archive.attributes.immutability_policy)).toMatchObject({
      state: 'Unlocked',
      period_since_creation_in_days: 2556,
    });
    expect(archiveLockProblems([], frozen)).toEqual([]);
  });

  test('the record holds what replaces the account, read from the stack, the resource group resolved', () => {
    const record = lockRecordOf(frozen.get(HOST)!, 'eastus2', '2027-01-15')!;
    expect(record.account).toMatchObject({
      name: 'gpuplatprodeastus2audit',
      location: 'eastus2',
      resource_group_name: 'rg-gpuplat-prod-eastus2-logging',
      account_tier: 'Standard',
      account_replication_type: 'GZRS',
      infrastructure_encryption_enabled: true,
      immutability_period_days: 2556,
    });
  });

  describe('once recorded', () => {
    const config = frozenConfig();
    config.environments.prod.azure.auditArchive = {
      locks: [lockRecordOf(frozen.get(HOST)!, 'eastus2', '2027-01-15')],
    };
    const parsed = parsePlatformConfig(config);
    const locked = synthesize(parsed).stacks;
    const records: PlacedLockRecord[] = placedLockRecords(parsed);

    test('the archive is written Locked, and nothing else of the stack changes', () => {
      expect(block(archiveOf(locked.get(HOST)!).attributes.immutability_policy)!.state).toBe('Locked');
      const before = copy(frozen.get(HOST)!);
      block(archiveOf(before).attributes.immutability_policy)!.state = 'Locked';
      expect(locked.get(HOST)).toEqual(before);
      expect(archiveLockProblems(records, locked)).toEqual([]);
    });

    test.each([
      [
        'a rename',
        (a: Record<string, unknown>) => (a.name = 'acmeprdeastus2audit'),
        /is not in stack prod-azure-host-eastus2 any more/,
      ],
      [
        'LRS instead of GZRS',
        (a: Record<string, unknown>) => (a.account_replication_type = 'LRS'),
        /account_replication_type "GZRS" -> "LRS" \(azurerm replaces the account/,
      ],
      [
        'a shorter period',
        (a: Record<string, unknown>) => (block(a.immutability_policy)!.period_since_creation_in_days = 365),
        /immutability_period_days 2556 -> 365 \(a locked policy can only be extended\)/,
      ],
      [
        'immutability off',
        (a: Record<string, unknown>) => delete a.immutability_policy,
        /is written with immutability off/,
      ],
      [
        'another resource group',
        (a: Record<string, unknown>) => (a.resource_group_name = 'rg-elsewhere'),
        /resource_group_name "rg-gpuplat-prod-eastus2-logging" -> "rg-elsewhere"/,
      ],
    ])('%s is refused, at the record', (_, change, message) => {
      const stacks = new Map(locked);
      const host = copy(locked.get(HOST)!);
      change(archiveOf(host).attributes);
      stacks.set(HOST, host);
      expect(archiveLockProblems(records, stacks)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            path: 'environments.prod.azure.auditArchive.locks[0]',
            message: expect.stringMatching(message),
          }),
        ]),
      );
    });

    test('a move to a replication of the same family, or a longer period, is allowed', () => {
      const stacks = new Map(locked);
      const host = copy(locked.get(HOST)!);
      const account = archiveOf(host).attributes;
      account.account_replication_type = 'ZRS';
      block(account.immutability_policy)!.period_since_creation_in_days = 3650;
      stacks.set(HOST, host);
      expect(archiveLockProblems(records, stacks)).toEqual([]);
    });
  });

  test('an account created Locked with no record is refused', () => {
    const stacks = new Map(frozen);
    const host = copy(frozen.get(HOST)!);
    block(archiveOf(host).attributes.immutability_policy)!.state = 'Locked';
    stacks.set(HOST, host);
    expect(archiveLockProblems([], stacks)).toEqual([
      {
        path: expect.stringMatching(/^prod-azure-host-eastus2 azurerm_storage_account\.audit-archive/),
        message: expect.stringContaining('is created Locked, which Azure refuses'),
      },
    ]);
  });

  test('a fingerprint fills in the provider defaults the stack leaves out', () => {
    const account = archiveOf(frozen.get(HOST)!).attributes;
    expect(archiveFingerprint(account, frozen.get(HOST)!)).toMatchObject({
      is_hns_enabled: false,
      dns_endpoint_type: 'Standard',
    });
  });
});
