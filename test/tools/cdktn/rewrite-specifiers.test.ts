import {
  cdktnSpecifier,
  isSourceFile,
  rewriteSpecifiers,
  type PackageMove,
} from '../../../tools/cdktn/rewrite-specifiers';

describe('cdktnSpecifier', () => {
  test('moves cdktf and the provider packages with a cdktn build, deep paths included', () => {
    expect(cdktnSpecifier('cdktf')).toBe('cdktn');
    expect(cdktnSpecifier('cdktf/lib/testing/adapters/jest')).toBe('cdktn/lib/testing/adapters/jest');
    expect(cdktnSpecifier('@cdktf/provider-aws/lib/vpc')).toBe('@cdktn/provider-aws/lib/vpc');
    expect(cdktnSpecifier('@cdktf/provider-azurerm/lib/resource-group')).toBe(
      '@cdktn/provider-azurerm/lib/resource-group',
    );
  });

  test('leaves packages without a counterpart, and look-alike names, alone', () => {
    expect(cdktnSpecifier('@cdktf/provider-time/lib/sleep')).toBeUndefined();
    expect(cdktnSpecifier('cdktf-cli')).toBeUndefined();
    expect(cdktnSpecifier('@cdktf/provider-awsx')).toBeUndefined();
    expect(cdktnSpecifier('./cdktf')).toBeUndefined();
  });

  test('takes its own list of moves', () => {
    const moves: PackageMove[] = [{ from: '@cdktf/provider-time', to: '@cdktn/provider-time' }];
    expect(cdktnSpecifier('@cdktf/provider-time/lib/sleep', moves)).toBe('@cdktn/provider-time/lib/sleep');
    expect(cdktnSpecifier('cdktf', moves)).toBeUndefined();
  });
});

describe('rewriteSpecifiers', () => {
  test('rewrites every kind of module reference and keeps quotes and the rest of the text', () => {
    const source = [
      "import { App } from 'cdktf';",
      'import type { VpcConfig } from "@cdktf/provider-aws/lib/vpc";',
      "export { Vpc } from '@cdktf/provider-aws/lib/vpc';",
      "import jestAdapter = require('cdktf/lib/testing/adapters/jest');",
      "const aws = require('@cdktf/provider-aws/lib/provider');",
      "const index = require.resolve('@cdktf/provider-aws/lib/index.d.ts');",
      "const later = () => import('cdktf');",
      "jest.mock('cdktf');",
      "type T = import('cdktf').App;",
      "declare module 'cdktf' {}",
      "import { Sleep } from '@cdktf/provider-time/lib/sleep';",
    ].join('\n');

    const { text, rewritten } = rewriteSpecifiers(source, 'file.ts');

    expect(text.split('\n')).toEqual([
      "import { App } from 'cdktn';",
      'import type { VpcConfig } from "@cdktn/provider-aws/lib/vpc";',
      "export { Vpc } from '@cdktn/provider-aws/lib/vpc';",
      "import jestAdapter = require('cdktn/lib/testing/adapters/jest');",
      "const aws = require('@cdktn/provider-aws/lib/provider');",
      "const index = require.resolve('@cdktn/provider-aws/lib/index.d.ts');",
      "const later = () => import('cdktn');",
      "jest.mock('cdktn');",
      "type T = import('cdktn').App;",
      "declare module 'cdktn' {}",
      "import { Sleep } from '@cdktf/provider-time/lib/sleep';",
    ]);
    expect(rewritten).toHaveLength(10);
    expect(rewritten[0]).toEqual({ from: 'cdktf', to: 'cdktn' });
  });

  test('leaves strings that only mention cdktf alone: tag values, messages, code in strings', () => {
    const source = [
      "export const tags = { 'managed-by': 'cdktf' };",
      "const message = 'run cdktf synth';",
      `const code = "import { App } from 'cdktf';";`,
      "logger.require('cdktf');",
    ].join('\n');

    expect(rewriteSpecifiers(source, 'file.ts')).toEqual({ text: source, rewritten: [] });
  });

  test('reads JavaScript too, and refuses other files', () => {
    expect(rewriteSpecifiers("const { App } = require('cdktf');", 'app.js').text).toBe(
      "const { App } = require('cdktn');",
    );
    expect(isSourceFile('a/b.ts')).toBe(true);
    expect(isSourceFile('a/b.mjs')).toBe(true);
    expect(isSourceFile('a/b.d.ts')).toBe(false);
    expect(isSourceFile('package.json')).toBe(false);
    expect(() => rewriteSpecifiers('{}', 'package.json')).toThrow(
      'package.json: not a TypeScript or JavaScript source',
    );
  });
});
