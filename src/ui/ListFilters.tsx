// The filters above every record list: month, location (rolls up sub-locations) and a prefix search, plus any
// filters of the record type's own (a case's status, say), and the "Show more" paging state. One hook and
// one component for the four lists, so they all behave the same.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type TKey, t } from '../i18n/i18n';
import { LocationPicker } from '../locations/LocationPicker';

export interface Filters {
  month: string;
  orgUnit: string | null;
  search: string;
}

/** `extra`: the record type's own filters with their "no filter" values (e.g. `{ status: '' }`). */
export function useListFilters<E extends object = Record<never, never>>(pageSize: number, extra?: E) {
  const empty = { month: '', orgUnit: null, search: '', ...extra } as Filters & E;
  const [filters, setFilters] = useState<Filters & E>(empty);
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
  const active = Object.entries(filters).some(([, v]) => (typeof v === 'string' ? !!v.trim() : !!v));
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
    update: (patch: Partial<Filters & E>) => {
      // From the latest filters, not this render's: two quick changes both count.
      setFilters((now) => ({ ...now, ...patch }));
      // New filters start again from the first page, so the list stays quick.
      setShown(pageSize);
    },
    clear: () => {
      setFilters(empty);
      setShown(pageSize);
    },
    active,
  };
}

interface Props {
  /** A prefix for the control ids, unique on the page. */
  idPrefix: string;
  filters: Filters;
  update: (patch: Partial<Filters>) => void;
  /** Translation key of the search box's label (what it searches). */
  searchLabel: TKey;
  /** The record type's own filters, after the shared ones. */
  children?: ComponentChildren;
}

export function ListFilters({ idPrefix, filters, update, searchLabel, children }: Props) {
  return (
    <search class="filters grid-2">
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
      {children}
    </search>
  );
}
