import { readFileSync } from 'fs';
import { CONFIG_JSON_SCHEMA_PATH, configJsonSchemaText } from '../../tools/config-schema';

describe('config JSON Schema', () => {
  const committed = JSON.parse(readFileSync(CONFIG_JSON_SCHEMA_PATH, 'utf8'));

  test('the committed schema is what config/schema.ts generates (run `npm run schema`)', () => {
    expect(committed).toEqual(JSON.parse(configJsonSchemaText()));
  });

  test('it carries the closed sets editors can complete', () => {
    const pool = committed.properties.environments.additionalProperties.properties.gpuPools.items;
    expect(pool.properties.purpose.enum).toEqual(['training', 'inference']);
    expect(pool.additionalProperties).toBe(false);
  });

  test('the shipped config points editors at it', () => {
    expect(JSON.parse(readFileSync('config/platform.json', 'utf8')).$schema).toBe('./platform.schema.json');
  });
});
