import { defineConfig } from 'vite';

// The renderer: built to dist/renderer with relative paths, so that the same files load from
// file:// in Electron and from the browser-mode server.
export default defineConfig({
  root: 'renderer',
  base: './',
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1500 },
});
