// Every closed list of the record, with the French words the interface and the workbook use.

export const POLE_KINDS = ['PIAL_1D', 'PIAL_2D', 'PIAL_INTER', 'PAS'] as const;
export type PoleKind = (typeof POLE_KINDS)[number];
export const POLE_KIND_LABELS: Record<PoleKind, string> = {
  PIAL_1D: 'PIAL 1D',
  PIAL_2D: 'PIAL 2D',
  PIAL_INTER: 'PIAL inter-degré',
  PAS: 'PAS',
};

export const SCHOOL_KINDS = ['maternelle', 'elementaire', 'primaire', 'college', 'lycee', 'lycee_pro', 'erea', 'autre'] as const;
export type SchoolKind = (typeof SCHOOL_KINDS)[number];
export const SCHOOL_KIND_LABELS: Record<SchoolKind, string> = {
  maternelle: 'école maternelle',
  elementaire: 'école élémentaire',
  primaire: 'école primaire',
  college: 'collège',
  lycee: 'lycée',
  lycee_pro: 'lycée professionnel',
  erea: 'EREA',
  autre: 'autre',
};
/** 1er degré: the three kinds of école; everything else counts as 2nd degré in the surveys. */
export function isFirstDegree(kind: SchoolKind): boolean {
  return kind === 'maternelle' || kind === 'elementaire' || kind === 'primaire';
}

export const SECTORS = ['public', 'prive'] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABELS: Record<Sector, string> = { public: 'public', prive: 'privé' };

export const WEEK_PATTERNS = ['4j', '4.5j', 'custom'] as const;
export type WeekPattern = (typeof WEEK_PATTERNS)[number];
export const WEEK_PATTERN_LABELS: Record<WeekPattern, string> = {
  '4j': '4 jours',
  '4.5j': '4,5 jours',
  custom: 'autre',
};

export const WEEKDAYS = [1, 2, 3, 4, 5, 6] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS: Record<Weekday, string> = {
  1: 'lundi',
  2: 'mardi',
  3: 'mercredi',
  4: 'jeudi',
  5: 'vendredi',
  6: 'samedi',
};

export const NOTIFICATION_KINDS = ['individual', 'shared'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  individual: 'individuelle',
  shared: 'mutualisée',
};

export const CONTRACT_KINDS = ['CDD', 'CDI'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];

export const SLOT_NATURES = ['accompaniment', 'ulis', 'lunch'] as const;
export type SlotNature = (typeof SLOT_NATURES)[number];
export const SLOT_NATURE_LABELS: Record<SlotNature, string> = {
  accompaniment: 'accompagnement',
  ulis: 'ULIS',
  lunch: 'pause méridienne',
};

export const LEVELS = ['PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2', '6e', '5e', '4e', '3e', '2nde', '1re', 'Tle', 'CAP1', 'CAP2'] as const;
