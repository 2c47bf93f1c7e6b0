import { readFileSync } from 'fs';
import * as esbuild from 'esbuild';
import {
  deepImport,
  parseNamespaceExports,
  rewriteDeepImports,
  type NamespaceIndex,
} from '../../../tools/bench/rewrite-imports';

const index: NamespaceIndex = new Map([
  [
    '@cdktf/provider-aws',
    new Map([
      ['vpc', 'vpc'],
      ['provider', 'provider'],
      ['data-aws-availability-zones', 'dataAwsAvailabilityZones'],
    ]),
  ],
  ['@cdktf/provider-azurerm', new Map([['resource-group', 'resourceGroup']])],
]);

const rewrite = (text: string) => rewriteDeepImports(text, 'file.ts', index);
/** Compiles one source as the baseline's bundle does: esbuild, TypeScript to CommonJS. */
const transpile = (text: string) => esbuild.transformSync(text, { loader: 'ts', format: 'cjs' }).code;

describe('rewriteDeepImports', () => {
  test('rewrites a deep import to the root namespace export', () => {
    const { text, rewritten } = rewrite(
      "import { Vpc } from '@cdktf/provider-aws/lib/vpc';\nexport const make = (s: never) => new Vpc(s, 'v', {});\n",
    );
    expect(rewritten).toBe(1);
    expect(text).toContain("import * as __root_cdktf_provider_aws from '@cdktf/provider-aws';");
    expect(text).toContain('import Vpc = __root_cdktf_provider_aws.vpc.Vpc;');
    expect(text).not.toContain('/lib/vpc');

    const js = transpile(text);
    expect(js).toContain('require("@cdktf/provider-aws")');
    expect(js).toContain('__root_cdktf_provider_aws.vpc.Vpc');
    expect(js).not.toContain('/lib/');
  });

  test('handles renames, namespace imports and several modules of both packages, with one root import each', () => {
    const { text, rewritten } = rewrite(
      [
        "import { DataAwsAvailabilityZones as Zones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';",
        "import * as prov from '@cdktf/provider-aws/lib/provider';",
        "import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';",
        "import { Vpc } from '@cdktf/provider-aws/lib/vpc';",
      ].join('\n'),
    );
    expect(rewritten).toBe(4);
    expect(text.match(/from '@cdktf\/provider-aws'/g)).toHaveLength(1);
    expect(text.match(/from '@cdktf\/provider-azurerm'/g)).toHaveLength(1);
    expect(text).toContain(
      'import Zones = __root_cdktf_provider_aws.dataAwsAvailabilityZones.DataAwsAvailabilityZones;',
    );
    expect(text).toContain('import prov = __root_cdktf_provider_aws.provider;');
    expect(text).toContain('import ResourceGroup = __root_cdktf_provider_azurerm.resourceGroup.ResourceGroup;');
  });

  test('drops aliases used only as types, as the original import would have been', () => {
    const source =
      "import { type VpcConfig, Vpc } from '@cdktf/provider-aws/lib/vpc';\nexport let c: VpcConfig | Vpc;\n";
    expect(transpile(source)).not.toContain('require(');
    const baseline = transpile(rewrite(source).text);
    expect(baseline).not.toContain('.vpc.');
    // esbuild keeps the root import itself; the baseline loads the root package anyway.
    expect(baseline).toContain('require("@cdktf/provider-aws")');
  });

  test('leaves import type declarations, other packages and root imports alone', () => {
    const source = [
      "import type { VpcConfig } from '@cdktf/provider-aws/lib/vpc';",
      "import { App } from 'cdktf';",
      "import { vpc } from '@cdktf/provider-aws';",
    ].join('\n');
    expect(rewrite(source)).toEqual({ text: source, rewritten: 0 });
  });

  test('refuses what it cannot rewrite faithfully', () => {
    expect(() => rewrite("import { X } from '@cdktf/provider-aws/lib/not-a-module';")).toThrow(
      'file.ts:1:1: @cdktf/provider-aws/lib/index.d.ts exports no namespace for ./not-a-module',
    );
    expect(() => rewrite("export { Vpc } from '@cdktf/provider-aws/lib/vpc';")).toThrow('cannot rewrite this use');
    expect(() => rewrite("const m = require('@cdktf/provider-aws/lib/vpc');")).toThrow('cannot rewrite this use');
    expect(() => rewrite("import Vpc from '@cdktf/provider-aws/lib/vpc';")).toThrow('default import');
  });
});

describe('parseNamespaceExports and deepImport', () => {
  test('reads the namespace names of the installed provider packages', () => {
    const aws = parseNamespaceExports(readFileSync(require.resolve('@cdktf/provider-aws/lib/index.d.ts'), 'utf8'));
    const azurerm = parseNamespaceExports(
      readFileSync(require.resolve('@cdktf/provider-azurerm/lib/index.d.ts'), 'utf8'),
    );
    expect(aws.get('vpc')).toBe('vpc');
    expect(aws.get('provider')).toBe('provider');
    expect(aws.get('data-aws-iam-policy-document')).toBe('dataAwsIamPolicyDocument');
    expect(azurerm.get('resource-group')).toBe('resourceGroup');
    expect(azurerm.get('virtual-network')).toBe('virtualNetwork');
    expect(aws.size).toBeGreaterThan(1000);
  });

  test('splits a deep path into package and module', () => {
    expect(deepImport('@cdktf/provider-aws/lib/vpc', index)).toEqual({ pkg: '@cdktf/provider-aws', module: 'vpc' });
    expect(deepImport('@cdktf/provider-aws/lib/vpc/index.js', index)).toEqual({
      pkg: '@cdktf/provider-aws',
      module: 'vpc',
    });
    expect(deepImport('@cdktf/provider-aws', index)).toBeUndefined();
    expect(deepImport('cdktf/lib/app', index)).toBeUndefined();
  });
});
