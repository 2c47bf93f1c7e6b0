/** `npm run docs:provider-rules`: writes docs/provider-rules.md from the provider rules. */
import { writeFileSync } from 'fs';
import { PROVIDER_RULES_PAGE, providerRulesPage } from './provider-rules-page';

writeFileSync(PROVIDER_RULES_PAGE, providerRulesPage());
process.stdout.write(`wrote ${PROVIDER_RULES_PAGE}\n`);
