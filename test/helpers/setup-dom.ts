import { cleanup } from '@testing-library/preact';
import { afterEach, beforeAll } from 'vitest';
import { setLanguage } from '../../src/i18n/i18n';

beforeAll(async () => {
  await setLanguage('en');
});
afterEach(() => cleanup());
