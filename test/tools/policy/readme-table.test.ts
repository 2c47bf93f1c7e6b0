import { readFileSync } from 'fs';
import * as path from 'path';
import { RULE_PACK } from '../../../constructs/checks/policy/rule-pack';
import { README_TABLE_END, README_TABLE_START, rulesTable, withRulesTable } from '../../../tools/policy/readme-table';

/** Prettier pads Markdown table cells and separator dashes: compare without the padding. */
const unpadded = (markdown: string) => markdown.replace(/ +/g, ' ').replace(/-{3,}/g, '---').trim();

describe('the README rules table', () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

  test('is the table the rule pack generates (run `npm run policy:readme`)', () => {
    const block = readme.slice(
      readme.indexOf(README_TABLE_START) + README_TABLE_START.length,
      readme.indexOf(README_TABLE_END),
    );
    expect(unpadded(block)).toBe(unpadded(rulesTable(RULE_PACK)));
  });

  test('lists every rule with its public controls', () => {
    const table = rulesTable(RULE_PACK);
    for (const rule of RULE_PACK) expect(table).toContain(`| ${rule.id} | ${rule.severity} |`);
    expect(table).toContain('AWS FSBP EKS.1, checkov CKV_AWS_39');
  });

  test('a stale table is replaced between the markers, the rest of the README kept', () => {
    const stale = `before\n${README_TABLE_START}\n| old |\n${README_TABLE_END}\nafter`;
    const fresh = withRulesTable(stale, RULE_PACK);
    expect(fresh).not.toContain('| old |');
    expect(fresh.startsWith('before\n')).toBe(true);
    expect(fresh.endsWith(`${README_TABLE_END}\nafter`)).toBe(true);
  });
});
