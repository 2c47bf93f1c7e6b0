/**
 * The package bundles the tests load cdktf, the provider classes and zod from
 * (test/helpers/package-bundle.js): which specifiers they serve, and that jest takes those from
 * them, as one copy per test file.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { ensurePackageBundle, importedSpecifiers } from './package-bundle';

const modules = path.join(__dirname, '..', '..', 'dist', 'test-packages', 'modules');

test('serves cdktf, constructs, deep provider imports and zod; leaves the rest to jest', () => {
  const source = [
    "import { App } from 'cdktf';",
    "import 'cdktf/lib/testing/adapters/jest';",
    "import type { Construct } from 'constructs';",
    "import { Vpc } from '@cdktf/provider-aws/lib/vpc';",
    "import { z } from 'zod';",
    "const core = require('zod/v4/core');",
    // A provider's root entry, which the project never imports (ESLint forbids it), is not served.
    "import * as time from '@cdktf/provider-time';",
    "import { readFileSync } from 'fs';",
    "import { parse } from 'yaml';",
  ].join('\n');

  expect(importedSpecifiers(source)).toEqual([
    'cdktf',
    'cdktf/lib/testing/adapters/jest',
    'constructs',
    '@cdktf/provider-aws/lib/vpc',
    'zod',
    'zod/v4/core',
  ]);
});

test('jest resolves those specifiers to the bundles, and every import shares one copy of cdktf', () => {
  const fromBundles = (resolved: string) => path.relative(modules, resolved);
  expect(fromBundles(require.resolve('cdktf'))).toMatch(/^cdkt[fn]\.js$/);
  expect(fromBundles(require.resolve('@cdktf/provider-aws/lib/vpc'))).toMatch(
    /^@cdkt[fn]\/provider-aws\/lib\/vpc\.js$/,
  );
  expect(fromBundles(require.resolve('zod'))).toBe('zod.js');

  const stack = new TerraformStack(new App(), 'one-copy');
  const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
  expect(vpc).toBeInstanceOf(Construct);
  expect(TerraformStack.of(vpc)).toBe(stack);
});

test('builds once for the sources as they are, then stays fresh; a module file serves its bundle', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'package-bundle-test-'));
  try {
    symlinkSync(path.join(__dirname, '..', '..', 'node_modules'), path.join(root, 'node_modules'));
    mkdirSync(path.join(root, 'config'));
    writeFileSync(path.join(root, 'config', 'schema.ts'), "import { z } from 'zod';\nexport const s = z.string();\n");

    expect(ensurePackageBundle(root)).toEqual({ specifiers: ['zod'], built: true });
    expect(ensurePackageBundle(root)).toEqual({ specifiers: ['zod'], built: false });

    const served = jest.requireActual<{ string: unknown }>(
      path.join(root, 'dist', 'test-packages', 'modules', 'zod.js'),
    );
    expect(typeof served.string).toBe('function');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
