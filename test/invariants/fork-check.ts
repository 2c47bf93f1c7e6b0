/**
 * The fork check: each config-only edit in `fork-edits.ts`, applied to a copy of the shipped
 * config, validates, synthesizes and keeps every invariant; an edit that only adds leaves every
 * stack the config had byte-identical. A fork adds its own edits to the list.
 *
 * Jest runs test files in parallel, not the tests of one file: the edits are split between two
 * files (`fork-check-*.test.ts`) so both cores share the synths.
 */
import { parsePlatformConfig } from '../../config/load';
import { shippedConfig } from '../helpers/config-fixture';
import { sharedOutput } from '../helpers/shared-synth';
import { synthesize, type SynthesizedApp } from '../helpers/synth';
import { CannotApply, type ForkEdit } from './fork-edits';
import { synthesizedPlatform, violatedInvariants, type SynthesizedPlatform } from './invariants';

/** Declares the fork check of each edit. */
export function checkForkEdits(edits: readonly ForkEdit[]): void {
  for (const edit of edits) {
    // Applied while the tests are collected: an edit the config gives nothing to apply to is
    // skipped, with its reason in the test name and on the console.
    const input = shippedConfig();
    try {
      edit.apply(input);
    } catch (e) {
      if (!(e instanceof CannotApply)) throw e;
      console.warn(`fork edit ${edit.name} skipped: ${e.message}`);
      describe.skip(`fork edit ${edit.name}: skipped, ${e.message}`, () => test('does not apply', () => {}));
      continue;
    }
    describe(`fork edit ${edit.name}: ${edit.description}`, () => {
      let synth: SynthesizedApp;
      let platform: SynthesizedPlatform;

      beforeAll(() => {
        const config = parsePlatformConfig(input, `(the shipped config after fork edit ${edit.name})`);
        synth = synthesize(config);
        platform = synthesizedPlatform(config, synth, synth.stacks);
      });

      test('changes the config, which still validates and synthesizes', () => {
        expect(input).not.toEqual(shippedConfig());
        expect(synth.stacks.size).toBeGreaterThan(0);
      });

      test('keeps every invariant', () => {
        expect(violatedInvariants(platform)).toEqual({});
      });

      if (edit.keepsExistingStacks) {
        test('leaves every stack the shipped config had byte-identical', () => {
          const before = sharedOutput('shipped').texts;
          const grown = (name: string) => edit.growsAccountStack && name.endsWith('-aws-account');
          const changed = [...before]
            .filter(([name, text]) => !grown(name) && synth.texts.get(name) !== text)
            .map(([name]) => name);
          expect(changed).toEqual([]);
          for (const [name] of [...before].filter(([name]) => grown(name))) {
            const [was, is] = [sharedOutput('shipped').stacks.get(name)!, synth.stacks.get(name)!];
            for (const [type, byName] of Object.entries(was.resource ?? {}))
              for (const [id, body] of Object.entries(byName)) expect(is.resource?.[type]?.[id]).toEqual(body);
          }
          expect(synth.texts.size).toBeGreaterThan(before.size);
        });
      }
    });
  }
}
