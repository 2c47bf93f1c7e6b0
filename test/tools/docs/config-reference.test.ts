import { readFileSync } from 'fs';
import * as path from 'path';
import { configJsonSchemaText } from '../../../tools/config-schema';
import {
  CONFIG_REFERENCE_PAGE,
  configReferencePage,
  configSettings,
  typeOf,
  type JsonSchemaNode,
} from '../../../tools/docs/config-reference';

/** Prettier pads Markdown table cells and separator dashes: compare without the padding. */
const unpadded = (markdown: string) => markdown.replace(/ +/g, ' ').replace(/-{3,}/g, '---').trim();

describe('the configuration reference', () => {
  const schema = JSON.parse(configJsonSchemaText()) as JsonSchemaNode;

  test('the committed page is what the schema generates (run `npm run docs:config`)', () => {
    const committed = readFileSync(path.join(__dirname, '..', '..', '..', CONFIG_REFERENCE_PAGE), 'utf8');
    expect(unpadded(committed)).toBe(unpadded(configReferencePage(schema)));
  });

  test('documents every setting the schema accepts, with its default where there is one', () => {
    const settings = configSettings(schema);
    expect(settings.length).toBeGreaterThan(100);
    expect(settings.filter((s) => !s.description)).toEqual([]);
    const byPath = new Map(settings.map((s) => [s.path, s]));
    expect(byPath.get('environments.<env>.gpuPools[].fabric')).toMatchObject({ type: 'boolean', default: 'false' });
    expect(byPath.get('environments.<env>.kubernetes.upgradeChannel')).toMatchObject({ default: '"patch"' });
    expect(byPath.get('environments.<env>.aws.accountId')).toMatchObject({ required: true });
    expect(byPath.get('environments.<env>.stateBackend (type: "s3").bucket')).toMatchObject({ required: true });
  });

  test('refuses a setting without a description, naming it', () => {
    const bare: JsonSchemaNode = {
      type: 'object',
      properties: { a: { type: 'string', description: 'A' }, b: { type: 'string' } },
    };
    expect(() => configReferencePage(bare)).toThrow(/without a description.*: b$/);
  });

  test('writes types in a few words', () => {
    expect(typeOf({ type: 'integer', minimum: 0, maximum: 23 })).toBe('integer 0-23');
    expect(typeOf({ type: 'integer', minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER })).toBe(
      'integer',
    );
    expect(typeOf({ enum: ['patch', 'stable'] })).toBe('"patch" | "stable"');
    expect(typeOf({ type: 'array', items: { type: 'string' }, minItems: 1 })).toBe('array of string >= 1 items');
    expect(
      typeOf({
        anyOf: [{ properties: { type: { const: 'local' } } }, { properties: { type: { const: 's3' } } }],
      }),
    ).toBe('one of, by `type`: "local" | "s3"');
  });
});
