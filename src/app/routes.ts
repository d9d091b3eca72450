// Every screen, its path and its chunk. Each screen is its own chunk (loaded on first visit, precached
// by the service worker), so the first screen carries only what it shows.
import type { ComponentType } from 'preact';

export interface Screen {
  path: string;
  /** Translation key of the screen's name (navigation and page title). */
  label: string;
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
    load: () => import('../inspections/List').then((m) => m.InspectionList),
  },
  {
    path: '/inspections/:id',
    label: 'nav.inspections',
    inNav: false,
    load: () => import('../inspections/Form').then((m) => m.InspectionForm),
  },
  {
    path: '/cases',
    label: 'nav.cases',
    inNav: true,
    inBar: true,
    load: () => import('../cases/List').then((m) => m.CaseList),
  },
  {
    path: '/cases/:id',
    label: 'nav.cases',
    inNav: false,
    load: () => import('../cases/Form').then((m) => m.CaseForm),
  },
  {
    path: '/trainings',
    label: 'nav.trainings',
    inNav: true,
    load: () => import('../trainings/List').then((m) => m.TrainingList),
  },
  {
    path: '/trainings/:id',
    label: 'nav.trainings',
    inNav: false,
    load: () => import('../trainings/Form').then((m) => m.TrainingForm),
  },
  {
    path: '/activities',
    label: 'nav.activities',
    inNav: true,
    load: () => import('../activities/List').then((m) => m.ActivityList),
  },
  {
    path: '/activities/:id',
    label: 'nav.activities',
    inNav: false,
    load: () => import('../activities/Form').then((m) => m.ActivityForm),
  },
  {
    path: '/reports',
    label: 'nav.reports',
    inNav: true,
    load: () => import('../tally/Report').then((m) => m.Report),
  },
  {
    path: '/sync',
    label: 'nav.sync',
    inNav: true,
    load: () => import('../sync/SyncScreen').then((m) => m.SyncScreen),
  },
  {
    path: '/settings',
    label: 'nav.settings',
    inNav: true,
    load: () => import('../settings/Settings').then((m) => m.Settings),
  },
];
