import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import {
  ConfigError,
  DEFAULT_CONFIG_PATH,
  loadFromEnvironment,
  loadPlatformConfig,
  selectEnvironments,
} from '../../config/load';
import { FROZEN_CONFIG_PATH, frozenConfig } from '../helpers/config-fixture';

function tempFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'gpu-platform-config-')), name);
  writeFileSync(file, text);
  return file;
}

describe('loading the config', () => {
  test('without PLATFORM_CONFIG the app reads config/platform.json', () => {
    expect(path.relative(process.cwd(), DEFAULT_CONFIG_PATH)).toBe(path.join('config', 'platform.json'));
    expect(loadFromEnvironment({})).toEqual(loadPlatformConfig(DEFAULT_CONFIG_PATH));
  });

  test('PLATFORM_ENVS keeps only the named environments', () => {
    const config = loadFromEnvironment({ PLATFORM_CONFIG: FROZEN_CONFIG_PATH, PLATFORM_ENVS: 'prod' });
    expect(Object.keys(config.environments)).toEqual(['prod']);
  });

  test('an empty PLATFORM_ENVS keeps every environment', () => {
    const config = loadFromEnvironment({ PLATFORM_CONFIG: FROZEN_CONFIG_PATH, PLATFORM_ENVS: '' });
    expect(Object.keys(config.environments)).toEqual(['dev', 'prod']);
  });

  test('PLATFORM_ENVS naming an unknown environment lists the defined ones', () => {
    const config = loadPlatformConfig(FROZEN_CONFIG_PATH);
    expect(() => selectEnvironments(config, 'prod,stage', 'x.json')).toThrow(
      'PLATFORM_ENVS: names environment "stage", which the config does not define; defined: dev, prod',
    );
  });

  test('PLATFORM_CONFIG points at another file', () => {
    const config = frozenConfig();
    delete config.environments.dev;
    const file = tempFile('one-env.json', JSON.stringify(config));
    expect(Object.keys(loadFromEnvironment({ PLATFORM_CONFIG: file }).environments)).toEqual(['prod']);
  });

  test('a file that is not JSON is a config error naming the file', () => {
    const file = tempFile('broken.json', '{ "platform": ');
    expect(() => loadPlatformConfig(file)).toThrow(ConfigError);
    expect(() => loadPlatformConfig(file)).toThrow(/broken\.json: 1 problem\n {2}- \(file\): is not valid JSON/);
  });

  test('a missing file is a config error', () => {
    expect(() => loadPlatformConfig('/nonexistent/platform.json')).toThrow(/\(file\): cannot be read/);
  });
});
