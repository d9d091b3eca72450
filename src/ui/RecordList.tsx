// One list screen for every record type: its title and "New" button, the shared filters (and the type's own),
// the count of matches while filtering, the records newest first a page at a time, and what to say when
// there are none ("Nothing recorded yet") or none match ("Nothing matches these filters", with a way out).
// Paging asks for one more record than it shows: that one tells whether there is a next page, without
// counting them all.
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import type { RecordBase } from '../db/db';
import { formatNumber, type TKey, t } from '../i18n/i18n';
import type { RecordKind } from '../records/contract';
import { PAGE_SIZE } from '../records/list-page';
import { useFocusOnArrival } from './focus';
import { Link } from './Link';
import { type Filters, ListFilters, useListFilters } from './ListFilters';
import { useLiveQuery } from './useLiveQuery';

interface Props<T extends { id: string }, E extends object> {
  /** The record type: its table is the prefix of the control ids and of the record's address (`/cases/…`). */
  kind: RecordKind<RecordBase>;
  /** Translation keys: the screen's title, its "New" button, the search box. */
  title: TKey;
  newLabel: TKey;
  searchLabel: TKey;
  /** Records a page shows (and "Show more" adds); the shared page size unless a test asks for another. */
  pageSize?: number;
  /** The record type's own filters and their "no filter" values. */
  extra?: E;
  /** Controls for the type's own filters, shown after the shared ones. */
  extraFilters?: (filters: Filters & E, update: (patch: Partial<Filters & E>) => void) => ComponentChildren;
  /** Up to `limit` matching records, newest first. */
  load: (filters: Filters & E, limit: number) => Promise<T[]>;
  /** How many match (asked only while a filter is set). */
  count: (filters: Filters & E) => Promise<number>;
  /** What a record's link says. */
  item: (record: T) => ComponentChildren;
}

export function RecordList<T extends { id: string }, E extends object = Record<never, never>>(
  props: Props<T, E>,
) {
  const kind = props.kind.table;
  const pageSize = props.pageSize ?? PAGE_SIZE;
  const { filters, shown, listRef, more, update, clear, active } = useListFilters<E>(pageSize, props.extra);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnArrival(heading);
  const key = JSON.stringify(filters);
  const rows = useLiveQuery(() => props.load(filters, shown + 1), [key, shown]);
  const total = useLiveQuery(() => (active ? props.count(filters) : Promise.resolve(null)), [key]);

  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t(props.title)}
      </h1>
      <p>
        <Link href={`/${kind}/new`} class="button primary">
          {t(props.newLabel)}
        </Link>
      </p>
      <ListFilters
        idPrefix={kind}
        filters={filters}
        update={update as (patch: Partial<Filters>) => void}
        searchLabel={props.searchLabel}
      >
        {props.extraFilters?.(filters, update)}
      </ListFilters>
      <div class="list-status">
        <p role="status">
          {active && typeof total === 'number' ? t('list.matches', { n: formatNumber(total) }) : ''}
        </p>
        {active && (
          <button type="button" onClick={clear}>
            {t('list.clear')}
          </button>
        )}
      </div>
      {rows === undefined ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t(active ? 'list.noMatch' : 'list.empty')}</p>
      ) : (
        <>
          <ul class="list" ref={listRef} aria-label={t(props.title)}>
            {rows.slice(0, shown).map((r) => (
              <li key={r.id}>
                <Link href={`/${kind}/${r.id}`}>{props.item(r)}</Link>
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
