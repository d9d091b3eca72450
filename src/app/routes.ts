// Every screen and its path. Home is its own chunk (the first screen); the others share one (./screens.ts
// says why), loaded on the first visit to any of them and precached by the service worker.
import type { ComponentType } from 'preact';
import type { TKey } from '../i18n/keys';

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

export const screens: Screen[] = [
  {
    path: '/',
    label: 'nav.home',
    inNav: true,
    inBar: true,
    load: () => import('./Home').then((m) => m.Home),
  },
  {
    path: '/inspections',
    label: 'nav.inspections',
    inNav: true,
    inBar: true,
    load: () => all().then((m) => m.InspectionList),
  },
  {
    path: '/inspections/:id',
    label: 'nav.inspections',
    inNav: false,
    load: () => all().then((m) => m.InspectionForm),
  },
  {
    path: '/cases',
    label: 'nav.cases',
    inNav: true,
    inBar: true,
    load: () => all().then((m) => m.CaseList),
  },
  {
    path: '/cases/:id',
    label: 'nav.cases',
    inNav: false,
    load: () => all().then((m) => m.CaseForm),
  },
  {
    path: '/trainings',
    label: 'nav.trainings',
    inNav: true,
    load: () => all().then((m) => m.TrainingList),
  },
  {
    path: '/trainings/:id',
    label: 'nav.trainings',
    inNav: false,
    load: () => all().then((m) => m.TrainingForm),
  },
  {
    path: '/activities',
    label: 'nav.activities',
    inNav: true,
    load: () => all().then((m) => m.ActivityList),
  },
  {
    path: '/activities/:id',
    label: 'nav.activities',
    inNav: false,
    load: () => all().then((m) => m.ActivityForm),
  },
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
