import { formatDate, t } from '../i18n/i18n';
import { Link } from '../ui/Link';
import { syncStatus } from './status';

/** The sync state in words, in the header: never a modal, never in the way of data entry. */
export function SyncBadge() {
  const s = syncStatus.value;
  const text =
    s.state === 'syncing'
      ? t('sync.badge.syncing')
      : s.pending > 0
        ? t('sync.badge.waiting', { count: s.pending })
        : s.lastSuccessAt
          ? t('sync.badge.upToDate', {
              when: formatDate(s.lastSuccessAt, { dateStyle: 'short', timeStyle: 'short' }),
            })
          : t('sync.badge.notYet');
  const trouble = ['error', 'problem', 'unauthorised'].includes(s.state);
  return (
    <Link href="/sync" class={`badge ${trouble ? 'badge-offline' : ''}`} data-testid="sync-badge">
      {trouble ? `${t('sync.badge.attention')} · ${text}` : text}
    </Link>
  );
}
