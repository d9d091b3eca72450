// The code lists of SPEC §2 and §4. Stable codes: they are stored on devices, sent upstream and mapped to
// DHIS2, so a code is never renamed; its label lives in locales/<lang>/translation.json under `codes.<list>.<code>`.
// `unknown` is a real answer wherever a person in the field may not know.

export const UNKNOWN = 'unknown' as const;

export const inspectionTypes = [
  'routine',
  'complaint',
  'follow_up',
  'targeted_child_labour',
  'joint',
] as const;
export const isicSections = [
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'I',
  'J',
  'K',
  'L',
  'M',
  'N',
  'O',
  'P',
  'Q',
  'R',
  'S',
  'T',
  'U',
] as const;
export const formality = ['formal', 'informal'] as const;
export const inspectionOutcomes = [
  'no_violation',
  'advice',
  'warning',
  'compliance_order',
  'stop_work',
  'administrative_fine',
  'referred_prosecution',
  'referred_mediation',
  'child_removed_referred',
] as const;
export const authorities = ['court', 'mediation'] as const;

export const sexes = ['female', 'male', 'other', 'undisclosed'] as const;
/** Sex of a child: a social worker may not know it yet. */
export const childSexes = ['female', 'male', 'other', 'unknown'] as const;

export const trainingTopics = [
  'child_labour_law',
  'labour_inspection',
  'monitoring_referral',
  'governance_anticorruption',
  'social_protection',
  'online_exploitation',
  'other',
] as const;
export const modalities = ['in_person', 'online', 'blended'] as const;
export const agencies = [
  'labour_inspection',
  'police',
  'prosecution',
  'judiciary',
  'border_migration',
  'social_welfare',
  'education',
  'health',
  'local_government',
  'employers_org',
  'workers_org',
  'civil_society',
  'other',
] as const;

export const channels = [
  'inspection',
  'monitoring_visit',
  'hotline',
  'online_report',
  'walk_in',
  'referral_in',
  'school',
  'police',
  'ngo',
  'other',
] as const;
export const yesNoUnknown = ['yes', 'no', 'unknown'] as const;
export const settlement = ['urban', 'rural'] as const;
export const workStatuses = [
  'employee',
  'own_account',
  'contributing_family',
  'household_chores',
  'other',
] as const;
export const worstForms = [
  'none',
  'trafficking_forced_bonded',
  'armed_conflict',
  'sexual_exploitation',
  'illicit_activities',
] as const;
export const hazardConditions = [
  'abuse',
  'underground_water_heights_confined',
  'dangerous_machinery_loads',
  'unhealthy_environment',
  'long_hours_night_confinement',
] as const;
export const services = [
  'education_formal',
  'education_nonformal',
  'vocational_training',
  'health',
  'psychosocial',
  'legal_aid',
  'social_protection_cash',
  'family_tracing_reintegration',
  'shelter_alternative_care',
  'family_livelihood',
  'repatriation',
  'other',
] as const;
export const referralStatuses = ['referred', 'accepted', 'rejected', 'service_received', 'closed'] as const;
export const caseStatuses = [
  'identified',
  'referred',
  'receiving_services',
  'withdrawn_verified',
  'monitoring',
  'closed',
] as const;
export const closureReasons = [
  'reached_legal_working_age_permitted_work',
  'relocated',
  'lost_to_follow_up',
  'transferred',
  'other',
] as const;
export const activityKinds = [
  'law_reviewed',
  'law_adopted',
  'whistleblower_initiative',
  'study_research',
  'coordination_mechanism',
  'joint_programme',
  'campaign_activity',
  'online_resource_published',
] as const;

// §3 and §4: derived codes.
export const ageBands = ['5-11', '12-14', '15-17'] as const;
export const categories = [
  'worst_form',
  'hazardous',
  'below_minimum_age',
  'hazardous_chores',
  'not_child_labour',
] as const;
export const nationalityGroups = ['national', 'foreign', 'stateless', 'unknown'] as const;
export const yesNo = ['yes', 'no'] as const;

export type InspectionType = (typeof inspectionTypes)[number];
export type IsicSection = (typeof isicSections)[number];
export type Sex = (typeof sexes)[number];
export type ChildSex = (typeof childSexes)[number];
export type Agency = (typeof agencies)[number];
export type Channel = (typeof channels)[number];
export type WorstForm = (typeof worstForms)[number];
export type HazardCondition = (typeof hazardConditions)[number];
export type Service = (typeof services)[number];
export type CaseStatus = (typeof caseStatuses)[number];
export type ActivityKind = (typeof activityKinds)[number];
export type AgeBand = (typeof ageBands)[number];
export type Category = (typeof categories)[number];
export type NationalityGroup = (typeof nationalityGroups)[number];

/** Every code list by name, for translation-key checks and for the server's validation of disaggregations. */
export const codeLists = {
  inspectionTypes,
  isicSections,
  formality,
  inspectionOutcomes,
  authorities,
  sexes,
  childSexes,
  trainingTopics,
  modalities,
  agencies,
  channels,
  yesNoUnknown,
  settlement,
  workStatuses,
  worstForms,
  hazardConditions,
  services,
  referralStatuses,
  caseStatuses,
  closureReasons,
  activityKinds,
  ageBands,
  categories,
  nationalityGroups,
  yesNo,
} as const;
export type CodeListName = keyof typeof codeLists;
