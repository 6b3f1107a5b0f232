import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // End-to-end tests spawn the real binary many times; give them room on a slow machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
