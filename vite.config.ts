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
    rolldownOptions: {
      output: {
        // Modules that are always loaded together go in one file: each small file costs its own gzip
        // dictionary and import lists, and the app had thirty of them. Only what no first screen needs is
        // grouped (a group that the start-up imports would load at start-up). The groups follow when the
        // code is needed, not the folders:
        codeSplitting: {
          groups: [
            // What the start-up imports stays where it is: no lazy group may take it (their dependencies
            // are pulled in with them, so without this they would).
            { name: 'index', tags: ['$initial'], priority: 10 },
            // What starts just after the first paint: the sync loop and this installation's identity.
            {
              name: 'start',
              priority: 4,
              includeDependenciesRecursively: false,
              test: /src\/(sync\/(sync|enrolment|status)|records\/outbox|settings\/installation)\.ts$/,
            },
            // Saving a record: its schema and the tally that the same transaction updates.
            {
              name: 'write',
              includeDependenciesRecursively: false,
              priority: 3,
              test: /src\/(records\/(fields|codes)|[a-z]+\/schema|cases\/(nationalities|classify)|tally\/(repo|tally|catalog|indicators))\.ts$/,
            },
            // A sync run with the server, and what it may bring (settings, the DHIS2 mapping, a restore).
            {
              name: 'sync-run',
              includeDependenciesRecursively: false,
              priority: 2,
              test: /src\/(sync\/(run|config|upstream|backoff|protocol|report|restore-identity)|lib\/version|export\/dhis2)\.ts$|dhis2-mapping\.json$/,
            },
            // Sealing and opening personal fields, the lock screen, and case handover's encrypted files.
            {
              name: 'privacy',
              includeDependenciesRecursively: false,
              priority: 1,
              test: /src\/(privacy\/(crypto|sealing|unlock|LockScreen|repo|draft-seal)|cases\/handover)\.tsx?$/,
            },
          ],
        },
      },
    },
  },
});
