/**
 * Integration specs: the real Nest app over HTTP, against real PostgreSQL
 * (TEST_DATABASE_URL, default the local server; each file gets a throw-away
 * database) and against the embedded PGlite engine.
 */
module.exports = {
  displayName: 'api-integration',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.integration-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 60_000,
};
