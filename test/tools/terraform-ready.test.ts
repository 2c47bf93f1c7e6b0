import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { PINNED_PROVIDERS, providerInstallationConfigured } from '../../tools/terraform-ready';
import { terraformPlatform } from '../../tools/validate/mirror';

describe('npm run diff / deploy readiness', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gpu-platform-ready-'));
  const config = (name: string, body: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, body);
    return file;
  };

  test('a CLI configuration with a mirror or a plugin cache installs providers without the registry', () => {
    const mirror = config('mirror.rc', 'provider_installation {\n  filesystem_mirror { path = "/opt/tf" }\n}\n');
    const cache = config('cache.rc', 'plugin_cache_dir = "/var/cache/tf"\n');
    expect(providerInstallationConfigured({ TF_CLI_CONFIG_FILE: mirror })).toBe(true);
    expect(providerInstallationConfigured({ TF_CLI_CONFIG_FILE: cache })).toBe(true);
  });

  test('none, an empty one, or one that names a missing file does not', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'gpu-platform-home-'));
    expect(providerInstallationConfigured({ HOME: home })).toBe(false);
    expect(providerInstallationConfigured({ HOME: home, TF_CLI_CONFIG_FILE: config('empty.rc', '') })).toBe(false);
    expect(providerInstallationConfigured({ HOME: home, TF_CLI_CONFIG_FILE: path.join(dir, 'missing.rc') })).toBe(
      false,
    );
  });

  test('~/.terraformrc counts when TF_CLI_CONFIG_FILE is unset, as it does for Terraform', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'gpu-platform-home-'));
    writeFileSync(path.join(home, '.terraformrc'), 'plugin_cache_dir = "/var/cache/tf"\n');
    expect(providerInstallationConfigured({ HOME: home })).toBe(true);
  });

  test("Terraform's implied mirror folders count when they hold every pinned provider, and only then", () => {
    const home = mkdtempSync(path.join(tmpdir(), 'gpu-platform-home-'));
    const install = (provider: string) => {
      const [namespace, type] = provider.split('/');
      const dir = path.join(
        home,
        '.terraform.d',
        'plugins',
        'registry.terraform.io',
        namespace,
        type,
        '1.0.0',
        terraformPlatform(),
      );
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `terraform-provider-${type}_v1.0.0`), '');
    };
    PINNED_PROVIDERS.slice(1).forEach(install);
    expect(providerInstallationConfigured({ HOME: home })).toBe(false);
    install(PINNED_PROVIDERS[0]);
    expect(providerInstallationConfigured({ HOME: home })).toBe(true);
  });
});
