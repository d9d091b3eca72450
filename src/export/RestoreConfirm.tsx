// Before a restore changes anything: what the file would add, and which records it would replace with its
// newer copy, table by table; the person restores or cancels (issue 11.11).

import { formatNumber, t } from '../i18n/i18n';
import { kindOf, RECORD_TABLES } from '../records/registry';
import type { BackupRecords } from './backup';
import type { RestorePlan } from './repo';

interface Props {
  records: BackupRecords;
  plan: RestorePlan;
  busy: boolean;
  onConfirm: (records: BackupRecords) => void;
  onCancel: () => void;
}

export function RestoreConfirm({ records, plan, busy, onConfirm, onCancel }: Props) {
  const tables = RECORD_TABLES.filter((table) => records[table].length > 0);
  const changes = tables.some((table) => plan[table].added + plan[table].updated > 0);
  return (
    <section class="notice" aria-labelledby="restore-confirm-h">
      <h3 id="restore-confirm-h">{t('backup.confirm.title')}</h3>
      <ul>
        {tables.map((table) => (
          <li key={table}>
            {t('backup.confirm.line', {
              table: t(kindOf(table).nav.label),
              added: formatNumber(plan[table].added),
              updated: formatNumber(plan[table].updated),
              unchanged: formatNumber(plan[table].unchanged),
            })}
          </li>
        ))}
      </ul>
      <p>{changes ? t('backup.confirm.nothingDeleted') : t('backup.confirm.nothingNew')}</p>
      <div class="actions">
        {changes && (
          <button type="button" class="primary" disabled={busy} onClick={() => onConfirm(records)}>
            {t('backup.confirm.restore')}
          </button>
        )}
        <button type="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </section>
  );
}
