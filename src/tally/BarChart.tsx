// A horizontal bar chart in plain HTML and CSS: no chart library (the JavaScript budget is tight), text labels
// that wrap and translate like any other text, and a figure named by its caption. Each bar is a thick border,
// not a background, so it prints without "background graphics" and stays visible in forced-colours mode;
// the print stylesheet makes it black, so it reads on a black-and-white printer. On the person's own screen
// every bar shows its true number, a bar a shared copy hides marked; on paper (with small numbers hidden for
// sharing) such a bar is not drawn, only its mark: a bar's length would give the number away, and the paper's
// longest bar is measured among the shown ones only (`--w-shared`), for the same reason.
import { Num, sharedText } from './IndicatorTable';
import type { Count } from './report-model';

export interface Bar {
  key: string;
  label: string;
  n: Count;
}

const width = (n: number, max: number) => (n > 0 ? `max(2px, ${((n / max) * 100).toFixed(1)}%)` : '0');

export function BarChart({ id, caption, bars }: { id: string; caption: string; bars: readonly Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.n.n));
  const maxShared = Math.max(1, ...bars.map((b) => (sharedText(b.n) === null ? b.n.n : 0)));
  return (
    <figure class="bar-chart" aria-labelledby={`${id}-fc`}>
      <figcaption id={`${id}-fc`}>{caption}</figcaption>
      <ul>
        {bars.map((b) => {
          const hidden = sharedText(b.n) !== null;
          const style = { '--w': width(b.n.n, max), '--w-shared': hidden ? '0' : width(b.n.n, maxShared) };
          return (
            <li key={b.key} class={hidden ? 'bar-would-hide' : undefined}>
              <span class="bar-label">{b.label}</span>
              <span class="bar-track">
                <span class="bar" style={style} />
                <Num tag="span" class="bar-value" c={b.n} />
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
