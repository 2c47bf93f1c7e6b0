/**
 * Writes `config/platform.schema.json`, the JSON Schema of the platform config, generated from
 * the zod schema so editors complete and check `config/platform.json` (it names the schema in
 * `$schema`). Value rules that JSON Schema cannot say (CIDR overlap, the GPU catalog per cloud)
 * are still checked by the app. Run `npm run schema` after changing `config/schema.ts` (it
 * formats the file with prettier, as `npm run lint` checks it); a test fails while the committed
 * file is stale.
 */
import { writeFileSync } from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { platformConfigSchema } from '../config/schema';

export const CONFIG_JSON_SCHEMA_PATH = path.resolve('config', 'platform.schema.json');

export function configJsonSchemaText(): string {
  const schema = z.toJSONSchema(platformConfigSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(CONFIG_JSON_SCHEMA_PATH, configJsonSchemaText());
  process.stdout.write(`wrote ${path.relative(process.cwd(), CONFIG_JSON_SCHEMA_PATH)}\n`);
}
