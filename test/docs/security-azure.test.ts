/**
 * docs/security-azure.md names real things: the addresses its migration steps move exist in the
 * frozen fixture's output, and its tables list what the constructs declare.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { CIS_ACTIVITY_LOG_ALERTS } from '../../constructs/azure/activity-log-alerts';
import { defenderPlans } from '../../constructs/azure/defender-plans';
import { KEY_OPERATIONS } from '../../constructs/azure/key-vault-key';
import { DELETION_LOCK_NAME } from '../../constructs/azure/management-lock';
import { sharedOutput } from '../helpers/shared-synth';

const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'security-azure.md'), 'utf8');
const prod = sharedOutput('frozen').stacks.get('prod-azure-host-eastus2')!;

describe('docs/security-azure.md', () => {
  test('has a heading per concern it covers', () => {
    for (const heading of [
      '## Subscription baseline',
      '## Keys',
      '## Nothing lost',
      '## Provider pins and the lock file',
    ])
      expect(doc).toContain(heading);
  });

  test('every resource address in its commands exists in a host stack', () => {
    const addresses = [...doc.matchAll(/\b(azurerm_[a-z_]+)\.([\w-]+_[0-9A-F]{8})\b/g)];
    expect(addresses.length).toBeGreaterThanOrEqual(4);
    for (const [address, type, id] of addresses)
      expect({ address, exists: prod.resource?.[type]?.[id] !== undefined }).toEqual({ address, exists: true });
  });

  test('lists every CIS alert operation, Defender plan and key operation the constructs declare, and the lock name', () => {
    for (const alert of CIS_ACTIVITY_LOG_ALERTS) expect(doc).toContain(`\`${alert.operation}\``);
    for (const plan of defenderPlans('P2')) {
      expect(doc).toContain(`\`${plan.resourceType}\``);
      for (const extension of plan.extensions) expect(doc).toContain(`\`${extension}\``);
    }
    for (const ops of Object.values(KEY_OPERATIONS)) expect(doc).toContain(ops.map((o) => `\`${o}\``).join(', '));
    expect(doc).toContain(DELETION_LOCK_NAME);
  });
});
