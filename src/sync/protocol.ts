// The wire format of SPEC §6, shared by the app (to build reports and check answers) and the reference server
// (to refuse bad input). Anything the server accepts must parse here, so the two can never drift apart.
// Error messages are translation keys: the server sends them back in its 400 list, and the app can show them.
import * as z from 'zod/mini';
// catalog.ts is plain data (it imports only the code lists, which indicators.ts already brings): reading `by`
// from it keeps one definition of each indicator's breakdowns without pulling the tally engine in.
import { INDICATORS } from '../tally/catalog';
import {
  DISAGGREGATION_KEYS,
  DISAGGREGATIONS,
  type DisaggregationKey,
  INDICATOR_CODES,
  type IndicatorCode,
} from '../tally/indicators';

export const REPORT_SCHEMA = 'pelita.report/1';
/** Per cell: far above any month's count for one orgUnit, low enough that sums stay exact integers. */
export const MAX_VALUE = 10_000_000;
/** Cells per report: every combination of every indicator's breakdowns fits (about 9,600). */
export const MAX_CELLS = 10_000;

/** `YYYY-MM`, years 2000–2099, a real month. */
export const PERIOD_PATTERN = /^20\d{2}-(0[1-9]|1[0-2])$/;
/** A location code (ISO 3166-2, DHIS2 codes): letters, digits, `-_.`; never `.` or `..` alone. */
export const ORG_UNIT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/;
/** C0/C1 control characters and the bidi overrides that can disguise a label in a log or a list. */
function hasControlChars(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (
      c < 0x20 ||
      (c >= 0x7f && c <= 0x9f) ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069)
    ) {
      return true;
    }
  }
  return false;
}

export const period = z.string('errors.month').check(z.regex(PERIOD_PATTERN, 'errors.month'));
export const orgUnit = z.string('errors.orgUnit').check(z.regex(ORG_UNIT_PATTERN, 'errors.orgUnit'));
export const indicator = z.enum(INDICATOR_CODES, 'errors.unknownIndicator');

const disaggregationShape = Object.fromEntries(
  DISAGGREGATION_KEYS.map((key) => [
    key,
    z.optional(z.enum(DISAGGREGATIONS[key] as readonly string[], 'errors.breakdownValue')),
  ]),
) as { [K in DisaggregationKey]: z.ZodMiniOptional<z.ZodMiniEnum<{ [V in string]: V }>> };
export const disaggregation = z.strictObject(disaggregationShape, 'errors.unknownBreakdown');
export type Disaggregation = Partial<Record<DisaggregationKey, string>>;

/** The breakdowns each indicator may carry: its catalog `by`, the keys the tally writes for it. */
export const BREAKDOWNS = Object.fromEntries(INDICATORS.map((d) => [d.code, d.by])) as Record<
  IndicatorCode,
  readonly DisaggregationKey[]
>;

export const cell = z
  .strictObject(
    {
      indicator,
      disaggregation,
      value: z
        .int('errors.wholeNumber')
        .check(z.minimum(0, 'errors.notNegative'), z.maximum(MAX_VALUE, 'errors.tooLarge')),
    },
    'errors.unknownField',
  )
  .check(
    // A known key on the wrong indicator (children identified "by activity kind") would be stored as a cell
    // no screen, export or DHIS2 mapping can place. Checked per cell so every such key is listed at once.
    z.superRefine((c, ctx) => {
      const allowed: readonly DisaggregationKey[] | undefined = BREAKDOWNS[c.indicator];
      if (!allowed) return; // an unknown indicator already has its own issue
      for (const key of Object.keys(c.disaggregation) as DisaggregationKey[]) {
        if (!allowed.includes(key)) {
          ctx.addIssue({
            code: 'custom',
            path: ['disaggregation', key],
            message: 'errors.protocol.breakdownNotForIndicator',
            input: c.disaggregation[key],
          });
        }
      }
    }),
  );
export type Cell = {
  indicator: (typeof INDICATOR_CODES)[number];
  disaggregation: Disaggregation;
  value: number;
};

/** One string per (indicator, breakdown), the breakdown keys in catalog order: equal cells give equal keys. */
export function canonicalDisaggregation(d: Disaggregation): string {
  const ordered: Disaggregation = {};
  for (const key of DISAGGREGATION_KEYS) if (d[key] !== undefined) ordered[key] = d[key];
  return JSON.stringify(ordered);
}
/** A cheap identity for duplicate checks (codes never contain `|` or `=`). */
export function cellKey(c: Pick<Cell, 'indicator' | 'disaggregation'>): string {
  let key = c.indicator;
  for (const k of DISAGGREGATION_KEYS)
    if (c.disaggregation[k] !== undefined) key += `|${k}=${c.disaggregation[k]}`;
  return key;
}

