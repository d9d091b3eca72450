// The activities on this device, newest first, a page at a time (quick with 100,000 records), filtered by
// month, location and the start of the title.
import { formatDate, t } from '../i18n/i18n';
import { nameOf, useLocations } from '../locations/repo';
import { RecordList } from '../ui/RecordList';
import { activityKind } from './kind';
import { countActivities, listActivities } from './repo';

export function ActivityList() {
  // Location names come from the location list; loading it re-renders the list with names.
  useLocations();
  return (
    <RecordList
      kind={activityKind}
      title="activities.title"
      newLabel="activities.new"
      searchLabel="activities.search"
      load={(f, limit) => listActivities({ ...f, offset: 0, limit })}
      count={(f) => countActivities(f)}
      item={(r) => (
        <>
          <strong>{r.title}</strong>
          <br />
          <span class="hint">
            {formatDate(r.date)} · {t(`codes.activityKinds.${r.kind}`)} · {nameOf(r.orgUnit)}
          </span>
        </>
      )}
    />
  );
}
