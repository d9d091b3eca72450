import { cleanup } from '@testing-library/preact';
import { afterEach, beforeAll } from 'vitest';
import { setLanguage } from '../../src/i18n/i18n';
import { clearToasts } from '../../src/ui/toast';

beforeAll(async () => {
  await setLanguage('en');
});
afterEach(() => {
  cleanup();
  // An Undo stays until dismissed: one left by a test must not be read by the next.
  clearToasts();
});
