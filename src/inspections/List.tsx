// The inspections on this device, newest first, a page at a time (quick with 100,000 records), filtered by
// month, location and the establishment's name.
import { formatDate, formatNumber, t } from '../i18n/i18n';
import { nameOf, useLocations } from '../locations/repo';
import { RecordList } from '../ui/RecordList';
import { inspectionKind } from './kind';
import { countInspections, listInspections } from './repo';

export function InspectionList() {
  // Location names come from the location list; loading it re-renders the list with names.
  useLocations();
  return (
    <RecordList
      kind={inspectionKind}
      title="inspections.title"
      newLabel="inspections.new"
      searchLabel="inspections.search"
      load={(f, limit) => listInspections({ ...f, offset: 0, limit })}
      count={(f) => countInspections(f)}
      item={(r) => (
        <>
          <strong>{r.establishment.name}</strong>
          <br />
          <span class="hint">
            {formatDate(r.date)} · {nameOf(r.orgUnit)} ·{' '}
            {t('inspections.children.count', { number: formatNumber(r.children.length) })}
          </span>
        </>
      )}
    />
  );
}
