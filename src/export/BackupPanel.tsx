import { useState } from 'preact/hooks';
import { PelitaError } from '../app/errors';
import { formatNumber, t } from '../i18n/i18n';
import { settings } from '../settings/repo';
import { download } from '../ui/download';
import { showToast } from '../ui/toast';
import { type BackupProblem, backupFilename, buildBackup, parseBackup } from './backup';
import { readAllRecords, restoreRecords } from './repo';

function Problem({ p }: { p: BackupProblem }) {
  const where = p.table
    ? t('backup.where', {
        table: t(`nav.${p.table}`),
        number: String((p.index ?? 0) + 1),
        field: p.field || '—',
      })
    : '';
  return (
    <li>
      {where && <strong>{where}: </strong>}
      {t(p.reason)}
    </li>
  );
}

/** Backup to a file and restore from one (Settings). A bad file is refused whole and changes nothing. */
export function BackupPanel() {
  const [problems, setProblems] = useState<BackupProblem[] | null>(null);
  const [busy, setBusy] = useState(false);

  const exportBackup = async () => {
    const records = await readAllRecords();
    const text = buildBackup(records, settings.value.deviceLabel);
    download(new Blob([text], { type: 'application/json' }), backupFilename());
  };

  const restore = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setProblems(null);
    try {
      const parsed = parseBackup(await file.text());
      if (!parsed.ok) {
        setProblems(parsed.problems);
        return;
      }
      const r = await restoreRecords(parsed.file.records);
      showToast(
        t('backup.restored', {
          added: formatNumber(r.added),
          updated: formatNumber(r.updated),
          unchanged: formatNumber(r.unchanged),
        }),
        'success',
      );
    } catch (err) {
      setProblems([{ reason: err instanceof PelitaError ? err.code : 'errors.unexpected' }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="backup-h">
      <h2 id="backup-h">{t('backup.title')}</h2>
      <p class="hint">{t('backup.intro')}</p>
      <div class="actions">
        <button type="button" onClick={() => void exportBackup()}>
          {t('backup.export')}
        </button>
      </div>
      <label for="restore-file">{t('backup.restore')}</label>
      <p class="hint" id="restore-hint">
        {t('backup.restoreHint')}
      </p>
      <input
        id="restore-file"
        type="file"
        accept=".json,application/json"
        aria-describedby="restore-hint"
        disabled={busy}
        onChange={(e) => {
          const input = e.currentTarget;
          void restore(input.files?.[0]).then(() => {
            input.value = '';
          });
        }}
      />
      <div role="alert">
        {problems && (
          <div class="warning">
            <p>{t('backup.refused')}</p>
            <ul>
              {problems.map((p) => (
                <Problem key={`${p.table}-${p.index}-${p.reason}`} p={p} />
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}
