// The establishment's GPS point (optional): taken from the device's location with the Geolocation API, which
// needs no network (the phone's GPS answers offline), shown with its accuracy so a point 2 km off is seen
// as such, and retaken or cleared. Stored with the inspection, never sent (see schema.ts `point`).
import { useState } from 'preact/hooks';
import { formatDate, formatNumber, t } from '../i18n/i18n';
import type { RecordForm } from '../ui/form/useRecordForm';
import type { InspectionInput } from './schema';

type Point = NonNullable<InspectionInput['establishment']['point']>;
type Problem = 'denied' | 'unavailable' | 'unsupported';

/** The device's position now, rounded to what matters (about 10 cm; whole metres of accuracy). */
function locate(): Promise<Point> {
  return new Promise((resolve, reject) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      reject(new Error('unsupported'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          lat: Math.round(p.coords.latitude * 1e6) / 1e6,
          lon: Math.round(p.coords.longitude * 1e6) / 1e6,
          accuracy: Math.round(p.coords.accuracy),
          at: new Date(p.timestamp || Date.now()).toISOString(),
        }),
      (err) => reject(new Error(err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable')),
      // A fresh fix from the GPS, not a cached guess from the network; a minute is enough outdoors.
      { enableHighAccuracy: true, timeout: 60_000, maximumAge: 0 },
    );
  });
}

export function PointField({ form }: { form: RecordForm<InspectionInput> }) {
  const point = form.get('establishment.point') as Point | undefined;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const take = async () => {
    setBusy(true);
    setProblem(null);
    try {
      form.set('establishment.point', await locate());
    } catch (err) {
      const why = (err as Error).message;
      setProblem(why === 'denied' || why === 'unsupported' ? why : 'unavailable');
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset class="field point-field" aria-describedby="point-hint">
      <legend>{t('inspections.point.legend')}</legend>
      <p class="hint" id="point-hint">
        {t('inspections.point.hint')}
      </p>
      <p role="status">
        {busy
          ? t('inspections.point.taking')
          : point
            ? t('inspections.point.shown', {
                lat: point.lat.toFixed(5),
                lon: point.lon.toFixed(5),
                m: formatNumber(point.accuracy),
                when: formatDate(point.at, { dateStyle: 'medium', timeStyle: 'short' }),
              })
            : ''}
      </p>
      {problem && <p class="field-error">{t(`inspections.point.${problem}`)}</p>}
      <div class="actions">
        <button type="button" onClick={() => void take()} disabled={busy}>
          {t(point ? 'inspections.point.again' : 'inspections.point.take')}
        </button>
        {point && (
          <button type="button" onClick={() => form.set('establishment.point', undefined)} disabled={busy}>
            {t('inspections.point.clear')}
          </button>
        )}
      </div>
    </fieldset>
  );
}
