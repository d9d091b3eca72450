// A part of a long form that a person can fold away, its title saying how far it is filled in ("3 of 5").
// Open to start with. The count is read from the questions the section shows (those marked required with
// "*"), so it follows rows added and removed, and questions that appear with an answer, without a list kept
// by hand. A refused Save opens the sections holding errors (FormShell).
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatNumber, type TKey, t } from '../../i18n/i18n';

/** Required questions in `root` and how many have an answer. */
function progressIn(root: HTMLElement): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const mark of root.querySelectorAll(
    'label > span[aria-hidden="true"], legend > span[aria-hidden="true"]',
  )) {
    if (mark.textContent?.trim() !== '*') continue;
    const owner = mark.parentElement!;
    total++;
    if (owner.tagName === 'LEGEND') {
      if (owner.parentElement?.querySelector('input:checked')) done++;
      continue;
    }
    const id = (owner as HTMLLabelElement).htmlFor;
    const control = id ? document.getElementById(id) : null;
    if (control && 'value' in control && String((control as HTMLInputElement).value).trim() !== '') done++;
  }
  return { done, total };
}

export function Section({ title, children }: { title: TKey; children: ComponentChildren }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  // After every render: answers change the count. Set only when it changed, so this settles at once.
  useLayoutEffect(() => {
    if (!ref.current) return;
    const next = progressIn(ref.current);
    if (next.done !== progress.done || next.total !== progress.total) setProgress(next);
  });
  const complete = progress.total > 0 && progress.done === progress.total;
  return (
    <details class="form-section" open ref={ref}>
      <summary>
        <span class="section-title">{t(title)}</span>{' '}
        {progress.total > 0 && (
          <span class={complete ? 'section-progress done' : 'section-progress'}>
            {t('form.progress', { done: formatNumber(progress.done), total: formatNumber(progress.total) })}
          </span>
        )}
      </summary>
      {children}
    </details>
  );
}
