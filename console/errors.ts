// The server's refusal codes in words. Codes without their own sentence get the general one, never raw.

import type enConsole from '../locales/en/console.json';
import type { ApiError } from './api';
import { t } from './i18n';

/** A refusal code with its own sentence under `console.errors` in English. */
type Known = keyof (typeof enConsole)['errors'] & string;

const KNOWN = new Set<string>([
  'offline',
  'wrong_credentials',
  'rate_limited',
  'out_of_scope',
  'signed_out',
  'admins_only',
  'username_taken',
  'scope_required',
  'unknown_location',
  'invalid_body',
  'range_too_long',
  'bad_origin',
  'not_found',
  'dhis2Url',
  'dry_run_first',
  'dhis2_not_configured',
  'mapping_invalid',
  'token_required',
] satisfies Known[]);
const isKnown = (code: string): code is Known => KNOWN.has(code);

export function errorText(err: ApiError): string {
  if (err.code === 'rate_limited')
    return t('console.errors.rate_limited', { seconds: String(err.retryAfter ?? 60) });
  return t(isKnown(err.code) ? `console.errors.${err.code}` : 'console.errors.other', { code: err.code });
}
