/** A deep copy of the shipped config as plain JSON, for tests that break or vary one field. */
import { readFileSync } from 'fs';
import { DEFAULT_CONFIG_PATH } from '../../config/load';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures are edited by path in tests
export type ConfigInput = any;

export function shippedConfig(): ConfigInput {
  return JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8'));
}
