const { BUNDLED_SPECIFIER } = require('./test/helpers/package-bundle');

// Dated checks (Kubernetes support calendars) run as of this day in tests, so their results never
// drift; the app and CI's synth judge the shipped config on the real day.
process.env.GPU_PLATFORM_TODAY = '2026-12-07';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Transpile only, file by file; `npm run build` (`tsc --noEmit`, run by `npm run lint`) type-checks the whole tree.
  transform: { '^.+\\.ts$': '<rootDir>/test/helpers/esbuild-transform.js' },
  // cdktf and the provider classes come from one bundle that global setup keeps up to date, not as
  // ~750 modules loaded afresh for each test file (test/helpers/package-bundle.js).
  moduleNameMapper: { [`^(${BUNDLED_SPECIFIER})$`]: '<rootDir>/dist/test-packages/modules/$1.js' },
  reporters: ['default', '<rootDir>/test/helpers/summary-reporter.js'],
  // Both cores: jest's default leaves one idle on a 2-core machine.
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  testSequencer: '<rootDir>/test/helpers/sequencer.js',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  // Synth in tests as the app does: without cdktf's token-creation stack traces (a quarter of
  // synth time). CDKTF_TOKEN_STACK_TRACES=1 keeps them, to debug a token that will not resolve.
  setupFiles: ['<rootDir>/stacks/skip-token-stack-traces.ts'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
