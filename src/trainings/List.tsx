// The training sessions on this device, newest first (by start date), with filters by month and location, a
// search by title, and "Show more": each page is read through an index, so the list opens fast however many
// sessions the device holds.
import { formatDate, formatNumber, t } from '../i18n/i18n';
import { nameOf, useLocations } from '../locations/repo';
import { RecordList } from '../ui/RecordList';
import { trainingKind } from './kind';
import { countTrainings, listTrainings } from './repo';
import type { Training } from './schema';

function dates(s: Training) {
  const start = formatDate(s.startDate);
  return s.endDate === s.startDate ? start : t('trainings.list.dates', { start, end: formatDate(s.endDate) });
}

function Item({ session }: { session: Training }) {
  const done = session.participants.filter((p) => p.completed).length;
  return (
    <>
      <strong>{session.title}</strong>
      <br />
      <span>{dates(session)}</span> · <span>{nameOf(session.orgUnit)}</span>
      <br />
      <span>
        {t('trainings.list.participants', {
          completed: formatNumber(done),
          total: formatNumber(session.participants.length),
        })}
      </span>
    </>
  );
}

export function TrainingList() {
  useLocations();
  return (
    <RecordList
      kind={trainingKind}
      title="trainings.title"
      newLabel="trainings.new"
      searchLabel="trainings.list.search"
      load={(f, limit) => listTrainings({ ...f, offset: 0, limit })}
      count={(f) => countTrainings(f)}
      item={(s) => <Item session={s} />}
    />
  );
}
