/** `npm run policy:readme`: rewrites the README's policy rules table from the rule pack. */
import { readFileSync, writeFileSync } from 'fs';
import { RULE_PACK } from '../../constructs/checks/policy/rule-pack';
import { withRulesTable } from './readme-table';

writeFileSync('README.md', withRulesTable(readFileSync('README.md', 'utf8'), RULE_PACK));
