/** `npm run docs:config`: writes docs/configuration.md from the config's JSON Schema. */
import { writeFileSync } from 'fs';
import { configJsonSchemaText } from '../config-schema';
import { CONFIG_REFERENCE_PAGE, configReferencePage } from './config-reference';

writeFileSync(CONFIG_REFERENCE_PAGE, configReferencePage(JSON.parse(configJsonSchemaText())));
process.stdout.write(`wrote ${CONFIG_REFERENCE_PAGE}\n`);
