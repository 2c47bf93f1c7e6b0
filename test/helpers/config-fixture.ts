/** A deep copy of the shipped config as plain JSON, for tests that break or vary one field. */
import { shippedConfigInput } from './synth';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures are edited by path in tests
export type ConfigInput = any;

export function shippedConfig(): ConfigInput {
  return structuredClone(shippedConfigInput());
}
