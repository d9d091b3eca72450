// The place and the months a page is about: a location of the account's subtree (indented by level) and a
// month, or a range of months. Changes go to the shared selection, so every page keeps them.
import { type ConsoleKey, t } from './i18n';
import { pickerOptions, roots, selection, tree } from './state';

export function LocationSelect({ id }: { id: string }) {
  const tr = tree.value;
  if (!tr) return null;
  return (
    <div class="field">
      <label for={id}>{t('console.location')}</label>
      <select
        id={id}
        value={selection.value.orgUnit}
        onChange={(e) => {
          selection.value = { ...selection.value, orgUnit: e.currentTarget.value };
        }}
      >
        {pickerOptions(tr, roots.value).map((o) => (
          <option key={o.code} value={o.code}>
            {`${'\u00a0\u00a0\u00a0'.repeat(o.depth)}${o.name}`}
          </option>
        ))}
      </select>
    </div>
  );
}

export function MonthInput({ id, label, which }: { id: string; label: ConsoleKey; which: 'from' | 'to' }) {
  return (
    <div class="field">
      <label for={id}>{t(label)}</label>
      <input
        id={id}
        type="month"
        required
        value={selection.value[which]}
        onInput={(e) => {
          const v = e.currentTarget.value;
          if (!/^\d{4}-\d{2}$/.test(v)) return;
          const next = { ...selection.value, [which]: v };
          // A range never runs backwards: moving one end past the other moves both.
          if (next.from > next.to) {
            if (which === 'from') next.to = v;
            else next.from = v;
          }
          selection.value = next;
        }}
      />
    </div>
  );
}
