// Every screen but Home, in one chunk. The service worker precaches every chunk on the first visit, so
// splitting the screens finely saves a person no waiting; but each small file is compressed on its own, with
// no dictionary shared with its neighbours, and forty of them cost about 12 KiB of gzip more than one chunk —
// a twelfth of the app's whole JavaScript budget (SPEC §11). Home stays apart: it is part of the first screen.
import type { ComponentType } from 'preact';

type ScreenComponent = ComponentType<{ params: Record<string, string> }>;

// Each record type's List.tsx and Form.tsx (its folder is its table's name, src/records/README.md), bundled
// here by Vite: a new record type's screens join this chunk without a line of their own.
const recordModules = import.meta.glob<Record<string, ScreenComponent>>(['../*/List.tsx', '../*/Form.tsx'], {
  eager: true,
});

/** The screen `name` (a descriptor's `screens.list` or `screens.form`) of the record type `table`. */
export function recordScreen(table: string, name: string): ScreenComponent {
  for (const file of ['List', 'Form']) {
    const screen = recordModules[`../${table}/${file}.tsx`]?.[name];
    if (screen) return screen;
  }
  throw new Error(`No screen ${name} in src/${table}/`);
}

export { SyncScreen } from '../sync/SyncScreen';
export { Report } from '../tally/Report';
export { Settings } from './Settings';
