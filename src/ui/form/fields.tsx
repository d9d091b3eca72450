// Form controls bound to a RecordForm by path. Each has a visible label, its hint and error tied to it with
// aria-describedby, aria-invalid when wrong, and the error in words that say how to fix it.
import type { ComponentChildren } from 'preact';
import { type CodeList, type CodeOf, codeLabel, type TKey, t } from '../../i18n/i18n';
import type { RecordForm } from './useRecordForm';

type Base = {
  form: RecordForm<unknown> | RecordForm<never>;
  path: string;
  /** Translation key of the label. */
  label: TKey;
  /** Translation key of a hint under the label. */
  hint?: TKey;
  required?: boolean;
};

const idOf = (path: string) => `f-${path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
// The form is generic; controls only read and write by path.
const anyForm = (f: Base['form']) => f as unknown as RecordForm<unknown>;

function Described({ path, hint, error }: { path: string; hint?: TKey; error?: TKey }) {
  return (
    <>
      {hint && (
        <p class="hint" id={`${idOf(path)}-hint`}>
          {t(hint)}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${idOf(path)}-error`}>
          {t(error)}
        </p>
      )}
    </>
  );
}

function describedBy(path: string, hint?: string, error?: string) {
  const ids = [hint && `${idOf(path)}-hint`, error && `${idOf(path)}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Label({ path, label, required }: { path: string; label: TKey; required?: boolean | undefined }) {
  return (
    <label for={idOf(path)}>
      {t(label)}
      {required && <span aria-hidden="true"> *</span>}
    </label>
  );
}

export function TextField(
  props: Base & { multiline?: boolean; maxLength?: number; autoComplete?: string; type?: string },
) {
  const form = anyForm(props.form);
  const { path, label, hint, required } = props;
  const error = form.error(path);
  const common = {
    id: idOf(path),
    value: (form.get(path) as string | undefined) ?? '',
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(path, hint, error),
    required,
    maxLength: props.maxLength,
    onBlur: () => form.touch(path),
  };
  return (
    <div class="field">
      <Label path={path} label={label} required={required} />
      <Described path={path} hint={hint} error={error} />
      {props.multiline ? (
        <textarea
          {...common}
          rows={4}
          // Without it Chromium keeps the typed text in its session-restore files (Sessions/Session_*,
          // Tabs_*), in the clear and passphrase or not (test/e2e/profile-leaks.test.ts).
          autoComplete="off"
          onInput={(e) => form.set(path, e.currentTarget.value || undefined)}
        />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          autoComplete={props.autoComplete ?? 'off'}
          onInput={(e) =>
            form.set(path, e.currentTarget.value === '' && !required ? undefined : e.currentTarget.value)
          }
        />
      )}
    </div>
  );
}

export function DateField(props: Base & { min?: string; max?: string }) {
  const form = anyForm(props.form);
  const { path, label, hint, required } = props;
  const error = form.error(path);
  return (
    <div class="field">
      <Label path={path} label={label} required={required} />
      <Described path={path} hint={hint} error={error} />
      <input
        id={idOf(path)}
        type="date"
        value={(form.get(path) as string | undefined) ?? ''}
        min={props.min}
        max={props.max}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(path, hint, error)}
        required={required}
        onInput={(e) => form.set(path, e.currentTarget.value || (required ? '' : undefined))}
        onBlur={() => form.touch(path)}
      />
    </div>
  );
}

/** A number; empty is `emptyAs` (undefined or null: "not known"). Typed text that is not a number stays visible. */
export function NumberField(
  props: Base & { min?: number; max?: number; step?: number | 'any'; emptyAs?: null | undefined },
) {
  const form = anyForm(props.form);
  const { path, label, hint, required } = props;
  const error = form.error(path);
  const v = form.get(path);
  return (
    <div class="field">
      <Label path={path} label={label} required={required} />
      <Described path={path} hint={hint} error={error} />
      <input
        id={idOf(path)}
        type="number"
        inputMode={props.step === 'any' ? 'decimal' : 'numeric'}
        value={v === undefined || v === null ? '' : String(v)}
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(path, hint, error)}
        onInput={(e) => {
          const raw = e.currentTarget.value;
          form.set(path, raw === '' ? props.emptyAs : Number(raw));
        }}
        onBlur={() => form.touch(path)}
      />
    </div>
  );
}

/** One choice from a code list; labels are `codes.<list>.<code>`. */
export function SelectField<L extends CodeList>(
  props: Base & {
    list: L;
    options: readonly CodeOf<L>[];
    placeholder?: boolean;
    onChange?: (v: string) => void;
  },
) {
  const form = anyForm(props.form);
  const { path, label, hint, required } = props;
  const error = form.error(path);
  return (
    <div class="field">
      <Label path={path} label={label} required={required} />
      <Described path={path} hint={hint} error={error} />
      <select
        id={idOf(path)}
        value={(form.get(path) as string | undefined) ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(path, hint, error)}
        required={required}
        onChange={(e) => {
          const v = e.currentTarget.value;
          form.set(path, v === '' ? undefined : v);
          form.touch(path);
          props.onChange?.(v);
        }}
      >
        {(props.placeholder ?? true) && <option value="">{t('form.choose')}</option>}
        {props.options.map((o) => (
          <option key={o} value={o}>
            {codeLabel(props.list, o)}
          </option>
        ))}
      </select>
    </div>
  );
}

function Group({
  path,
  label,
  hint,
  error,
  children,
  required,
}: {
  path: string;
  label: TKey;
  hint?: TKey | undefined;
  error?: TKey | undefined;
  children: ComponentChildren;
  required?: boolean | undefined;
}) {
  return (
    <fieldset
      class="field"
      id={idOf(path)}
      aria-describedby={describedBy(path, hint, error)}
      aria-invalid={error ? 'true' : undefined}
    >
      <legend>
        {t(label)}
        {required && <span aria-hidden="true"> *</span>}
      </legend>
      <Described path={path} hint={hint} error={error} />
      {children}
    </fieldset>
  );
}

/** Several choices from a code list (an array of codes). */
export function CheckboxGroup<L extends CodeList>(props: Base & { list: L; options: readonly CodeOf<L>[] }) {
  const form = anyForm(props.form);
  const { path } = props;
  const selected = (form.get(path) as string[] | undefined) ?? [];
  return (
    <Group
      path={path}
      label={props.label}
      hint={props.hint}
      error={form.error(path)}
      required={props.required}
    >
      {props.options.map((o) => (
        <label key={o} class="check">
          <input
            type="checkbox"
            checked={selected.includes(o)}
            onChange={(e) => {
              const next = e.currentTarget.checked ? [...selected, o] : selected.filter((s) => s !== o);
              form.set(
                path,
                props.options.filter((x) => next.includes(x)),
              );
              form.touch(path);
            }}
          />
          {codeLabel(props.list, o)}
        </label>
      ))}
    </Group>
  );
}

/** One choice shown as radio buttons (short lists: yes/no/unknown, sex). */
export function RadioGroup<L extends CodeList>(props: Base & { list: L; options: readonly CodeOf<L>[] }) {
  const form = anyForm(props.form);
  const { path } = props;
  const current = form.get(path) as string | undefined;
  return (
    <Group
      path={path}
      label={props.label}
      hint={props.hint}
      error={form.error(path)}
      required={props.required}
    >
      {props.options.map((o) => (
        <label key={o} class="check">
          <input
            type="radio"
            name={idOf(path)}
            value={o}
            checked={current === o}
            onChange={() => {
              form.set(path, o);
              form.touch(path);
            }}
          />
          {codeLabel(props.list, o)}
        </label>
      ))}
    </Group>
  );
}

/** A yes/no question stored as a boolean. */
export function YesNoField(props: Base) {
  const form = anyForm(props.form);
  const { path } = props;
  const current = form.get(path) as boolean | undefined;
  return (
    <Group
      path={path}
      label={props.label}
      hint={props.hint}
      error={form.error(path)}
      required={props.required}
    >
      {[true, false].map((b) => (
        <label key={String(b)} class="check">
          <input
            type="radio"
            name={idOf(path)}
            checked={current === b}
            onChange={() => {
              form.set(path, b);
              form.touch(path);
            }}
          />
          {t(b ? 'common.yes' : 'common.no')}
        </label>
      ))}
    </Group>
  );
}

/** A single checkbox stored as a boolean. */
export function CheckField(props: Base) {
  const form = anyForm(props.form);
  const { path } = props;
  return (
    <div class="field">
      <label class="check" for={idOf(path)}>
        <input
          id={idOf(path)}
          type="checkbox"
          checked={form.get(path) === true}
          onChange={(e) => form.set(path, e.currentTarget.checked)}
        />
        {t(props.label)}
      </label>
    </div>
  );
}
