/**
 * The shipped config, `config/platform.json`, checked only for what holds for any valid config:
 * a fork that edits it keeps these green. Behaviour tests pin the frozen fixture config instead,
 * and the snapshots (test/stacks/platform.test.ts) are the one thing a fork updates.
 */
import { SHARED_SYNTHS, sharedOutput } from '../helpers/shared-synth';
import { build } from '../helpers/synth';
import { INVARIANTS, synthesizedPlatform } from './invariants';

describe('the shipped config keeps every invariant', () => {
  const config = SHARED_SYNTHS.shipped();
  const platform = synthesizedPlatform(config, build(config), sharedOutput('shipped').stacks);

  for (const invariant of INVARIANTS) {
    test(invariant.name, () => {
      expect(invariant.violations(platform)).toEqual([]);
    });
  }
});
