// The shape of the counting thresholds of SPEC §3, a setting of the deployment (sent by the server, kept in
// the settings table); the rules that read them, and their SDG 8.7.1 defaults, are src/cases/classify.ts.

/** Thresholds of the rules; the defaults are the SDG 8.7.1 operational ones, a country may change them. */
export interface ClassificationSettings {
  /** Economic work of this many hours a week or more is hazardous at any age (R190: long hours). */
  hazardousHours: number;
  /** Youngest age at which light work is allowed; below it, any work from `belowLightWorkAgeHours` counts. */
  lightWorkAge: number;
  /** Minimum age for employment; from this age only worst forms and hazardous work are child labour. */
  minimumAge: number;
  /** Hours a week of economic work that make child labour below `lightWorkAge` (SDG: 1 h, ages 5–11). */
  belowLightWorkAgeHours: number;
  /** Hours a week of economic work that make child labour from `lightWorkAge` to below `minimumAge` (14 h). */
  lightWorkHours: number;
  /** Household chores of MORE than this many hours a week are hazardous chores below `minimumAge` (21 h). */
  choreHours: number;
}
