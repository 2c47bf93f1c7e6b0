/** `npm run docs:policy`: rewrites the rules table of docs/policy.md from the rule pack. */
import { readFileSync, writeFileSync } from 'fs';
import { RULE_PACK } from '../../constructs/checks/policy/rule-pack';
import { POLICY_PAGE, withRulesTable } from './policy-rules-table';

writeFileSync(POLICY_PAGE, withRulesTable(readFileSync(POLICY_PAGE, 'utf8'), RULE_PACK));
process.stdout.write(`wrote ${POLICY_PAGE}\n`);
