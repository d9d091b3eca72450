// SPEC §11's size budgets, checked on every `npm test` (sizes are deterministic, unlike timings, which stay in
// `npm run bench`): the production build's JavaScript, gzip, for the first screen and for the whole app.
import { expect, it } from 'vitest';
import benchSize from '../../bench/size';
import { describeInChromium } from '../helpers/browser';

describeInChromium('JavaScript size budgets (SPEC §11)', () => {
  it('the first screen and the whole app stay within their gzip budgets', async () => {
    const rows = await benchSize();
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row, `${row.what}: ${row.value} ${row.unit}, budget ${row.budget}`).toMatchObject({ ok: true });
  });
});
