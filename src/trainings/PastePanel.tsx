// "Paste participants from a spreadsheet": the trainer pastes the attendance sheet, sees at once how many rows
// are good and what is wrong with the others (line and reason), and adds the good ones in one step. The rows
// that could not be read stay in the box, under their header, to be fixed and added again. A sheet can also
// be opened as a file (CSV, or .xlsx read by ./xlsx.ts, loaded only then). The mapping step shows each word
// of the sheet's coded columns and the code it is taken as (suggested where the app did not know it); the
// trainer's matches are remembered on this device when the rows are added (./paste-mapping.ts).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  type CodeList,
  type CodeOf,
  codeLabel,
  formatNumber,
  keyFromData,
  language,
  loadLanguage,
  t,
} from '../i18n/i18n';
import { newId } from '../lib/ids';
import { useLocations } from '../locations/repo';
import { agencies, sexes } from '../records/codes';
import {
  buildVocabulary,
  type Column,
  locatorOf,
  type PasteProblem,
  type PasteResult,
  parseAttendance,
} from './paste';
import {
  EMPTY_MAPPING,
  loadMapping,
  mappingOf,
  saveMapping,
  type WordMapping,
  type WordRow,
  withMapping,
  wordRows,
} from './paste-mapping';
import { lookupIn } from './paste-words';
import type { Participant } from './schema';

interface Props {
  /** The session's location: rows that do not name theirs start there. */
  sessionOrgUnit: string | undefined;
  onAdd: (rows: Participant[]) => void;
}

/** The current language's translation of a key, or undefined when it has none. */
const current = (key: string) => {
  // The vocabulary probes keys that may not exist (paste-words.ts): a key as data.
  const v = t(keyFromData(key));
  return v === key ? undefined : v;
};

// Only the field × kind pairs paste.ts reports have a string; tsc sees every pair, so this key is data.
const problemKey = (p: PasteProblem) => keyFromData(`trainings.paste.problems.${p.field}_${p.kind}`);
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

/** A coded column's codes and their words; tsc checks the codes against the list's in English. */
const choice = <L extends CodeList>(list: L, codes: readonly CodeOf<L>[]) => ({
  codes: codes as readonly string[],
  label: (c: string) => codeLabel(list, c as CodeOf<L>),
});
const CHOICES: Record<WordRow['column'], { codes: readonly string[]; label: (code: string) => string }> = {
  sex: choice('sexes', sexes),
  agency: choice('agencies', agencies),
  completed: { codes: ['yes', 'no'], label: (c) => t(c === 'yes' ? 'common.yes' : 'common.no') },
};

/** The mapping step: every distinct word of the coded columns, with the code it is taken as. */
function Mapping({ rows, pick }: { rows: WordRow[]; pick: (row: WordRow, code: string) => void }) {
  if (rows.length === 0) return null;
  return (
    <fieldset class="paste-mapping">
      <legend>{t('trainings.paste.mapTitle')}</legend>
      <p class="hint">{t('trainings.paste.mapHint')}</p>
      {(['sex', 'agency', 'completed'] as const).map((column) => {
        const words = rows.filter((r) => r.column === column);
        if (words.length === 0) return null;
        return (
          <div key={column}>
            <h4>{columnName(column)}</h4>
            {words.map((r, i) => {
              const id = `paste-map-${column}-${i}`;
              return (
                <div class="field" key={r.key}>
                  <label for={id}>
                    {t('trainings.paste.word', { word: r.text, n: formatNumber(r.rows) })}
                    {r.suggested && <span class="hint"> · {t('trainings.paste.suggested')}</span>}
                  </label>
                  <select
                    id={id}
                    value={r.code ?? ''}
                    aria-invalid={r.code ? undefined : 'true'}
                    onChange={(e) => pick(r, e.currentTarget.value)}
                  >
                    <option value="">{t('trainings.paste.notMatched')}</option>
                    {CHOICES[column].codes.map((c) => (
                      <option key={c} value={c}>
                        {CHOICES[column].label(c)}
                      </option>
                    ))}
                  </select>
                </div>
              );
            })}
          </div>
        );
      })}
    </fieldset>
  );
}

/** The text of an opened sheet: an .xlsx through the small reader (loaded now), anything else as text. */
async function sheetText(file: File): Promise<string> {
  if (/\.xlsx$/i.test(file.name)) {
    const { readXlsx } = await import('./xlsx');
    return readXlsx(await file.arrayBuffer());
  }
  return file.text();
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
  // The words remembered on this device, and the trainer's matches in this sheet on top.
  const [remembered, setRemembered] = useState<WordMapping>(EMPTY_MAPPING);
  const [picks, setPicks] = useState<WordMapping>(EMPTY_MAPPING);
  const [fileProblem, setFileProblem] = useState(false);
  useEffect(() => {
    void loadMapping().then(setRemembered);
  }, []);
  const mine = useMemo(
    () => ({
      sex: { ...remembered.sex, ...picks.sex },
      agency: { ...remembered.agency, ...picks.agency },
      completed: { ...remembered.completed, ...picks.completed },
    }),
    [remembered, picks],
  );
  const options = locate ? { locate } : {};
  // Read once for the sheet's words, then again with the matches (theirs and the suggestions) applied.
  const first = useMemo(
    () => (text.trim() ? parseAttendance(text, vocab, options) : null),
    [text, vocab, locate],
  );
  const words = useMemo(() => (first ? wordRows(first, vocab, mine) : []), [first, vocab, mine]);
  const matches = useMemo(() => mappingOf(words, mine), [words, mine]);
  const result = useMemo(
    () => (first ? parseAttendance(text, withMapping(vocab, matches), options) : null),
    [first, matches],
  );
  const pick = (row: WordRow, code: string) => {
    const column = { ...picks[row.column] } as Record<string, string>;
    if (code) column[row.key] = code;
    else delete column[row.key];
    setPicks({ ...picks, [row.column]: column });
  };
  const open = async (file: File | undefined) => {
    if (!file) return;
    try {
      setText(await sheetText(file));
      setFileProblem(false);
      setDone(null);
    } catch (err) {
      console.warn(err);
      setFileProblem(true);
    }
  };

  const add = () => {
    if (!result) return;
    // Remembered for the next sheet: the words matched here (a suggestion taken counts as a match).
    setRemembered(matches);
    setPicks(EMPTY_MAPPING);
    void saveMapping(matches).catch(() => undefined);
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
      <div class="field">
        <label for="paste-file">{t('trainings.paste.file')}</label>
        <input
          id="paste-file"
          type="file"
          accept=".csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => void open(e.currentTarget.files?.[0])}
        />
        {fileProblem && <p class="field-error">{t('trainings.paste.fileError')}</p>}
      </div>
      <Mapping rows={words} pick={pick} />
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