const values = z.array(cell, 'errors.reportValues').check(
  z.maxLength(MAX_CELLS, 'errors.tooManyCounts'),
  // Two cells for the same breakdown would make "replace everything" ambiguous: which one is the count?
  z.superRefine((cells, ctx) => {
    const seen = new Set<string>();
    cells.forEach((c, i) => {
      const key = cellKey(c);
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path: [i], message: 'errors.duplicateCount', input: c });
      }
      seen.add(key);
    });
  }),
);

export const reportBody = z.strictObject(
  {
    schema: z.literal(REPORT_SCHEMA, 'errors.reportFormat'),
    revision: z
      .int('errors.wholeNumber')
      .check(z.minimum(1, 'errors.revision'), z.maximum(Number.MAX_SAFE_INTEGER, 'errors.wholeNumber')),
    generatedAt: z.iso.datetime({ offset: true, error: 'errors.reportTimestamp' }),
    values,
  },
  'errors.unknownField',
);
export type ReportBody = z.infer<typeof reportBody>;

export const reportParams = z.object({
  deviceId: z.string(),
  period,
  orgUnit,
});

export const tallyQuery = z.object({ period, orgUnit });

const label = z.string('errors.required').check(
  z.trim(),
  z.minLength(1, 'errors.required'),
  z.maxLength(100, 'errors.tooLong'),
  z.refine((s) => !hasControlChars(s), 'errors.controlChars'),
);
/** The installation's identity (SPEC §6 "One identity per installation"): a UUID, made once per install. */
export const INSTALL_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Its key: 32 random bytes as base64url without padding (43 characters). */
export const INSTALL_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const installId = z.string('errors.required').check(z.regex(INSTALL_ID_PATTERN, 'errors.id'));
export const installKey = z.string('errors.required').check(z.regex(INSTALL_KEY_PATTERN, 'errors.id'));

export const enrolmentBody = z
  .strictObject(
    {
      enrolmentCode: z
        .string('errors.required')
        .check(z.minLength(1, 'errors.required'), z.maxLength(200, 'errors.tooLong')),
      label,
      // Optional only for apps older than the identity: such an enrolment is always a new device.
      installId: z.optional(installId),
      installKey: z.optional(installKey),
    },
    'errors.unknownField',
  )
  .check(
    z.superRefine((b, ctx) => {
      // One without the other could never be matched again: refuse it rather than store half an identity.
      if ((b.installId === undefined) !== (b.installKey === undefined)) {
        const missing = b.installId === undefined ? 'installId' : 'installKey';
        ctx.addIssue({ code: 'custom', path: [missing], message: 'errors.required', input: undefined });
      }
    }),
  );
export type EnrolmentBody = z.infer<typeof enrolmentBody>;

/** POST /api/v1/devices/{deviceId}/absorb: take over another installation (its backup was restored here). */
export const absorbBody = z.strictObject({ installId, installKey }, 'errors.unknownField');

/** PUT /api/v1/devices/{deviceId}/status, at the end of every sync run ("Heard from"). */
export const statusBody = z.strictObject(
  {
    appVersion: z.string('errors.required').check(
      z.minLength(1, 'errors.required'),
      z.maxLength(50, 'errors.tooLong'),
      z.refine((s) => !hasControlChars(s), 'errors.controlChars'),
    ),
    pending: z.int('errors.wholeNumber').check(z.minimum(0, 'errors.notNegative'), z.maximum(1_000_000)),
    oldestPendingPeriod: z.nullable(period),
    syncedAt: z.iso.datetime({ offset: true, error: 'errors.reportTimestamp' }),
  },
  'errors.unknownField',
);
export type StatusBody = z.infer<typeof statusBody>;

/** `GET /api/v1/tallies`: one location, and with `children=true` one roll-up per direct child as well. */
export const tallyQueryFull = z.object({
  period,
  orgUnit,
  children: z.optional(z.enum(['true', 'false'], 'errors.unknownField')),
});

