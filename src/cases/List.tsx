// The child cases on this device, newest identified first, a page at a time (quick with 100,000 records),
// filtered by month, location, status, category and overdue follow-up; searched by case code, and by the
// child's name while the names can be read (opened in memory: names are never indexed on disk). Names are
// never shown: a list is seen over a shoulder.
import { formatDate, t } from '../i18n/i18n';
import { today } from '../lib/dates';
import { activeList, isWithin, loadLocations, nameOf, useLocations } from '../locations/repo';
import { type CaseStatus, type Category, caseStatuses, categories } from '../records/codes';
import { settings } from '../settings/repo';
import type { Filters } from '../ui/ListFilters';
import { RecordList } from '../ui/RecordList';
import { classify } from './classify';
import { HandoverPanel } from './HandoverPanel';
import { caseKind } from './kind';
import { countCases, listCases, type StoredCase } from './repo';

export { PAGE_SIZE } from '../records/list-page';

interface CaseFilters {
  status: CaseStatus | '';
  category: Category | '';
  overdue: boolean;
}
type AllFilters = Filters & CaseFilters;

const NO_FILTER: CaseFilters = { status: '', category: '', overdue: false };

/** The stored-case test for the case filters (no name needed). */
function where(f: CaseFilters): ((c: StoredCase) => boolean) | undefined {
  if (!f.status && !f.category && !f.overdue) return undefined;
  const now = today();
  return (c) =>
    (!f.status || c.status === f.status) &&
    (!f.overdue || (!!c.dueOn && c.dueOn < now)) &&
    (!f.category || classify(c, settings.value.thresholds ?? undefined).category === f.category);
}

/**
 * isWithin answers from the loaded location list, so sub-locations roll up. Only awaited when needed, and
 * wrapped in Promise.resolve: inside a liveQuery, awaiting a promise that is not Dexie's stops the observing.
 */
const locations = (f: AllFilters) =>
  f.orgUnit && !activeList.value ? Promise.resolve(loadLocations()) : undefined;

function query(f: AllFilters) {
  const orgUnit = f.orgUnit;
  return {
    month: f.month || undefined,
    within: orgUnit ? (code: string) => isWithin(code, orgUnit) : undefined,
    where: where(f),
    search: f.search,
    // The screen is only mounted while names can be read (locked, no screen is): search them too.
    names: true,
  };
}

function CaseFilterControls({
  filters,
  update,
}: {
  filters: AllFilters;
  update: (patch: Partial<AllFilters>) => void;
}) {
  return (
    <>
      <div class="field">
        <label for="cases-status">{t('list.status')}</label>
        <select
          id="cases-status"
          value={filters.status}
          onChange={(e) => update({ status: e.currentTarget.value as CaseStatus | '' })}
        >
          <option value="">{t('list.any')}</option>
          {caseStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`codes.caseStatuses.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="cases-category">{t('list.category')}</label>
        <select
          id="cases-category"
          value={filters.category}
          onChange={(e) => update({ category: e.currentTarget.value as Category | '' })}
        >
          <option value="">{t('list.any')}</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {t(`codes.categories.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={filters.overdue}
          onChange={(e) => update({ overdue: e.currentTarget.checked })}
        />
        {t('list.overdue')}
      </label>
    </>
  );
}

export function CaseList() {
  useLocations();
  return (
    <>
      <RecordList<StoredCase, CaseFilters>
        kind={caseKind}
        title="cases.title"
        newLabel="cases.new"
        searchLabel="cases.searchNames"
        extra={NO_FILTER}
        extraFilters={(filters, update) => <CaseFilterControls filters={filters} update={update} />}
        load={async (f, limit) => {
          await locations(f);
          return listCases({ ...query(f), offset: 0, limit });
        }}
        count={async (f) => {
          await locations(f);
          return countCases(query(f));
        }}
        item={(c) => (
          <>
            <strong class="case-code">{c.caseCode}</strong>
            <br />
            <span class="hint">
              {formatDate(c.identifiedOn)} · {nameOf(c.orgUnit)} · {t(`codes.caseStatuses.${c.status}`)} ·{' '}
              {t(`codes.categories.${classify(c, settings.value.thresholds ?? undefined).category}`)}
            </span>
          </>
        )}
      />
      <HandoverPanel />
    </>
  );
}
