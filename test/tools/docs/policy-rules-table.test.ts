import { readFileSync } from 'fs';
import * as path from 'path';
import { RULE_PACK } from '../../../constructs/checks/policy/rule-pack';
import {
  POLICY_PAGE,
  RULES_TABLE_END,
  RULES_TABLE_START,
  rulesTable,
  withRulesTable,
} from '../../../tools/docs/policy-rules-table';

/** Prettier pads Markdown table cells and separator dashes: compare without the padding. */
const unpadded = (markdown: string) => markdown.replace(/ +/g, ' ').replace(/-{3,}/g, '---').trim();

describe('the policy page rules table', () => {
  const page = readFileSync(path.join(__dirname, '..', '..', '..', POLICY_PAGE), 'utf8');

  test('is the table the rule pack generates (run `npm run docs:policy`)', () => {
    const block = page.slice(page.indexOf(RULES_TABLE_START) + RULES_TABLE_START.length, page.indexOf(RULES_TABLE_END));
    expect(unpadded(block)).toBe(unpadded(rulesTable(RULE_PACK)));
  });

  test('lists every rule with its public controls', () => {
    const table = rulesTable(RULE_PACK);
    for (const rule of RULE_PACK) expect(table).toContain(`| ${rule.id} | ${rule.severity} |`);
    expect(table).toContain('AWS FSBP EKS.1, checkov CKV_AWS_39');
  });

  test('a stale table is replaced between the markers, the rest of the page kept', () => {
    const stale = `before\n${RULES_TABLE_START}\n| old |\n${RULES_TABLE_END}\nafter`;
    const fresh = withRulesTable(stale, RULE_PACK);
    expect(fresh).not.toContain('| old |');
    expect(fresh.startsWith('before\n')).toBe(true);
    expect(fresh.endsWith(`${RULES_TABLE_END}\nafter`)).toBe(true);
  });
});
