import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build, defineConfig, type Plugin, type UserConfig } from 'vite';

const OUT_DIR = 'dist-electron';
const external = ['electron', 'better-sqlite3-multiple-ciphers', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** One CommonJS file for `entry`, with everything but Electron, the SQLite driver and Node inlined. */
function bundle(entry: string, name: string, emptyOutDir: boolean): UserConfig {
  return {
    build: {
      outDir: OUT_DIR,
      emptyOutDir,
      ssr: true,
      target: 'node22',
      minify: false,
      rolldownOptions: { input: { [name]: entry }, external, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
    ssr: { noExternal: true },
  };
}

/**
 * The files the main process starts apart, each a file of its own: the record's utility process
 * (electron/record/worker.ts: the host, the services, the imports), and the allocation assistant's
 * solver thread, which that process starts, with HiGHS's WebAssembly beside it. They are made once
 * the main bundle is written, so that `npm run build` and `npm start`'s rebuild (which build the
 * modes main and preload) make them too. electron/allocation/allocate.ts finds the solver beside
 * the record's bundle through the constant defined below; build/electron-builder.json unpacks them
 * all from the asar archive, which a worker thread cannot load from.
 */
function workerFiles(): Plugin {
  return {
    name: 'planif-worker-files',
    apply: 'build',
    async closeBundle() {
      const record = bundle('electron/record/worker.ts', 'record-worker', false);
      await build({ configFile: false, logLevel: 'warn', ...record, define: { __SOLVER_BESIDE_BUNDLE__: 'true' } });
      await build({ configFile: false, logLevel: 'warn', ...bundle('electron/allocation/worker.ts', 'allocation-worker', false) });
      copyFileSync(createRequire(import.meta.url).resolve('highs/runtime'), join(OUT_DIR, 'highs.wasm'));
    },
  };
}

// The Electron main process and preload, each bundled to one CommonJS file (built one at a time,
// `--mode main` then `--mode preload`, so that no chunk is shared: a sandboxed preload can require
// nothing but Electron). Only Electron itself and the native SQLite driver stay outside.
export default defineConfig(({ mode }) => {
  const config = bundle(mode === 'preload' ? 'electron/preload.ts' : 'electron/main.ts', mode, mode === 'main');
  return mode === 'main' ? { ...config, plugins: [workerFiles()] } : config;
});
