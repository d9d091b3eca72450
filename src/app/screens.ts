// Every screen but Home, in one chunk. The service worker precaches every chunk on the first visit, so
// splitting the screens finely saves a person no waiting; but each small file is compressed on its own, with
// no dictionary shared with its neighbours, and forty of them cost about 12 KiB of gzip more than one chunk —
// a twelfth of the app's whole JavaScript budget (SPEC §11). Home stays apart: it is part of the first screen.
export { ActivityForm } from '../activities/Form';
export { ActivityList } from '../activities/List';
export { CaseForm } from '../cases/Form';
export { CaseList } from '../cases/List';
export { InspectionForm } from '../inspections/Form';
export { InspectionList } from '../inspections/List';
export { Settings } from '../settings/Settings';
export { SyncScreen } from '../sync/SyncScreen';
export { Report } from '../tally/Report';
export { TrainingForm } from '../trainings/Form';
export { TrainingList } from '../trainings/List';
