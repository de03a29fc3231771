// One jest run for every suite: unit, api (PGlite and PostgreSQL), bundled functions, weapp build, e2e in Chromium.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/src', '<rootDir>/cloud'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(valibot|pinyin-pro)/)'],
  modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/dist-h5', '<rootDir>/cloud/dist'],
  testTimeout: 120_000,
  verbose: true,
}
