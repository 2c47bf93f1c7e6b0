import { readFileSync } from 'fs';
import { PROVIDER_RULES } from '../../../constructs/checks/provider-rules';
import { PROVIDER_RULES_PAGE, providerRulesPage } from '../../../tools/docs/provider-rules-page';

/** Prettier pads Markdown table cells and separator dashes: compare without the padding. */
const unpadded = (markdown: string) => markdown.replace(/ +/g, ' ').replace(/-{3,}/g, '---').trim();

describe('docs/provider-rules.md', () => {
  test('is the page the rules generate (run `npm run docs:provider-rules`)', () => {
    expect(unpadded(readFileSync(PROVIDER_RULES_PAGE, 'utf8'))).toBe(unpadded(providerRulesPage()));
  });

  test('lists every rule with its source', () => {
    const page = providerRulesPage();
    for (const rule of PROVIDER_RULES) expect(page).toContain(`| ${rule.id} |`);
  });
});
