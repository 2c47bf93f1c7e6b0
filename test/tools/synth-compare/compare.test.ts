import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { compareOutputs, formatComparison, isIdentical } from '../../../tools/synth-compare/compare';

describe('compareOutputs', () => {
  let tmp: string;
  const write = (dir: string, file: string, text: string) => {
    mkdirSync(path.dirname(path.join(tmp, dir, file)), { recursive: true });
    writeFileSync(path.join(tmp, dir, file), text);
  };
  beforeEach(() => (tmp = mkdtempSync(path.join(tmpdir(), 'compare-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('finds two copies identical', () => {
    for (const d of ['a', 'b']) {
      write(d, 'manifest.json', '{}');
      write(d, 'stacks/dev/cdk.tf.json', '{"resource":{}}');
    }
    const c = compareOutputs(path.join(tmp, 'a'), path.join(tmp, 'b'));
    expect(isIdentical(c)).toBe(true);
    expect(c.identical).toBe(2);
    expect(formatComparison(c, { before: 'a', after: 'b' })).toMatch(/^byte-identical: 2 files/);
  });

  it('names a changed byte, a missing file and an added file', () => {
    write('a', 'stacks/dev/cdk.tf.json', '{"x":1}');
    write('b', 'stacks/dev/cdk.tf.json', '{"x":2}');
    write('a', 'stacks/old/cdk.tf.json', '{}');
    write('b', 'stacks/new/cdk.tf.json', '{}');
    const c = compareOutputs(path.join(tmp, 'a'), path.join(tmp, 'b'));
    expect(isIdentical(c)).toBe(false);
    expect(c.changed).toEqual([path.join('stacks', 'dev', 'cdk.tf.json')]);
    expect(c.onlyBefore).toEqual([path.join('stacks', 'old', 'cdk.tf.json')]);
    expect(c.onlyAfter).toEqual([path.join('stacks', 'new', 'cdk.tf.json')]);
    expect(formatComparison(c, { before: 'a', after: 'b' })).toMatch(/NOT identical[\s\S]*changed \(1\)/);
  });

  it('refuses a directory that does not exist', () => {
    expect(() => compareOutputs(path.join(tmp, 'none'), tmp)).toThrow(/does not exist/);
  });
});
