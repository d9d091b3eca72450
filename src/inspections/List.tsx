// The inspections on this device, newest first, a page at a time (quick with 100,000 records), filtered by
// month, location and the establishment's name.
import { formatDate, formatNumber, t } from '../i18n/i18n';
import { nameOf, useLocations } from '../locations/repo';
import { Link } from '../ui/Link';
import { useLiveQuery } from '../ui/useLiveQuery';
import { ListFilters, useListFilters } from './ListFilters';
import { listInspections, PAGE_SIZE } from './repo';

export function InspectionList() {
  // Location names come from the location list; loading it re-renders the list with names.
  useLocations();
  const { filters, shown, listRef, more, update, active } = useListFilters(PAGE_SIZE);
  // One more than shown tells whether there is a next page without counting them all.
  const rows = useLiveQuery(
    () => listInspections({ ...filters, offset: 0, limit: shown + 1 }),
    [filters.month, filters.orgUnit, filters.search, shown],
  );

  return (
    <section>
      <h1>{t('inspections.title')}</h1>
      <p>
        <Link href="/inspections/new" class="button primary">
          {t('inspections.new')}
        </Link>
      </p>
      <ListFilters
        idPrefix="inspections"
        filters={filters}
        update={update}
        searchLabel="inspections.search"
      />
      {rows === undefined ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t(active ? 'list.noMatch' : 'list.empty')}</p>
      ) : (
        <>
          <ul class="list" ref={listRef} aria-label={t('inspections.title')}>
            {rows.slice(0, shown).map((r) => (
              <li key={r.id}>
                <Link href={`/inspections/${r.id}`}>
                  <strong>{r.establishment.name}</strong>
                  <br />
                  <span class="hint">
                    {formatDate(r.date)} · {nameOf(r.orgUnit)} ·{' '}
                    {t('inspections.children.count', { number: formatNumber(r.children.length) })}
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
