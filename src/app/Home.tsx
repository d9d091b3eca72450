// The first screen: what to record, what is due — child cases whose next visit and inspections whose
// follow-up fall within the next 7 days or are overdue — and the month at a glance (tally/Dashboard.tsx:
// open cases, overdue follow-ups, the main indicators against last month and over 12 months). Kept light
// (SPEC §11: ≤ 75 KiB gzip for all the first screen loads): it imports the repos' read functions only, never
// a form; the dashboard, which has nothing to show before the first record, is loaded once there is one,
// and reads the stored tallies without the counting engine.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { dueCases } from '../cases/repo';
import { formatDate, t } from '../i18n/i18n';
import { dueInspections } from '../inspections/repo';
import { today } from '../lib/dates';
import { RECORD_KINDS } from '../records/registry';
import { settings } from '../settings/repo';
import { hasRecords } from '../tally/summary-repo';
import { Link } from '../ui/Link';
import { useLiveQuery } from '../ui/useLiveQuery';

const DUE_WITHIN_DAYS = 7;

/** `YYYY-MM-DD` plus `days`, in local time (what a date input shows). */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return today(new Date(y, m - 1, d + days));
}

interface DueItem {
  href: string;
  /** Translation key of what is due. */
  what: 'home.dueVisit' | 'home.dueFollowUp';
  /** A case code or an establishment's name. */
  title: string;
  dueOn: string;
}

async function dueItems(until: string): Promise<DueItem[]> {
  const cases = await dueCases(until);
  const inspections = await dueInspections(until);
  const items: DueItem[] = [
    ...cases.map((c) => ({
      href: `/cases/${c.id}`,
      what: 'home.dueVisit' as const,
      title: c.caseCode,
      dueOn: c.dueOn ?? '',
    })),
    ...inspections.map((i) => ({
      href: `/inspections/${i.id}`,
      what: 'home.dueFollowUp' as const,
      title: i.establishment.name,
      dueOn: i.followUpDue ?? '',
    })),
  ];
  return items.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/** When, in words: overdue is said, not only coloured. */
function When({ dueOn, now }: { dueOn: string; now: string }) {
  if (dueOn < now) return <strong>{t('home.overdue', { date: formatDate(dueOn) })}</strong>;
  if (dueOn === now) return <strong>{t('home.dueToday')}</strong>;
  return <span>{t('home.dueOn', { date: formatDate(dueOn) })}</span>;
}

function DueList() {
  const now = today();
  const until = addDays(now, DUE_WITHIN_DAYS);
  const items = useLiveQuery(() => dueItems(until), [until]);
  return (
    <section aria-labelledby="due-title">
      <h2 id="due-title">{t('home.due')}</h2>
      {items === undefined ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('home.nothingDue', { days: DUE_WITHIN_DAYS })}</p>
      ) : (
        <ul class="list due-list">
          {items.map((item) => (
            <li key={item.href}>
              <Link href={item.href}>
                <strong class={item.what === 'home.dueVisit' ? 'case-code' : undefined}>{item.title}</strong>
                <br />
                <span class="hint">{t(item.what)}</span> · <When dueOn={item.dueOn} now={now} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The dashboard, fetched once the device holds a record (its own chunk; nothing to show before). */
function LazyDashboard() {
  const any = useLiveQuery(hasRecords, []);
  const [Dashboard, setDashboard] = useState<ComponentType | null>(null);
  useEffect(() => {
    if (any && !Dashboard) void import('../tally/Dashboard').then((m) => setDashboard(() => m.Dashboard));
  }, [any, Dashboard]);
  return Dashboard ? <Dashboard /> : null;
}

export function Home() {
  return (
    <section>
      <h1>{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      {!settings.value.homeCountry && (
        <p class="notice">
          {t('home.setUp')} <Link href="/settings">{t('nav.settings')}</Link>
        </p>
      )}
      <ul class="tiles">
        {RECORD_KINDS.map((kind) => (
          <li key={kind.table}>
            <Link href={`/${kind.table}/new`}>{t(kind.tile)}</Link>
          </li>
        ))}
      </ul>
      <DueList />
      <LazyDashboard />
    </section>
  );
}
