// The filters above a record list: month, location (rolls up sub-locations) and a prefix search, plus the
// "Show more" paging state. Shared by the inspection and activity lists so both behave the same.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { LocationPicker } from '../locations/LocationPicker';

export interface Filters {
  month: string;
  orgUnit: string | null;
  search: string;
}

export function useListFilters(pageSize: number) {
  const [filters, setFilters] = useState<Filters>({ month: '', orgUnit: null, search: '' });
  const [shown, setShown] = useState(pageSize);
  const listRef = useRef<HTMLUListElement>(null);
  // After "Show more", focus moves to the first new item (the button may vanish on the last page).
  const focusAt = useRef<number | null>(null);
  useEffect(() => {
    const at = focusAt.current;
    const link = at === null ? undefined : listRef.current?.querySelectorAll('a')[at];
    if (link) {
      focusAt.current = null;
      link.focus();
    }
  });
  return {
    filters,
    /** How many records the list shows now; grows by a page with "Show more". */
    shown,
    /** Put on the list's <ul>. */
    listRef,
    more: () => {
      focusAt.current = shown;
      setShown(shown + pageSize);
    },
    update: (patch: Partial<Filters>) => {
      setFilters({ ...filters, ...patch });
      // New filters start again from the first page, so the list stays quick.
      setShown(pageSize);
    },
    active: !!(filters.month || filters.orgUnit || filters.search.trim()),
  };
}

interface Props {
  /** A prefix for the control ids, unique on the page. */
  idPrefix: string;
  filters: Filters;
  update: (patch: Partial<Filters>) => void;
  /** Translation key of the search box's label (what it searches). */
  searchLabel: string;
}

export function ListFilters({ idPrefix, filters, update, searchLabel }: Props) {
  return (
    <search class="filters grid-2">
      <div class="field">
        <label for={`${idPrefix}-month`}>{t('list.month')}</label>
        <input
          id={`${idPrefix}-month`}
          type="month"
          value={filters.month}
          onInput={(e) => update({ month: e.currentTarget.value })}
        />
      </div>
      <LocationPicker
        id={`${idPrefix}-location`}
        label="list.location"
        value={filters.orgUnit}
        onChange={(orgUnit) => update({ orgUnit })}
      />
      <div class="field">
        <label for={`${idPrefix}-search`}>{t(searchLabel)}</label>
        <input
          id={`${idPrefix}-search`}
          type="search"
          autoComplete="off"
          value={filters.search}
          onInput={(e) => update({ search: e.currentTarget.value })}
        />
      </div>
    </search>
  );
}
