import { defineConfig } from 'vitest/config';

// One root command runs every workspace's suites. Each test file gets its own process
// (forks pool), which chdb needs: one data directory per process.
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'sdk', root: './sdk', environment: 'node', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'core', root: './core', environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 120_000, hookTimeout: 180_000,
        },
      },
      { extends: true, test: { name: 'shell', root: './shell', environment: 'happy-dom', include: ['src/**/*.test.{ts,tsx}'] } },
      {
        // Real headless Chromium against a real server on the embedded stores.
        extends: true,
        test: {
          name: 'browser', root: './shell', environment: 'node', include: ['test/browser/**/*.test.ts'],
          globalSetup: ['./test/browser/build-front-ends.ts'],
          testTimeout: 180_000, hookTimeout: 240_000,
        },
      },
      { extends: true, test: { name: 'tracker', root: './tracker', environment: 'node', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000 } },
      {
        extends: true,
        test: {
          name: 'plugins', root: './plugins', environment: 'node',
          include: ['*/server/**/*.test.ts', '*/test/**/*.test.ts'],
          testTimeout: 120_000, hookTimeout: 180_000,
        },
      },
      { extends: true, test: { name: 'plugin-ui', root: './plugins', environment: 'happy-dom', include: ['*/ui/**/*.test.tsx'] } },
    ],
  },
});
