// @ts-check
/**
 * Jest's order, with the test files that read the shared synths (test/helpers/shared-synth.ts)
 * last. Global setup starts those synths in a process of their own and returns at once; a file
 * that reads one waits for it. Run first, such files would hold both workers idle while the synths
 * run; run last, they find them done while the other files kept the workers busy.
 */
'use strict';

const { readFileSync } = require('fs');
const Sequencer = require('@jest/test-sequencer').default;

/** @param {string} file */
const readsSharedSynths = (file) => /from '(?:\.\.\/)+helpers\/shared-synth'/.test(readFileSync(file, 'utf8'));

class SharedSynthsLast extends Sequencer {
  /** @param {import('@jest/test-result').Test[]} tests */
  sort(tests) {
    const sorted = /** @type {import('@jest/test-result').Test[]} */ (super.sort(tests));
    const waiting = new Set(sorted.filter((test) => readsSharedSynths(test.path)));
    return [...sorted.filter((test) => !waiting.has(test)), ...waiting];
  }
}

module.exports = SharedSynthsLast;
