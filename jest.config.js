// One jest run for the whole workspace. TypeScript is stripped by SWC (decorators included);
// type errors are caught once by `pnpm typecheck`, not by every test file.
/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: false, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const common = {
  transform: { '^.+\\.ts$': swc },
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The interface loads csv-stringify's browser build (an ES module with its own Buffer); here, in Node, its
  // CommonJS build is the same code.
  moduleNameMapper: { '^csv-stringify/browser/esm/sync$': 'csv-stringify/sync' },
};
module.exports = {
  // One generous timeout, set once, for every test and hook (a global option: projects cannot set it): hooks start servers (a whole hub is five
  // subgraphs and a gateway), and on a busy machine Jest's 5 s default failed 13 of 69 suites. Tests wait on
  // readiness (a server's listen, a health answer), never on time; this only bounds a hang.
  testTimeout: 120_000,
  // Test files run in a worker, replaced once it holds more than this after a file. On 2 cores Jest would
  // otherwise run every file inside its own main process, which kept what each whole hub left (schemas,
  // servers' memos) until the heap's 4 GB limit killed the run two thirds of the way through.
  workerIdleMemoryLimit: '1GB',
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      // Needs no server: SQLite files, in-process subgraphs over real HTTP.
      testMatch: ['<rootDir>/**/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.(postgres|mariadb|redis|chromium)\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'backends',
      // Named by the backend they need (mikro-orm style); `ops/src/ensure-services.ts` starts (or installs) it first.
      testMatch: ['<rootDir>/**/*.(postgres|mariadb|redis|chromium).test.ts'],
      testPathIgnorePatterns: ['/node_modules/'],
    },
  ],
};
