import { type TKey, t } from '../i18n/i18n';

/** A screen that a later release fills in says so plainly. */
export function Coming({ title }: { title: TKey }) {
  return (
    <section>
      <h1>{t(title)}</h1>
      <p>{t('common.coming')}</p>
    </section>
  );
}
