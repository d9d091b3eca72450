import { t } from '../i18n/i18n';
import { settings } from '../settings/repo';
import { Link } from '../ui/Link';

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
        <li>
          <Link href="/inspections/new">{t('home.newInspection')}</Link>
        </li>
        <li>
          <Link href="/cases/new">{t('home.newCase')}</Link>
        </li>
        <li>
          <Link href="/trainings/new">{t('home.newTraining')}</Link>
        </li>
        <li>
          <Link href="/activities/new">{t('home.newActivity')}</Link>
        </li>
      </ul>
    </section>
  );
}