// Answers, so the app checks what comes back from a server it does not control (STYLE: zod at every edge).
export const enrolmentResponse = z.object({
  deviceId: z.string(),
  token: z.string(),
  /** The root of the subtree this device may write and read; null: every location. */
  scope: z.nullable(z.string()),
  /** True when the server holds none of this device's reports: the device must send every month again. */
  resend: z.boolean(),
  /** The deployment settings' version now (GET /api/v1/config). */
  configVersion: z.number(),
});
export type EnrolmentResponse = z.infer<typeof enrolmentResponse>;
export const absorbResponse = z.object({
  /** The device id that was taken over, or null when the installation never enrolled here. */
  absorbed: z.nullable(z.string()),
});
export const statusResponse = z.object({ status: z.literal('recorded'), heardAt: z.string() });

/** The counting thresholds a deployment may set (cases/classify.ts ClassificationSettings). */
export const thresholds = z.strictObject(
  {
    hazardousHours: z.int().check(z.minimum(1), z.maximum(168)),
    lightWorkAge: z.int().check(z.minimum(5), z.maximum(17)),
    minimumAge: z.int().check(z.minimum(5), z.maximum(18)),
    belowLightWorkAgeHours: z.int().check(z.minimum(1), z.maximum(168)),
    lightWorkHours: z.int().check(z.minimum(1), z.maximum(168)),
    choreHours: z.int().check(z.minimum(1), z.maximum(168)),
  },
  'errors.unknownField',
);
export type Thresholds = z.infer<typeof thresholds>;

export const locationEntry = z.object({
  code: z.string(),
  name: z.string(),
  parent: z.nullable(z.string()),
  iso: z.optional(z.string()),
});
/** GET /api/v1/config (ETag `"<version>"`; `If-None-Match` gives 304). Null: the server does not set it. */
export const configResponse = z.object({
  version: z.int(),
  homeCountry: z.nullable(z.string()),
  locations: z.array(locationEntry),
  thresholds: z.nullable(thresholds),
  /** A DHIS2 mapping file (export/dhis2.ts checks it), or null for the app's own. */
  dhis2Mapping: z.nullable(z.record(z.string(), z.unknown())),
});
export type ConfigResponse = z.infer<typeof configResponse>;
export const reportResponse = z.object({
  status: z.enum(['stored', 'unchanged']),
  revision: z.number(),
});
export const staleResponse = z.object({ error: z.literal('stale_revision'), currentRevision: z.number() });
export const tallyResponse = z.object({
  period: z.string(),
  orgUnit: z.string(),
  devices: z.number(),
  values: z.array(
    z.object({ indicator: z.string(), disaggregation: z.record(z.string(), z.string()), value: z.number() }),
  ),
});
export type TallyResponse = z.infer<typeof tallyResponse>;
const tallyPart = z.object({
  orgUnit: z.string(),
  devices: z.number(),
  values: tallyResponse.shape.values,
});
/** With `children=true`: the same, plus one roll-up per direct child of the location. */
export const tallyWithChildrenResponse = z.object({
  ...tallyResponse.shape,
  children: z.optional(z.array(tallyPart)),
});

/** The error codes of the protocol (docs/protocol.md lists when each is sent). */
export const ERROR_CODES = [
  'invalid_body',
  'invalid_json',
  'invalid_path',
  'invalid_query',
  'body_too_large',
  'unsupported_media_type',
  'unauthorized',
  'rate_limited',
  'wrong_device',
  'wrong_enrolment_code',
  'enrolment_disabled',
  'enrolment_code_expired',
  'enrolment_code_used_up',
  'install_conflict',
  'install_absorbed',
  'out_of_scope',
  'unknown_org_unit',
  'stale_revision',
  'too_many_pairs',
  'not_found',
  'invalid_locations',
  'locations_in_use',
  'cannot_absorb_self',
  'store_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
/** Every non-2xx answer: `error` is a stable code; a 400 also lists each problem. */
export const errorResponse = z.object({
  error: z.string(),
  /** With `stale_revision`: the revision the server holds. */
  currentRevision: z.optional(z.number()),
  /** With `rate_limited`: seconds to wait (also in `Retry-After`). */
  retryAfter: z.optional(z.number()),
  /** With some refusals (`enrolment_disabled`, `unknown_org_unit`): words for a person. */
  reason: z.optional(z.string()),
  issues: z.optional(
    z.array(
      z.object({ path: z.array(z.union([z.string(), z.number()])), code: z.string(), message: z.string() }),
    ),
  ),
});
export type ErrorResponse = z.infer<typeof errorResponse>;
