// The child cases on this device, newest identified first, a page at a time (quick with 100,000 records),
// filtered by month and location, searched by case code. Names are not shown: a list is seen over a shoulder.
import { formatDate, t } from '../i18n/i18n';
import { ListFilters, useListFilters } from '../inspections/ListFilters';
import { activeList, isWithin, loadLocations, nameOf, useLocations } from '../locations/repo';
import { settings } from '../settings/repo';
import { Link } from '../ui/Link';
import { useLiveQuery } from '../ui/useLiveQuery';
import { classify } from './classify';
import { listCases } from './repo';

export const PAGE_SIZE = 50;

async function page(month: string, orgUnit: string | null, search: string, limit: number) {
  // isWithin answers from the loaded location list, so sub-locations roll up. Wrapped in Promise.resolve:
  // inside a liveQuery, a promise that is not Dexie's must be.
  if (orgUnit && !activeList.value) await Promise.resolve(loadLocations());
  return listCases({
    month: month || undefined,
    within: orgUnit ? (code) => isWithin(code, orgUnit) : undefined,
    search,
    offset: 0,
    limit,
  });
}

export function CaseList() {
  useLocations();
  const { filters, shown, listRef, more, update, active } = useListFilters(PAGE_SIZE);
  // One more than shown tells whether there is a next page without counting them all.
  const rows = useLiveQuery(
    () => page(filters.month, filters.orgUnit, filters.search, shown + 1),
    [filters.month, filters.orgUnit, filters.search, shown],
  );

  return (
    <section>
      <h1>{t('cases.title')}</h1>
      <p>
        <Link href="/cases/new" class="button primary">
          {t('cases.new')}
        </Link>
      </p>
      <ListFilters idPrefix="cases" filters={filters} update={update} searchLabel="cases.search" />
      {rows === undefined ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t(active ? 'list.noMatch' : 'list.empty')}</p>
      ) : (
        <>
          <ul class="list" ref={listRef} aria-label={t('cases.title')}>
            {rows.slice(0, shown).map((c) => (
              <li key={c.id}>
                <Link href={`/cases/${c.id}`}>
                  <strong class="case-code">{c.caseCode}</strong>
                  <br />
                  <span class="hint">
                    {formatDate(c.identifiedOn)} · {nameOf(c.orgUnit)} · {t(`codes.caseStatuses.${c.status}`)}{' '}
                    · {t(`codes.categories.${classify(c, settings.value.thresholds ?? undefined).category}`)}
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
