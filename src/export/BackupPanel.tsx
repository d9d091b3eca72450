import { useState } from 'preact/hooks';
import { formatNumber, t } from '../i18n/i18n';
import { type ErrorCode, PelitaError, toPelitaError } from '../lib/errors';
import { type EncryptedBackup, encryptedEnvelope, openBackup, protectBackup } from '../privacy/backup';
import { vault } from '../privacy/vault';
import { type Installation, installation } from '../settings/installation';
import { settings } from '../settings/repo';
import { download } from '../ui/download';
import { showToast } from '../ui/toast';
import {
  type BackupProblem,
  type BackupRecords,
  backupFilename,
  buildBackup,
  MAX_BACKUP_BYTES,
  parseBackup,
} from './backup';
import { RestoreConfirm } from './RestoreConfirm';
import { planRestore, type RestorePlan, readAllRecords, restoreRecords } from './repo';

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
  // An encrypted file waits here for its passphrase (privacy); nothing is read from it before.
  const [encrypted, setEncrypted] = useState<EncryptedBackup | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [pending, setPending] = useState<{
    records: BackupRecords;
    installation: Installation | undefined;
    plan: RestorePlan;
  } | null>(null);

  // A backup that cannot be made (locked, storage unreadable) says so, never silently.
  const [exportFailed, setExportFailed] = useState<ErrorCode | null>(null);
  const exportBackup = async () => {
    setExportFailed(null);
    try {
      const records = await readAllRecords();
      const text = await protectBackup(
        buildBackup(records, settings.value.deviceLabel, new Date(), await installation()),
      );
      download(new Blob([text], { type: 'application/json' }), backupFilename());
    } catch (err) {
      setExportFailed(toPelitaError(err).code);
    }
  };

  // A good file is not restored at once: what it would add and replace is shown first, to confirm.
  const restoreText = async (text: string) => {
    const parsed = parseBackup(text);
    if (!parsed.ok) {
      setProblems(parsed.problems);
      return;
    }
    setPending({
      records: parsed.file.records,
      installation: parsed.file.installation,
      plan: await planRestore(parsed.file.records),
    });
  };

  const confirmRestore = (records: BackupRecords) =>
    run(async () => {
      const from = pending?.installation;
      setPending(null);
      // Whether this device had records of its own decides: continue as the backup's installation, or absorb it.
      const identity = await import('../sync/restore-identity');
      const before = await identity.beforeRestore();
      const r = await restoreRecords(records);
      await identity.restoreIdentity(from, before);
      showToast(
        t('backup.restored', {
          added: formatNumber(r.added),
          updated: formatNumber(r.updated),
          unchanged: formatNumber(r.unchanged),
        }),
        'success',
      );
    });

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblems(null);
    try {
      await work();
    } catch (err) {
      setProblems([{ reason: err instanceof PelitaError ? err.code : 'errors.unexpected' }]);
    } finally {
      setBusy(false);
    }
  };

  const restore = (file: File | undefined) =>
    run(async () => {
      if (!file) return;
      setEncrypted(null);
      setPending(null);
      // Refused before it is read: a huge file read whole would take the page's memory.
      if (file.size > MAX_BACKUP_BYTES) {
        setProblems([{ reason: 'backup.errors.tooLarge' }]);
        return;
      }
      const text = await file.text();
      const envelope = encryptedEnvelope(text);
      if (envelope) setEncrypted(envelope);
      else await restoreText(text);
    });

  const restoreEncrypted = (file: EncryptedBackup) =>
    run(async () => {
      const text = await openBackup(file, passphrase);
      if (text === null) {
        setPassphrase('');
        setProblems([{ reason: 'privacy.backup.wrong' }]);
        return;
      }
      setEncrypted(null);
      setPassphrase('');
      await restoreText(text);
    });

  return (
    <section aria-labelledby="backup-h">
      <h2 id="backup-h">{t('backup.title')}</h2>
      <p class="hint">{t('backup.intro')}</p>
      {vault.value.status !== 'off' && <p class="hint">{t('privacy.backup.exportEncrypted')}</p>}
      <div class="actions">
        <button type="button" onClick={() => void exportBackup()}>
          {t('backup.export')}
        </button>
      </div>
      {exportFailed && (
        <p class="warning" role="alert">
          {t('backup.exportFailed')} {t(exportFailed)}
        </p>
      )}
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
      {encrypted && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void restoreEncrypted(encrypted);
          }}
        >
          <p class="notice" id="backup-passphrase-hint">
            {t('privacy.backup.encrypted')}
          </p>
          <label for="backup-passphrase">{t('privacy.backup.passphrase')}</label>
          <input
            id="backup-passphrase"
            type="password"
            autocomplete="off"
            aria-describedby="backup-passphrase-hint"
            value={passphrase}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
          <div class="actions">
            <button type="submit" disabled={busy || !passphrase}>
              {t('privacy.backup.restore')}
            </button>
          </div>
        </form>
      )}
      {pending && (
        <RestoreConfirm
          {...pending}
          busy={busy}
          onConfirm={confirmRestore}
          onCancel={() => setPending(null)}
        />
      )}
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
