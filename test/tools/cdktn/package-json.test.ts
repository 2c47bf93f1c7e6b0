import { cdktnPackageJson, type PackageJson } from '../../../tools/cdktn/package-json';

const cdktfPackage: PackageJson = {
  name: 'app',
  engines: { node: '>=20' },
  dependencies: {
    '@cdktf/provider-aws': '21.22.1',
    '@cdktf/provider-azurerm': '14.23.1',
    '@cdktf/provider-time': '11.0.1',
    cdktf: '0.21.0',
    constructs: '10.4.2',
    zod: '4.6.7',
  },
  devDependencies: { 'cdktf-cli': '0.21.0', jest: '29.7.0' },
  scripts: {
    synth: 'CHECKPOINT_DISABLE=1 cdktf synth',
    test: 'tsc --noEmit && jest',
    odd: 'echo cdktf-cli && (cdktf diff)',
  },
};

describe('cdktnPackageJson', () => {
  const { pkg, notes } = cdktnPackageJson(cdktfPackage);

  test("swaps cdktf's packages for cdktn's, pinned, and keeps the others", () => {
    expect(pkg.dependencies).toEqual({
      '@cdktn/provider-aws': '25.7.0',
      '@cdktn/provider-azurerm': '16.1.0',
      '@cdktf/provider-time': '11.0.1',
      cdktn: '0.24.0',
      constructs: '10.6.0',
      zod: '4.6.7',
    });
    expect(pkg.devDependencies).toEqual({ 'cdktn-cli': '0.24.0', jest: '29.7.0' });
    expect(notes).toContain('cdktf 0.21.0 -> cdktn 0.24.0');
    expect(notes).toContain('constructs 10.4.2 -> 10.6.0');
  });

  test('overrides the peer dependencies npm cannot resolve', () => {
    expect(pkg.overrides).toEqual({
      '@cdktn/provider-azurerm': { cdktn: '$cdktn' },
      '@cdktf/provider-time': { cdktf: 'npm:cdktn@0.24.0' },
    });
  });

  test('renames the CLI where a script runs it, and asks for Node 22.19', () => {
    expect(pkg.scripts).toEqual({
      synth: 'CHECKPOINT_DISABLE=1 cdktn synth',
      test: 'tsc --noEmit && jest',
      odd: 'echo cdktf-cli && (cdktn diff)',
    });
    expect(pkg.engines).toEqual({ node: '>=22.19.0' });
  });

  test('leaves its input alone', () => {
    expect(cdktfPackage.dependencies?.cdktf).toBe('0.21.0');
    expect(cdktfPackage.overrides).toBeUndefined();
  });

  test('a manifest without one of the packages it replaces is an error that names it', () => {
    const devDependencies = { ...cdktfPackage.devDependencies };
    delete devDependencies['cdktf-cli'];
    expect(() => cdktnPackageJson({ ...cdktfPackage, devDependencies })).toThrow(
      'package.json: devDependencies has no "cdktf-cli" to replace with cdktn-cli',
    );
  });
});
