// The activities on this device, newest first, a page at a time (quick with 100,000 records), filtered by
// month, location and the start of the title.
import { formatDate, t } from '../i18n/i18n';
import { ListFilters, useListFilters } from '../inspections/ListFilters';
import { nameOf, useLocations } from '../locations/repo';
import { Link } from '../ui/Link';
import { useLiveQuery } from '../ui/useLiveQuery';
import { listActivities, PAGE_SIZE } from './repo';

export function ActivityList() {
  // Location names come from the location list; loading it re-renders the list with names.
  useLocations();
  const { filters, shown, listRef, more, update, active } = useListFilters(PAGE_SIZE);
  // One more than shown tells whether there is a next page without counting them all.
  const rows = useLiveQuery(
    () => listActivities({ ...filters, offset: 0, limit: shown + 1 }),
    [filters.month, filters.orgUnit, filters.search, shown],
  );

  return (
    <section>
      <h1>{t('activities.title')}</h1>
      <p>
        <Link href="/activities/new" class="button primary">
          {t('activities.new')}
        </Link>
      </p>
      <ListFilters idPrefix="activities" filters={filters} update={update} searchLabel="activities.search" />
      {rows === undefined ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t(active ? 'list.noMatch' : 'list.empty')}</p>
      ) : (
        <>
          <ul class="list" ref={listRef} aria-label={t('activities.title')}>
            {rows.slice(0, shown).map((r) => (
              <li key={r.id}>
                <Link href={`/activities/${r.id}`}>
                  <strong>{r.title}</strong>
                  <br />
                  <span class="hint">
                    {formatDate(r.date)} · {t(`codes.activityKinds.${r.kind}`)} · {nameOf(r.orgUnit)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          {rows.length > shown && (
            <button type="button" onClick={more}>
              {t('list.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
