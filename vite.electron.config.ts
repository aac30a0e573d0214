import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// The Electron main process and preload, each bundled to one CommonJS file (built one at a time,
// `--mode main` then `--mode preload`, so that no chunk is shared: a sandboxed preload can require
// nothing but Electron). Only Electron itself and the native SQLite driver stay outside.
export default defineConfig(({ mode }) => ({
  build: {
    outDir: 'dist-electron',
    emptyOutDir: mode === 'main',
    ssr: true,
    target: 'node22',
    minify: false,
    rolldownOptions: {
      input: { [mode]: mode === 'preload' ? 'electron/preload.ts' : 'electron/main.ts' },
      external: ['electron', 'better-sqlite3-multiple-ciphers', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
  ssr: { noExternal: true },
}));
