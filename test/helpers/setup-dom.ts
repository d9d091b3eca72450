import { cleanup } from '@testing-library/preact';
import { afterEach, beforeAll } from 'vitest';
import { setLanguage } from '../../src/i18n/i18n';
import { draftsSettled } from '../../src/records/drafts';
import { clearToasts } from '../../src/ui/toast';

beforeAll(async () => {
  await setLanguage('en');
});
afterEach(async () => {
  cleanup();
  // An Undo stays until dismissed: one left by a test must not be read by the next.
  clearToasts();
  // A form unmounted by cleanup writes its last draft on the way out: it lands now, not in the next test.
  await draftsSettled();
});
