import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// Builds bench/page (the storage benchmark page) with the app's own modules, production settings.
export default defineConfig({
  root: resolve(import.meta.dirname, 'page'),
  plugins: [preact()],
  logLevel: 'warn',
  build: { outDir: resolve(import.meta.dirname, 'out/page'), emptyOutDir: true, target: 'es2022' },
});
