// The training sessions on this device, newest first (by start date), with filters by month and location, a
// search by title, and "Show more": each page is read through an index, so the list opens fast however many
// sessions the device holds.
import { useState } from 'preact/hooks';
import { formatDate, formatNumber, t } from '../i18n/i18n';
import { LocationPicker } from '../locations/LocationPicker';
import { nameOf } from '../locations/repo';
import { Link } from '../ui/Link';
import { useLiveQuery } from '../ui/useLiveQuery';
import { listTrainings, PAGE_SIZE } from './repo';
import type { Training } from './schema';

function dates(s: Training) {
  const start = formatDate(s.startDate);
  return s.endDate === s.startDate ? start : t('trainings.list.dates', { start, end: formatDate(s.endDate) });
}

function Item({ session }: { session: Training }) {
  const done = session.participants.filter((p) => p.completed).length;
  return (
    <li>
      <Link href={`/trainings/${session.id}`}>
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
      </Link>
    </li>
  );
}

export function TrainingList() {
  const [month, setMonth] = useState('');
  const [orgUnit, setOrgUnit] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [pages, setPages] = useState(1);
  const limit = pages * PAGE_SIZE;
  const rows = useLiveQuery(
    () => listTrainings({ month, orgUnit, search, offset: 0, limit }),
    [month, orgUnit, search, limit],
  );
  const filtered = !!(month || orgUnit || search.trim());
  // A filter change starts again from the first page.
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPages(1);
    };

  return (
    <section>
      <h1>{t('trainings.title')}</h1>
      <p>
        <Link href="/trainings/new" class="button primary">
          {t('trainings.new')}
        </Link>
      </p>
      <div class="grid-2">
        <div class="field">
          <label for="trainings-search">{t('trainings.list.search')}</label>
          <input
            id="trainings-search"
            type="search"
            value={search}
            onInput={(e) => filter(setSearch)(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="trainings-month">{t('list.month')}</label>
          <input
            id="trainings-month"
            type="month"
            value={month}
            onInput={(e) => filter(setMonth)(e.currentTarget.value)}
          />
        </div>
        <LocationPicker
          id="trainings-location"
          label="list.location"
          value={orgUnit}
          onChange={filter(setOrgUnit)}
        />
      </div>
      {rows === undefined ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t(filtered ? 'list.noMatch' : 'list.empty')}</p>
      ) : (
        <>
          <p role="status">{t('list.count', { count: rows.length })}</p>
          <ul class="list">
            {rows.map((s) => (
              <Item key={s.id} session={s} />
            ))}
          </ul>
          {rows.length === limit && (
            <button type="button" onClick={() => setPages(pages + 1)}>
              {t('list.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
