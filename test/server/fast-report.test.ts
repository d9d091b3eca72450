// The fast report check never accepts what the protocol's zod schema refuses, and accepts the reports the app
// really sends (so it is the path they take). Thousands of seeded mutations of valid reports.
import { describe, expect, it } from 'vitest';
import { fastReport } from '../../server/fast-report';
import { BREAKDOWNS, REPORT_SCHEMA, reportBody } from '../../src/sync/protocol';
import { DISAGGREGATIONS, INDICATOR_CODES } from '../../src/tally/indicators';

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = random(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

function validReport() {
  const values: unknown[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < 1 + Math.floor(rnd() * 30); i++) {
    const indicator = pick(INDICATOR_CODES);
    const disaggregation: Record<string, string> = {};
    for (const key of BREAKDOWNS[indicator])
      if (rnd() < 0.6) disaggregation[key] = pick(DISAGGREGATIONS[key]);
    const k = JSON.stringify([indicator, Object.entries(disaggregation).sort()]);
    if (seen.has(k)) continue;
    seen.add(k);
    values.push({ indicator, disaggregation, value: Math.floor(rnd() * 50) });
  }
  return {
    schema: REPORT_SCHEMA,
    revision: 1 + Math.floor(rnd() * 100),
    generatedAt: '2026-02-03T08:00:00Z',
    values,
  };
}

const ODD: unknown[] = [
  null,
  -1,
  1.5,
  '3',
  'x',
  true,
  [],
  {},
  10_000_001,
  Number.MAX_SAFE_INTEGER + 2,
  'female',
];

/** One random change somewhere in the report: a field dropped, added, or given an odd value. */
function mutate(r: ReturnType<typeof validReport>): unknown {
  const copy = structuredClone(r) as Record<string, unknown> & { values: Record<string, unknown>[] };
  const roll = rnd();
  if (roll < 0.15) copy[pick(['schema', 'revision', 'generatedAt', 'values', 'extra'])] = pick(ODD);
  else if (roll < 0.2) delete copy[pick(['schema', 'revision', 'generatedAt', 'values'])];
  else if (copy.values.length) {
    const c = pick(copy.values);
    const where = rnd();
    if (where < 0.3) c[pick(['indicator', 'value', 'disaggregation', 'other'])] = pick(ODD);
    else if (where < 0.4) delete c[pick(['indicator', 'value', 'disaggregation'])];
    else if (where < 0.7) {
      const d = c.disaggregation as Record<string, unknown>;
      d[pick(['sex', 'ageBand', 'sector', 'kind', 'agency', 'nope'])] = pick([...ODD, 'male', '12-14', 'A']);
    } else if (where < 0.85) copy.values.push(structuredClone(c));
    else c.indicator = pick(INDICATOR_CODES);
  }
  return copy;
}

describe('fastReport', () => {
  it('accepts the valid reports zod accepts, with the same data', () => {
    for (let i = 0; i < 1_000; i++) {
      const r = validReport();
      expect(reportBody.safeParse(r).success).toBe(true);
      expect(fastReport(r)).toEqual(reportBody.parse(r));
    }
  });

  // 5,000 zod checks: a few seconds when the machine is busy, so not the default 5 s.
  it('never accepts what zod refuses, over thousands of mutated reports', { timeout: 60_000 }, () => {
    let refusedByZod = 0;
    for (let i = 0; i < 5_000; i++) {
      const m = mutate(validReport());
      const zodOk = reportBody.safeParse(m).success;
      if (!zodOk) {
        refusedByZod++;
        expect(fastReport(m)).toBeNull();
      }
    }
    // The mutations really do produce bad reports, or this test could not fail.
    expect(refusedByZod).toBeGreaterThan(2_000);
  });
});
