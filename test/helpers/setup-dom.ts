import { cleanup, configure } from '@testing-library/preact';
import { afterEach, beforeAll } from 'vitest';
import { setLanguage } from '../../src/i18n/i18n';
import { path } from '../../src/lib/router';
import { draftsSettled } from '../../src/records/drafts';
import { clearToasts } from '../../src/ui/toast';

// findBy…/waitFor wait for the effect itself; on a loaded 2-core machine jsdom and IndexedDB can take longer
// than Testing Library's 1 s default, so the ceiling is generous (a passing wait returns as soon as it holds).
configure({ asyncUtilTimeout: 20_000 });

beforeAll(async () => {
  await setLanguage('en');
});
afterEach(async () => {
  cleanup();
  // An Undo stays until dismissed: one left by a test must not be read by the next.
  clearToasts();
  // A form unmounted by cleanup writes its last draft on the way out: it lands now, not in the next test.
  await draftsSettled();
  // Each test starts at the home path, whatever the last one navigated to.
  history.replaceState(null, '', '/');
  path.value = '/';
});
