/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // swc strips types only; `npm run build` (tsc --noEmit) type-checks once for the whole tree.
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  reporters: ['default', '<rootDir>/test/helpers/summary-reporter.js'],
  setupFilesAfterEnv: ['<rootDir>/test/helpers/setup-jest.ts'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
