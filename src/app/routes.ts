// Every screen and its path: Home, each record type's list and form (from the registry, in its order), the
// reports, sync and settings. Home is its own chunk (the first screen); the others share one (./screens.ts
// says why), loaded on the first visit to any of them and precached by the service worker.
import type { ComponentType } from 'preact';
import type { TKey } from '../i18n/keys';
import type { RecordKind } from '../records/contract';
import { RECORD_KINDS } from '../records/registry';

const all = () => import('./screens');

export interface Screen {
  path: string;
  /** Translation key of the screen's name (navigation and page title). */
  label: TKey;
  inNav: boolean;
  /** Kept in the phone's bottom bar; the other places are under "More". */
  inBar?: true;
  load: () => Promise<ComponentType<{ params: Record<string, string> }>>;
}

/** A record type's list (`/<table>`) and its form (`/<table>/:id`, `new` for a new one), from its descriptor. */
const recordScreens = (kind: RecordKind): Screen[] => [
  {
    path: `/${kind.table}`,
    label: kind.nav.label,
    inNav: true,
    ...(kind.nav.inBar && { inBar: true as const }),
    load: () => all().then((m) => m.recordScreen(kind.table, kind.screens.list)),
  },
  {
    path: `/${kind.table}/:id`,
    label: kind.nav.label,
    inNav: false,
    load: () => all().then((m) => m.recordScreen(kind.table, kind.screens.form)),
  },
];

export const screens: Screen[] = [
  {
    path: '/',
    label: 'nav.home',
    inNav: true,
    inBar: true,
    load: () => import('./Home').then((m) => m.Home),
  },
  ...RECORD_KINDS.flatMap(recordScreens),
  {
    path: '/reports',
    label: 'nav.reports',
    inNav: true,
    load: () => all().then((m) => m.Report),
  },
  {
    path: '/sync',
    label: 'nav.sync',
    inNav: true,
    load: () => all().then((m) => m.SyncScreen),
  },
  {
    path: '/settings',
    label: 'nav.settings',
    inNav: true,
    load: () => all().then((m) => m.Settings),
  },
];
