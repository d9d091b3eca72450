// A horizontal bar chart in plain HTML and CSS: no chart library (the JavaScript budget is tight), text labels
// that wrap and translate like any other text, and a figure named by its caption. Each bar is a thick border,
// not a background, so it prints without "background graphics" and stays visible in forced-colours mode;
// the print stylesheet makes it black, so it reads on a black-and-white printer. A hidden count (small numbers
// hidden) gets no bar, only its mark and the word "hidden": a bar's length would give the number away, and the
// longest bar is measured among the shown ones only, for the same reason.
import { t } from '../i18n/i18n';
import { countText } from './IndicatorTable';
import type { Count } from './report-model';

export interface Bar {
  key: string;
  label: string;
  n: Count;
}

export function BarChart({ id, caption, bars }: { id: string; caption: string; bars: readonly Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.n.n ?? 0));
  return (
    <figure class="bar-chart" aria-labelledby={`${id}-fc`}>
      <figcaption id={`${id}-fc`}>{caption}</figcaption>
      <ul>
        {bars.map((b) => (
          <li key={b.key}>
            <span class="bar-label">{b.label}</span>
            {b.n.n === null ? (
              <span class="bar-track bar-hidden">
                <span class="bar-value">
                  {b.n.mark} ({t('report.hidden')})
                </span>
              </span>
            ) : (
              <span class="bar-track">
                <span
                  class="bar"
                  style={{ width: b.n.n > 0 ? `max(2px, ${((b.n.n / max) * 100).toFixed(1)}%)` : '0' }}
                />
                <span class="bar-value">{countText(b.n)}</span>
              </span>
            )}
          </li>
        ))}
      </ul>
    </figure>
  );
}
