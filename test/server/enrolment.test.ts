// POST /api/v1/devices: the enrolment code opens the door once per device; the token comes back once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CODE, postJson, type Running, startServer } from './helpers';

let s: Running;
afterEach(() => s.close());

describe('enrolment', () => {
  describe('with a code configured', () => {
    beforeEach(async () => {
      s = await startServer();
    });

    it('enrols a device: 201 with an id and a 32-byte base64url token, stored only as a hash', async () => {
      const res = await postJson(`${s.url}/api/v1/devices`, { enrolmentCode: CODE, label: 'Tablet Kampot' });
      expect(res.status).toBe(201);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const { deviceId, token } = (await res.json()) as { deviceId: string; token: string };
      expect(deviceId).toMatch(/^[0-9a-f-]{36}$/);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);

      const rows = await s.query('SELECT * FROM devices');
      expect(rows).toHaveLength(1);
      expect(rows[0]!.label).toBe('Tablet Kampot');
      // Nowhere in the row is the token itself.
      expect(
        JSON.stringify(rows[0], (_k, v) => (Buffer.isBuffer(v) ? v.toString('base64url') : v)),
      ).not.toContain(token);
    });

    it('gives two devices different ids and tokens', async () => {
      const a = await (await postJson(`${s.url}/api/v1/devices`, { enrolmentCode: CODE, label: 'A' })).json();
      const b = await (await postJson(`${s.url}/api/v1/devices`, { enrolmentCode: CODE, label: 'B' })).json();
      expect(a.deviceId).not.toBe(b.deviceId);
      expect(a.token).not.toBe(b.token);
    });

    it('refuses a wrong code with 403', async () => {
      const res = await postJson(`${s.url}/api/v1/devices`, { enrolmentCode: `${CODE}x`, label: 'Tablet' });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'wrong_enrolment_code' });
    });

    it.each([
      ['no label', { enrolmentCode: CODE }, ['label']],
      ['no code', { label: 'Tablet' }, ['enrolmentCode']],
      ['an empty label', { enrolmentCode: CODE, label: '   ' }, ['label']],
      ['a label of 10,000 characters', { enrolmentCode: CODE, label: 'x'.repeat(10_000) }, ['label']],
      ['control characters in the label', { enrolmentCode: CODE, label: 'Tab\u0000let\u202e' }, ['label']],
      ['an unknown field', { enrolmentCode: CODE, label: 'Tablet', admin: true }, ['admin']],
    ])('refuses %s with 400 and the path of the problem', async (_name, body, path) => {
      const res = await postJson(`${s.url}/api/v1/devices`, body);
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { error: string; issues: { path: unknown[]; message: string }[] };
      expect(answer.error).toBe('invalid_body');
      expect(answer.issues.map((i) => i.path)).toContainEqual(path);
      expect(answer.issues.every((i) => i.message.startsWith('errors.'))).toBe(true);
    });

    it('refuses malformed JSON with 400 invalid_json', async () => {
      const res = await postJson(`${s.url}/api/v1/devices`, '{"enrolmentCode": "x", ');
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'invalid_json' });
    });

    it('stores a hostile label as plain text', async () => {
      const label = "Robert'); DROP TABLE devices;--";
      const res = await postJson(`${s.url}/api/v1/devices`, { enrolmentCode: CODE, label });
      expect(res.status).toBe(201);
      expect((await s.query('SELECT label FROM devices')).map((r) => r.label)).toEqual([label]);
    });
  });

  it('refuses every enrolment with 403 and a reason when no code is configured', async () => {
    s = await startServer({ enrolmentCode: null });
    const res = await postJson(`${s.url}/api/v1/devices`, { enrolmentCode: 'anything', label: 'Tablet' });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: string; reason: string };
    expect(body.error).toBe('enrolment_disabled');
    expect(body.reason).toContain('PELITA_ENROLMENT_CODE');
  });

  it('limits enrolment attempts per client address with 429 and Retry-After', async () => {
    s = await startServer({ enrolRate: { perSecond: 1 / 60, burst: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await postJson(`${s.url}/api/v1/devices`, { enrolmentCode: 'guess', label: 'x' })).status,
      );
    }
    expect(statuses).toEqual([403, 403, 403, 429]);
    const res = await postJson(`${s.url}/api/v1/devices`, { enrolmentCode: CODE, label: 'x' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
