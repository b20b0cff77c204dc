import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: [
      'lib/**/*.test.{ts,tsx}',
      'emulator/**/*.test.ts',
      'components/**/*.test.tsx',
      'tests/{integration,meta}/**/*.test.ts',
    ],
    setupFiles: ['tests/setup/vitest.setup.ts'],
    environment: 'node',
    restoreMocks: true,
  },
});
