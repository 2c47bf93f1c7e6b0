import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { providerInstallationConfigured } from '../../tools/terraform-ready';

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
    expect(providerInstallationConfigured({})).toBe(false);
    expect(providerInstallationConfigured({ TF_CLI_CONFIG_FILE: config('empty.rc', '') })).toBe(false);
    expect(providerInstallationConfigured({ TF_CLI_CONFIG_FILE: path.join(dir, 'missing.rc') })).toBe(false);
  });
});
