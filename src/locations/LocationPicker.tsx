// Picks one location of the active list for a form. A native <select>: it works by keyboard (type the first
// letters to jump), with screen readers and on every phone without a line of widget code. Options are grouped
// by country, the device's home country first; each location sits under its parent, indented; and the path of
// the chosen one ("Cambodia › Phnom Penh") shows under the control. See README.md for the props.
import { useMemo } from 'preact/hooks';
import { type TKey, t } from '../i18n/i18n';
import { settings } from '../settings/repo';
import type { LocationTree, PickerEntry } from './locations';
import { useLocations } from './repo';

export interface LocationPickerProps {
  /** The select's id; the label points at it. */
  id: string;
  /** Translation key of the visible label. */
  label: TKey;
  /** The chosen code, or null/'' for none. */
  value: string | null | undefined;
  /** Called with the chosen code, or null when the person goes back to "Choose…". */
  onChange: (code: string | null) => void;
  /** Translation key of the error to show (the control is then marked invalid). */
  error?: TKey | undefined;
  required?: boolean | undefined;
  /** Translation key of a hint under the label. */
  hint?: TKey | undefined;
  /** Only this location and those below it (e.g. the home country). */
  within?: string | null | undefined;
  onBlur?: (() => void) | undefined;
}

// Non-breaking spaces, because a select collapses ordinary ones; two per level below the group's top.
const indent = (depth: number) => '\u00a0\u00a0'.repeat(Math.max(0, depth - 1)) + (depth > 1 ? '– ' : '');

function Options({ entries }: { entries: PickerEntry[] }) {
  return (
    <>
      {entries.map(({ location, depth }) => (
        <option key={location.code} value={location.code}>
          {depth === 0 ? t('locations.all', { name: location.name }) : indent(depth) + location.name}
        </option>
      ))}
    </>
  );
}

function groupsOf(tree: LocationTree, first: string | null, within: string | null | undefined) {
  return tree.pickerGroups({ first, within: within ?? null });
}

export function LocationPicker(props: LocationPickerProps) {
  const { id, label, value, onChange, error, required, hint, within, onBlur } = props;
  const tree = useLocations();
  const home = settings.value.homeCountry;
  const groups = useMemo(() => (tree ? groupsOf(tree, home, within) : []), [tree, home, within]);
  const code = value || '';
  const known = !code || !tree || groups.some((g) => g.some((e) => e.location.code === code));
  const described = [hint && `${id}-hint`, code && `${id}-path`, error && `${id}-error`]
    .filter(Boolean)
    .join(' ');

  return (
    <div class="field">
      <label for={id}>
        {t(label)}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {t(hint)}
        </p>
      )}
      <select
        id={id}
        value={code}
        disabled={!tree}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
        onChange={(e) => onChange(e.currentTarget.value || null)}
        onBlur={onBlur}
      >
        <option value="">{tree ? t('locations.choose') : t('common.loading')}</option>
        {/* A code the list no longer has (the list was changed) stays visible rather than silently lost. */}
        {!known && <option value={code}>{t('locations.notInList', { code })}</option>}
        {groups.length === 1 ? (
          <Options entries={groups[0]!} />
        ) : (
          groups.map((g) => (
            <optgroup key={g[0]!.location.code} label={g[0]!.location.name}>
              <Options entries={g} />
            </optgroup>
          ))
        )}
      </select>
      {code && (
        <p class="hint" id={`${id}-path`}>
          {tree?.has(code) ? tree.pathOf(code) : code}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {t(error)}
        </p>
      )}
    </div>
  );
}
