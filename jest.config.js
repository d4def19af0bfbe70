/** One jest run for the whole workspace; integration suites skip themselves
 * when PostgreSQL or NATS is unreachable, unless SWITCHBOARD_REQUIRE_SERVICES=1. */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/deploy', '<rootDir>/e2e'].filter((p) =>
    require('fs').existsSync(p.replace('<rootDir>', __dirname)),
  ),
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
