// The wire format's pieces on their own: codes, canonical breakdowns, and the rate limiter and config that
// decide what the server lets through.
import { describe, expect, it } from 'vitest';
import { DEV_ENROLMENT_CODE, loadConfig } from '../../server/config';
import { createLimiter } from '../../server/rate-limit';
import {
  canonicalDisaggregation,
  cellKey,
  ORG_UNIT_PATTERN,
  PERIOD_PATTERN,
  reportBody,
} from '../../src/sync/protocol';

describe('protocol', () => {
  it('accepts the example report of SPEC §6', () => {
    const example = {
      schema: 'pelita.report/1',
      revision: 7,
      generatedAt: '2026-02-03T08:00:00Z',
      values: [
        { indicator: 'CHILDREN_IDENTIFIED', disaggregation: { sex: 'female', ageBand: '12-14' }, value: 3 },
      ],
    };
    expect(reportBody.parse(example)).toEqual(example);
  });

  it('writes a breakdown the same way whatever the order of its keys', () => {
    expect(canonicalDisaggregation({ ageBand: '12-14', sex: 'female' })).toBe(
      '{"sex":"female","ageBand":"12-14"}',
    );
    expect(cellKey({ indicator: 'INSPECTIONS', disaggregation: { sector: 'A', hardToReach: 'no' } })).toBe(
      cellKey({ indicator: 'INSPECTIONS', disaggregation: { hardToReach: 'no', sector: 'A' } }),
    );
  });

  it.each(['2026-01', '2000-12', '2099-09'])('takes %s as a period', (p) =>
    expect(PERIOD_PATTERN.test(p)).toBe(true),
  );
  it.each(['2026-13', '2026-00', '26-01', '2026-01-01', '2026/01', ' 2026-01', '2026-01\n'])(
    'refuses %j as a period',
    (p) => expect(PERIOD_PATTERN.test(p)).toBe(false),
  );
  it.each(['KH', 'KH-12', 'ou_123.a', 'Ab9'])('takes %s as an orgUnit', (o) =>
    expect(ORG_UNIT_PATTERN.test(o)).toBe(true),
  );
  it.each(['', '.', '..', '-KH', 'KH 12', 'KH/12', 'x'.repeat(51), 'KH-12\n'])(
    'refuses %j as an orgUnit',
    (o) => expect(ORG_UNIT_PATTERN.test(o)).toBe(false),
  );
});

describe('rate limiter', () => {
  it('lets a burst through, then one request per refill, per key', () => {
    let now = 0;
    const limit = createLimiter({ perSecond: 2, burst: 3 }, () => now);
    expect([1, 2, 3, 4].map(() => limit.take('a').ok)).toEqual([true, true, true, false]);
    expect(limit.take('a')).toEqual({ ok: false, retryAfter: 1 });
    expect(limit.take('b').ok).toBe(true);
    now = 500;
    expect(limit.take('a').ok).toBe(true);
    expect(limit.take('a').ok).toBe(false);
    now = 10_000;
    expect([1, 2, 3, 4].map(() => limit.take('a').ok)).toEqual([true, true, true, false]);
  });

  it('does not grow without bound under a flood of new keys', () => {
    let now = 0;
    const limit = createLimiter({ perSecond: 1, burst: 1 }, () => now);
    for (let i = 0; i < 25_000; i++) {
      limit.take(`ip-${i}`);
      now += 1;
    }
    expect(limit.size).toBeLessThanOrEqual(10_001);
  });
});

describe('config', () => {
  it('defaults to the documented values', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      dbPath: '.data/pelita.sqlite',
      enrolmentCode: DEV_ENROLMENT_CODE,
      adminToken: null,
      corsOrigins: [],
      bodyLimit: 1024 * 1024,
      deviceRate: { perSecond: 20, burst: 40 },
    });
  });

  it('has no enrolment code in production unless one is set', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).enrolmentCode).toBeNull();
    expect(loadConfig({ NODE_ENV: 'production', PELITA_ENROLMENT_CODE: 'k7' }).enrolmentCode).toBe('k7');
  });

  it('reads the lists and numbers, and refuses nonsense', () => {
    const c = loadConfig({ PELITA_CORS_ORIGINS: 'https://a.org/, https://b.org', PELITA_RATE_PER_S: '500' });
    expect(c.corsOrigins).toEqual(['https://a.org', 'https://b.org']);
    expect(c.deviceRate.perSecond).toBe(500);
    expect(() => loadConfig({ PELITA_RATE_BURST: 'lots' })).toThrow(/PELITA_RATE_BURST/);
  });
});
