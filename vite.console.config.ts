// The coordinator console's build (console/ → dist-console/), apart from the device app's: its own entry, no
// service worker, nothing precached on phones, nothing counted in the device's JavaScript budget. It reuses
// the app's modules (catalog, labels, charts, report tables, i18n) by importing them, so each has one
// definition. The server serves the result under /console/ (server/console/index.ts).
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./console', import.meta.url)),
  base: '/console/',
  // The app's build id is shown nowhere here; the constant must exist for modules that read it.
  define: { __APP_VERSION__: JSON.stringify('console') },
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('./dist-console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Strings are fetched as files: a data: URL would be refused by the console's Content-Security-Policy.
    assetsInlineLimit: 0,
  },
});
