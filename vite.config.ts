import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};
// Shown in Settings ("Version …"). Each build gets its own id, so a new build is a new bundle and a new
// service worker, and a person can tell which version they run. PELITA_BUILD_ID pins it (tests, releases).
const buildId = process.env.PELITA_BUILD_ID ?? `${pkg.version}+${new Date().toISOString().slice(0, 19)}`;

// The service worker is our own (src/sw/sw.ts) so that it can answer Background Sync and never
// calls skipWaiting() on its own: the page asks for it when the person chooses "Reload".
export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(buildId) },
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      injectManifest: {
        // Every route chunk and every locale is precached, so each screen works offline after the first visit.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,json}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
      manifest: {
        name: 'Pelita — child labour field records',
        short_name: 'Pelita',
        description:
          'Offline-first records of inspections, child cases, trainings and activities, with monthly tallies for the ASEAN Roadmap on child labour.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1f5f8b',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  // `npm run dev` (scripts/dev.mjs) runs the reference API beside Vite: the app calls /api on its own origin,
  // as it does behind `npm start`.
  server: {
    proxy: { '/api': `http://127.0.0.1:${process.env.PELITA_DEV_API_PORT ?? '8787'}` },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
  },
});
