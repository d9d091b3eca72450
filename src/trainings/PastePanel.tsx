// "Paste participants from a spreadsheet": the trainer pastes the attendance sheet, sees at once how many rows
// are good and what is wrong with the others (line and reason), and adds the good ones in one step. The rows
// that could not be read stay in the box, under their header, to be fixed and added again.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatNumber, language, loadLanguage, t } from '../i18n/i18n';
import { useLocations } from '../locations/repo';
import { sexes } from '../records/codes';
import { newId } from '../records/repo-core';
import {
  buildVocabulary,
  type Column,
  locatorOf,
  type PasteProblem,
  type PasteResult,
  parseAttendance,
} from './paste';
import { lookupIn } from './paste-words';
import type { Participant } from './schema';

interface Props {
  /** The session's location: rows that do not name theirs start there. */
  sessionOrgUnit: string | undefined;
  onAdd: (rows: Participant[]) => void;
}

/** The current language's translation of a key, or undefined when it has none. */
const current = (key: string) => {
  const v = t(key);
  return v === key ? undefined : v;
};

const problemKey = (p: PasteProblem) => `trainings.paste.problems.${p.field}_${p.kind}`;
const columnName = (c: Column) => t(`trainings.participant.${c}`);

function Preview({ result }: { result: PasteResult }) {
  const choices = sexes.map((s) => t(`codes.sexes.${s}`)).join(', ');
  return (
    <div class="paste-preview">
      {!result.header && <p class="hint">{t('trainings.paste.noHeader')}</p>}
      {result.missing.map((c) => (
        <p key={c} class="field-error">
          {t('trainings.paste.missingColumn', { column: columnName(c) })}
        </p>
      ))}
      {result.ignored.length > 0 && (
        <p class="hint">{t('trainings.paste.ignored', { columns: result.ignored.join(', ') })}</p>
      )}
      <p>
        <strong>{t('trainings.paste.ready', { n: formatNumber(result.rows.length) })}</strong>
      </p>
      {result.rows.length > 0 && !result.columns.includes('completed') && (
        <p class="hint">{t('trainings.paste.noCompleted')}</p>
      )}
      {result.badLines.length > 0 && (
        <>
          <p>
            <strong>{t('trainings.paste.badRows', { n: formatNumber(result.badLines.length) })}</strong>
          </p>
          <ul class="paste-problems">
            {result.problems.map((p) => (
              <li key={`${p.line}-${p.field}`}>
                {t(problemKey(p), { line: formatNumber(p.line), value: p.value, choices })}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function PastePanel({ sessionOrgUnit, onAdd }: Props) {
  const [text, setText] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [english, setEnglish] = useState<Record<string, unknown> | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const status = useRef<HTMLParagraphElement>(null);

  // English labels are accepted in every language (sheets are often in English): its strings are a chunk of
  // their own, cached by the service worker, loaded only when someone opens this panel.
  useEffect(() => {
    let live = true;
    loadLanguage('en').then(
      (s) => live && setEnglish(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const lang = language.value;
  // `current` reads the language, so the words are built again when it changes.
  const vocab = useMemo(
    () => buildVocabulary([...(english ? [lookupIn(english)] : []), current]),
    [english, lang],
  );
  const tree = useLocations();
  const locate = useMemo(() => (tree ? locatorOf(tree.list) : undefined), [tree]);
  const result = useMemo(
    () => (text.trim() ? parseAttendance(text, vocab, locate ? { locate } : {}) : null),
    [text, vocab, locate],
  );

  const add = () => {
    if (!result) return;
    onAdd(
      result.rows.map((r) => ({
        key: newId(),
        ...(r.name ? { name: r.name } : {}),
        sex: r.sex,
        agency: r.agency,
        ...(r.occupation ? { occupation: r.occupation } : {}),
        orgUnit: r.orgUnit ?? sessionOrgUnit ?? '',
        completed: r.completed ?? false,
      })),
    );
    const added = formatNumber(result.rows.length);
    setText(result.rest);
    setDone(t(result.rest ? 'trainings.paste.addedSomeLeft' : 'trainings.paste.added', { n: added }));
    setTimeout(() => (result.rest ? box.current : status.current)?.focus(), 0);
  };

  const n = result?.rows.length ?? 0;
  return (
    <details class="paste-panel">
      <summary>{t('trainings.paste.open')}</summary>
      <div class="field">
        <label for="paste-attendance">{t('trainings.paste.label')}</label>
        <p class="hint" id="paste-attendance-hint">
          {t('trainings.paste.hint')}
        </p>
        <textarea
          id="paste-attendance"
          ref={box}
          rows={6}
          wrap="off"
          spellcheck={false}
          autoComplete="off"
          aria-describedby="paste-attendance-hint"
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setDone(null);
          }}
        />
      </div>
      <div aria-live="polite">{result && <Preview result={result} />}</div>
      <p role="status" tabIndex={-1} ref={status}>
        {done}
      </p>
      {n > 0 && (
        <div class="actions">
          <button type="button" class="primary" onClick={add}>
            {n === 1 ? t('trainings.paste.addOne') : t('trainings.paste.addMany', { n: formatNumber(n) })}
          </button>
        </div>
      )}
    </details>
  );
}
