// Child labour classification (SPEC §3), pure: the case keeps the raw answers and this module derives the age
// band and the category from them, so a change of thresholds re-derives every case instead of leaving stale
// labels behind. The case form calls `classify` on every keystroke to show why; the tally calls `categoryOf`,
// which runs the same rules without building explanations.
//
// Unknown answers: a worst form, night work or hours that are `unknown` (or not typed yet) count as NOT meeting
// the condition. A case is never put in a category on a guess; the reasons then say that answers were unknown,
// so the person can find out and come back.
import type { TKey } from '../i18n/keys';
import type { AgeBand, Category } from '../records/codes';
import type { ClassificationSettings } from '../settings/thresholds';

// The thresholds' shape is a device setting (the deployment sets it): src/settings/thresholds.ts.
export type { ClassificationSettings } from '../settings/thresholds';

export const SDG_871_SETTINGS: Readonly<ClassificationSettings> = Object.freeze({
  hazardousHours: 43,
  lightWorkAge: 12,
  minimumAge: 15,
  belowLightWorkAgeHours: 1,
  lightWorkHours: 14,
  choreHours: 21,
});

/** ICLS: the indicators cover children aged 5–17; outside that range a child is out of scope. */
export const SCOPE_MIN_AGE = 5;
export const SCOPE_MAX_AGE = 17;

export interface ChildAge {
  dateOfBirth?: string | undefined;
  ageYears?: number | undefined;
}

/** What classification reads from a case; all optional, so a half-filled form can be classified. */
export interface CaseLike {
  identifiedOn?: string | undefined;
  child?: ChildAge | undefined;
  work?:
    | {
        economicHours?: number | null | undefined;
        choreHours?: number | null | undefined;
        nightWork?: string | undefined;
        worstForm?: string | undefined;
        hazards?: readonly string[] | undefined;
      }
    | undefined;
}

/** A translation key (under `classify.reasons`) and the values it interpolates. */
export interface Reason {
  key: TKey;
  values?: Record<string, string | number>;
}

export interface Classification {
  category: Category;
  reasons: Reason[];
  age: number | null;
  ageBand: AgeBand | null;
}

/** `YYYY-MM-DD…` as the number YYYYMMDD, or -1; by char codes, because the tally calls this 100,000 times. */
function ymd(s: string | undefined): number {
  if (!s || s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1;
  let n = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Age in whole years on `onDate` (the identification date), from the date of birth when both are known;
 * otherwise the age in years as typed. null when neither is known or the birth date is after `onDate`.
 */
export function ageAt(child: ChildAge | undefined, onDate: string | undefined): number | null {
  const born = ymd(child?.dateOfBirth);
  const on = ymd(onDate);
  if (born > 0 && on > 0) {
    // YYYYMMDD difference: whole years are the birthdays passed (29 February is reached on 1 March).
    return on >= born ? Math.floor((on - born) / 10000) : null;
  }
  const years = child?.ageYears;
  return typeof years === 'number' && Number.isFinite(years) && years >= 0 ? Math.floor(years) : null;
}

/** The ICLS age band, or null when the age is unknown or outside 5–17 (out of scope). */
export function ageBand(age: number | null | undefined): AgeBand | null {
  if (age === null || age === undefined || age < SCOPE_MIN_AGE || age > SCOPE_MAX_AGE) return null;
  if (age <= 11) return '5-11';
  if (age <= 14) return '12-14';
  return '15-17';
}

const R = 'classify.reasons.';
const isHours = (h: number | null | undefined): h is number => typeof h === 'number' && Number.isFinite(h);

/**
 * The rules of SPEC §3, first match wins. `reasons` is filled when given (the form), skipped when null (the
 * tally, where 100,000 cases must be classified without allocating explanations).
 */
function rules(
  c: CaseLike,
  age: number | null,
  s: ClassificationSettings,
  reasons: Reason[] | null,
): Category {
  const w = c.work ?? {};
  const econ = isHours(w.economicHours) ? w.economicHours : null;
  const chores = isHours(w.choreHours) ? w.choreHours : null;

  // 1. Unconditional worst forms (C182 Art. 3 a–c).
  if (w.worstForm && w.worstForm !== 'none' && w.worstForm !== 'unknown') {
    reasons?.push({ key: `${R}worstForm`, values: { form: w.worstForm } });
    return 'worst_form';
  }

  // 2. Hazardous work (C182 Art. 3 d, R190): every condition that holds is a reason.
  const hazards = w.hazards ?? [];
  const night = w.nightWork === 'yes';
  const longHours = econ !== null && econ >= s.hazardousHours;
  if (hazards.length > 0 || night || longHours) {
    if (reasons) {
      for (const hazard of hazards) reasons.push({ key: `${R}hazard`, values: { hazard } });
      if (night) reasons.push({ key: `${R}nightWork` });
      if (longHours)
        reasons.push({ key: `${R}longHours`, values: { hours: econ, threshold: s.hazardousHours } });
    }
    return 'hazardous';
  }

  // 3. and 4. depend on age; a child out of scope (under 5) or of unknown age is not placed by them.
  if (age !== null && age >= SCOPE_MIN_AGE && age < s.minimumAge) {
    const threshold = age < s.lightWorkAge ? s.belowLightWorkAgeHours : s.lightWorkHours;
    if (econ !== null && econ >= threshold) {
      reasons?.push({ key: `${R}belowMinimumAge`, values: { hours: econ, age, threshold } });
      return 'below_minimum_age';
    }
    if (chores !== null && chores > s.choreHours) {
      reasons?.push({ key: `${R}chores`, values: { hours: chores, threshold: s.choreHours } });
      return 'hazardous_chores';
    }
  }

  if (reasons) {
    reasons.push({ key: `${R}none` });
    if (age === null && ((econ ?? 0) > 0 || (chores ?? 0) > s.choreHours))
      reasons.push({ key: `${R}ageUnknown` });
    if (w.worstForm === 'unknown' || w.nightWork === 'unknown' || econ === null || chores === null)
      reasons.push({ key: `${R}unknownAnswers` });
  }
  return 'not_child_labour';
}

/** The category and, for each rule that matched, a reason to show (translation key + values). */
export function classify(c: CaseLike, settings: ClassificationSettings = SDG_871_SETTINGS): Classification {
  const age = ageAt(c.child, c.identifiedOn);
  const reasons: Reason[] = [];
  const category = rules(c, age, settings, reasons);
  const band = ageBand(age);
  if (age !== null && band === null) reasons.push({ key: `${R}outOfScope`, values: { age } });
  return { category, reasons, age, ageBand: band };
}

/** The category alone, for the tally's hot loop; `age` as computed by `ageAt`. */
export function categoryOf(
  c: CaseLike,
  age: number | null,
  settings: ClassificationSettings = SDG_871_SETTINGS,
): Category {
  return rules(c, age, settings, null);
}
