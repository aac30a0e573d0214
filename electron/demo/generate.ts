// The demonstration département: deterministic (seeded), realistic in its proportions, and
// deliberately short of AESH time so that the record holds gaps, as every real one does.
// Deep imports: the date-fns root entry loads every function (about 1.5 s under Node).
import { addDays } from 'date-fns/addDays';
import { addYears } from 'date-fns/addYears';
import { format } from 'date-fns/format';
import { subDays } from 'date-fns/subDays';
import { subYears } from 'date-fns/subYears';
import type { DemoScale } from '../../shared/api/contract.ts';
import { isFirstDegree, type PoleKind, type SchoolKind, type Weekday } from '../../shared/domain/enums.ts';
import { defaultGrid, type WeekGrid } from '../../shared/domain/grid.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { addDaysIso } from '../../shared/domain/dates.ts';
import type { Row, TableName } from '../../db/schema.ts';
import { ABSENCE_REASONS, ADULT_FIRST_NAMES, COMMUNES, FIRST_NAMES, LAST_NAMES, SCHOOL_PATRONS, SKILLS } from './names.ts';
import { Random } from './random.ts';

interface ScaleSpec { poles: number; schoolsPerPole: number; pupils: number; aesh: number }
export const SCALES: Record<DemoScale, ScaleSpec> = {
  small: { poles: 1, schoolsPerPole: 7, pupils: 40, aesh: 15 },
  medium: { poles: 8, schoolsPerPole: 12, pupils: 700, aesh: 280 },
  department: { poles: 120, schoolsPerPole: 17, pupils: 15_000, aesh: 6_000 },
};

/** A row as the generator builds it: the record numbers its version from 1 on insert. */
type DemoRow<T extends TableName> = Omit<Row<T>, 'version'>;

export interface DemoRecord {
  poles: DemoRow<'poles'>[];
  schools: DemoRow<'schools'>[];
  pupils: DemoRow<'pupils'>[];
  notifications: DemoRow<'notifications'>[];
  aesh: DemoRow<'aesh'>[];
  contracts: DemoRow<'contracts'>[];
  absences: DemoRow<'absences'>[];
  slots: DemoRow<'slots'>[];
  slotPupils: DemoRow<'slotPupils'>[];
  saisines: DemoRow<'saisines'>[];
  saisineSteps: DemoRow<'saisineSteps'>[];
  saisineActions: DemoRow<'saisineActions'>[];
}

const iso = (date: Date): string => format(date, 'yyyy-MM-dd');
const HOURS = (h: number): number => h * 60;

const LEVELS_BY_KIND: Record<SchoolKind, readonly string[]> = {
  maternelle: ['PS', 'MS', 'GS'],
  elementaire: ['CP', 'CE1', 'CE2', 'CM1', 'CM2'],
  primaire: ['GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'],
  college: ['6e', '5e', '4e', '3e'],
  lycee: ['2nde', '1re', 'Tle'],
  lycee_pro: ['CAP1', 'CAP2', '2nde', '1re', 'Tle'],
  erea: ['6e', '5e', '4e', '3e', 'CAP1'],
  autre: ['CP'],
};
// Age at the rentrée for each level, to give plausible birth dates.
const AGE_AT_LEVEL: Record<string, number> = {
  PS: 3, MS: 4, GS: 5, CP: 6, CE1: 7, CE2: 8, CM1: 9, CM2: 10, '6e': 11, '5e': 12, '4e': 13, '3e': 14,
  '2nde': 15, '1re': 16, Tle: 17, CAP1: 15, CAP2: 16,
};

function schoolKindsFor(kind: PoleKind): readonly (readonly [SchoolKind, number])[] {
  switch (kind) {
    case 'PIAL_1D': return [['maternelle', 2], ['elementaire', 4], ['primaire', 4]];
    case 'PIAL_2D': return [['college', 6], ['lycee', 2], ['lycee_pro', 2]];
    case 'PIAL_INTER':
    case 'PAS': return [['maternelle', 2], ['elementaire', 3], ['primaire', 3], ['college', 2], ['lycee', 0.5], ['lycee_pro', 0.5]];
  }
}

/** The four communes nearest to `centre`: a pôle's schools lie within a few kilometres. */
function neighbours(centre: (typeof COMMUNES)[number]): (typeof COMMUNES)[number][] {
  const distance = (c: (typeof COMMUNES)[number]): number => (c[1] - centre[1]) ** 2 + (c[2] - centre[2]) ** 2;
  return COMMUNES.filter((c) => c !== centre).toSorted((a, b) => distance(a) - distance(b)).slice(0, 4);
}

interface Need { schoolId: number; pupilIds: number[]; minutes: number; nature: 'accompaniment' | 'ulis' }
interface AeshState { id: number; free: number; schools: number[]; busy: Map<Weekday, [number, number][]> }

/** Builds the whole demo record in memory, ids included, for a record that is empty. */
export function generateDemo(scale: DemoScale, seed: number, today: Date): DemoRecord {
  const spec = SCALES[scale];
  const random = new Random(seed);
  const out: DemoRecord = {
    poles: [], schools: [], pupils: [], notifications: [], aesh: [], contracts: [], absences: [], slots: [], slotPupils: [],
    saisines: [], saisineSteps: [], saisineActions: [],
  };
  const person = (adult: boolean): [string, string] => [random.pick(LAST_NAMES), random.pick(adult ? ADULT_FIRST_NAMES : FIRST_NAMES)];
  const rentreeYear = today.getMonth() >= 7 ? today.getFullYear() : today.getFullYear() - 1;

  const schoolsOfPole = new Map<number, DemoRow<'schools'>[]>();
  for (let p = 1; p <= spec.poles; p += 1) {
    const kind = spec.poles === 1 ? 'PIAL_INTER' : random.weighted<PoleKind>([['PIAL_1D', 35], ['PIAL_2D', 15], ['PIAL_INTER', 30], ['PAS', 20]]);
    const centre = COMMUNES[(p - 1) % COMMUNES.length]!;
    const round = Math.floor((p - 1) / COMMUNES.length);
    const label = `${centre[0]}${round > 0 ? ` ${['Nord', 'Sud', 'Est', 'Ouest'][round % 4]}` : ''}`;
    const [coordLast, coordFirst] = person(true);
    out.poles.push({
      id: p,
      code: `${kind === 'PAS' ? 'PAS' : 'PIAL'}-084-${String(p).padStart(3, '0')}`,
      name: `${kind === 'PAS' ? 'PAS' : 'PIAL'} ${label}`,
      kind,
      coordinator: `${coordFirst} ${coordLast}`,
      pilot: kind === 'PIAL_2D' ? `Principal du collège de ${centre[0]}` : `IEN de la circonscription de ${centre[0]}`,
    });
    const schools: DemoRow<'schools'>[] = [];
    for (let s = 0; s < spec.schoolsPerPole; s += 1) {
      const id = out.schools.length + 1;
      const schoolKind = random.weighted(schoolKindsFor(kind));
      const commune = random.chance(0.5) ? centre : random.pick(neighbours(centre));
      const week = isFirstDegree(schoolKind) ? (random.chance(0.85) ? '4j' : '4.5j') : 'custom';
      const grid: WeekGrid = defaultGrid(week, schoolKind);
      const prefix = schoolKind === 'college' ? 'Collège' : schoolKind === 'lycee' ? 'Lycée' : schoolKind === 'lycee_pro' ? 'Lycée professionnel'
        : schoolKind === 'maternelle' ? 'École maternelle' : schoolKind === 'elementaire' ? 'École élémentaire' : 'École primaire';
      const school: DemoRow<'schools'> = {
        id,
        uai: makeUai(`084${String(id).padStart(4, '0')}`),
        name: `${prefix} ${random.pick(SCHOOL_PATRONS)}`,
        kind: schoolKind,
        sector: random.chance(0.12) ? 'prive' : 'public',
        commune: commune[0],
        poleId: p,
        week,
        gridJson: JSON.stringify(grid),
        latitude: Math.round((commune[1] + (random.next() - 0.5) * 0.02) * 10000) / 10000,
        longitude: Math.round((commune[2] + (random.next() - 0.5) * 0.02) * 10000) / 10000,
      };
      out.schools.push(school);
      schools.push(school);
    }
    schoolsOfPole.set(p, schools);
  }

  // Pupils: collèges and lycées hold more notified pupils than a small école.
  const schoolWeights = out.schools.map((s) => [s, isFirstDegree(s.kind as SchoolKind) ? 1 : 2.5] as const);
  const ulisSchools = new Set(out.schools.filter((s) => s.kind !== 'maternelle' && random.chance(s.kind === 'college' ? 0.4 : 0.15)).map((s) => s.id));
  for (let i = 1; i <= spec.pupils; i += 1) {
    const school = i <= out.schools.length && i <= spec.pupils / 2 ? out.schools[i - 1]! : random.weighted(schoolWeights);
    const level = random.pick(LEVELS_BY_KIND[school.kind as SchoolKind]);
    const age = AGE_AT_LEVEL[level] ?? 8;
    const [lastName, firstName] = person(false);
    const ulis = ulisSchools.has(school.id) && random.chance(0.3);
    out.pupils.push({
      id: i,
      identifier: `${rentreeYear - random.int(0, 3)}-${String(i).padStart(5, '0')}`,
      lastName,
      firstName,
      birthDate: iso(addDays(new Date(rentreeYear - age, 0, 1), random.int(0, 364))),
      schoolId: school.id,
      level,
      className: isFirstDegree(school.kind as SchoolKind) ? level : `${level} ${random.pick(['A', 'B', 'C', 'D'])}`,
      ulis: ulis ? 1 : 0,
    });
    // ULIS pupils are often supported by the unit's collective AESH without a notification of their own.
    if (ulis && random.chance(0.5)) continue;
    const kind = random.chance(0.4) ? 'individual' : 'shared';
    const years = random.weighted([[1, 15], [2, 25], [3, 35], [5, 25]] as const);
    const recent = random.chance(0.1);
    const start = recent ? subDays(today, random.int(1, 60)) : subDays(today, random.int(61, years * 365 - 2));
    out.notifications.push({
      id: out.notifications.length + 1,
      pupilId: i,
      kind,
      weeklyMinutes: kind === 'individual' ? HOURS(random.weighted([[6, 5], [8, 8], [9, 5], [10, 10], [12, 30], [15, 12], [18, 10], [20, 5], [24, 5]] as const)) : null,
      startDate: iso(start),
      endDate: iso(subDays(addYears(start, years), 1)),
      lunchBreak: kind === 'individual' && random.chance(0.1) ? 1 : 0,
      activities: random.chance(0.3) ? random.pick(['apprentissages', 'vie sociale', 'sorties scolaires', 'actes de la vie quotidienne']) : null,
    });
  }

  // AESH, in each pôle in proportion to its pupils, with contracts mostly 24 h a week.
  const pupilsOfPole = new Map<number, number>();
  const poleOfSchool = new Map(out.schools.map((s) => [s.id, s.poleId!]));
  for (const pupil of out.pupils) {
    const pole = poleOfSchool.get(pupil.schoolId)!;
    pupilsOfPole.set(pole, (pupilsOfPole.get(pole) ?? 0) + 1);
  }
  const aeshOfPole = new Map<number, AeshState[]>();
  for (const pole of out.poles) {
    const count = Math.max(2, Math.round((spec.aesh * (pupilsOfPole.get(pole.id) ?? 0)) / spec.pupils));
    const states: AeshState[] = [];
    for (let k = 0; k < count; k += 1) {
      const id = out.aesh.length + 1;
      const [lastName, firstName] = person(true);
      out.aesh.push({
        id,
        matricule: `A${String(84_000_000 + id * 7)}`,
        lastName,
        firstName,
        homeCommune: random.pick(schoolsOfPole.get(pole.id)!).commune,
        poleId: pole.id,
        skills: JSON.stringify(random.chance(0.25) ? [random.pick(SKILLS)] : []),
        referent: random.chance(0.02) ? 1 : 0,
      });
      const weekly = HOURS(random.weighted([[24, 60], [20, 8], [21, 7], [27, 8], [30, 7], [35, 5], [39, 5]] as const));
      const cdi = random.chance(0.45);
      const start = cdi ? subYears(today, random.int(3, 10)) : subDays(today, random.int(30, 3 * 365 - 30));
      // A few CDD end before the school year does, while their slots run on; none lasts over the
      // 3 years a CDD may (the contract form's rule, which the importer applies too).
      const fullTerm = iso(subDays(addYears(start, 3), 1));
      const early = !cdi && random.chance(0.06) ? iso(addDays(today, random.int(10, 120))) : fullTerm;
      const end = cdi ? null : early < fullTerm ? early : fullTerm;
      out.contracts.push({ id, aeshId: id, kind: cdi ? 'CDI' : 'CDD', startDate: iso(start), endDate: end, weeklyMinutes: weekly });
      if (random.chance(0.06)) {
        out.absences.push({ id: out.absences.length + 1, aeshId: id, startDate: iso(subDays(today, random.int(0, 10))), endDate: iso(addDays(today, random.int(0, 20))), reason: random.pick(ABSENCE_REASONS) });
      }
      if (random.chance(0.1)) {
        const begin = subDays(today, random.int(30, 90));
        out.absences.push({ id: out.absences.length + 1, aeshId: id, startDate: iso(begin), endDate: iso(addDays(begin, random.int(1, 5))), reason: random.pick(ABSENCE_REASONS) });
      }
      states.push({ id, free: weekly, schools: [], busy: new Map() });
    }
    aeshOfPole.set(pole.id, states);
  }

  // The timetable: serve the oldest notifications first, as coordinators do; many pupils notified
  // in the last weeks are still waiting.
  const notificationOf = new Map(out.notifications.map((n) => [n.pupilId, n]));
  const recentLimit = iso(subDays(today, 45));
  const pupilsOfSchool = new Map<number, DemoRow<'pupils'>[]>();
  for (const pupil of out.pupils) pupilsOfSchool.set(pupil.schoolId, [...(pupilsOfSchool.get(pupil.schoolId) ?? []), pupil]);
  for (const pole of out.poles) {
    const needs: Need[] = [];
    for (const school of schoolsOfPole.get(pole.id)!) {
      const pupils = pupilsOfSchool.get(school.id) ?? [];
      const waiting = (id: number): boolean => notificationOf.get(id)!.startDate > recentLimit && random.chance(0.6);
      const individual = pupils.filter((p) => notificationOf.get(p.id)?.kind === 'individual' && !waiting(p.id));
      for (const pupil of individual) {
        // Under scarcity some pupils get only part of their hours.
        const notified = notificationOf.get(pupil.id)!.weeklyMinutes!;
        const minutes = random.chance(0.07) ? Math.max(HOURS(3), notified - HOURS(random.pick([3, 4, 6]))) : notified;
        needs.push({ schoolId: school.id, pupilIds: [pupil.id], minutes, nature: 'accompaniment' });
      }
      const shared = pupils.filter((p) => notificationOf.get(p.id)?.kind === 'shared' && !waiting(p.id));
      for (let g = 0; g < shared.length; g += 3) {
        needs.push({ schoolId: school.id, pupilIds: shared.slice(g, g + 3).map((p) => p.id), minutes: HOURS(random.pick([6, 9, 12])), nature: 'accompaniment' });
      }
      if (ulisSchools.has(school.id)) needs.push({ schoolId: school.id, pupilIds: [], minutes: HOURS(24), nature: 'ulis' });
    }
    needs.sort((a, b) => (a.pupilIds[0] ? notificationOf.get(a.pupilIds[0])?.startDate ?? '' : '').localeCompare(b.pupilIds[0] ? notificationOf.get(b.pupilIds[0])?.startDate ?? '' : ''));
    for (const need of needs) placeNeed(need, aeshOfPole.get(pole.id)!, out, random);
  }
  const lunchPupils = new Set(out.notifications.filter((n) => n.lunchBreak === 1).map((n) => n.pupilId));
  const morningSlots = out.slotPupils.filter((link) => lunchPupils.has(link.pupilId));
  for (const link of morningSlots) addLunchSlot(link.pupilId, out.slots[link.slotId - 1]!, out);
  if (scale === 'department') addSaisines(out, seed, today, rentreeYear);
  return out;
}

/** The PAS given a year of saisines in the département: a few, as the first PAS of a rentrée would be. */
const PAS_WITH_SAISINES = 4;
// The natures the migration lists (db/migrations/0006_saisines.ts), by id, weighted as PAS report them.
const NATURE_WEIGHTS = [[1, 30], [2, 25], [3, 15], [4, 10], [5, 8], [6, 5], [7, 5], [8, 2]] as const;

/**
 * A school year of saisines for a few PAS, from the rentrée to today: most followed step by step
 * (a week or three between steps, some late), some plans sent back by the pilots, some réorientées
 * or sans suite. A generator of its own, so that the rows of the rest of the record stay the same
 * whatever is drawn here; pupils without an MDPH file are added after every other pupil.
 */
function addSaisines(out: DemoRecord, seed: number, today: Date, rentreeYear: number): void {
  const random = new Random(seed ^ 0x5a151e5);
  const now = iso(today);
  // From the previous rentrée: last year's saisines mostly answered, this year's under way.
  const rentree = new Date(rentreeYear - 1, 8, 8);
  const pupilsOfSchool = Map.groupBy(out.pupils, (p) => p.schoolId);
  const days = Math.max(1, Math.round((today.getTime() - rentree.getTime()) / 86_400_000));
  for (const pole of out.poles.filter((p) => p.kind === 'PAS').slice(0, PAS_WITH_SAISINES)) {
    const schools = out.schools.filter((s) => s.poleId === pole.id);
    const count = Math.round(days / 365 * random.int(60, 110));
    const received = Array.from({ length: count }, () => iso(addDays(rentree, random.int(0, days - 1)))).sort();
    const numbered = new Map<string, number>();
    for (const receivedOn of received) {
      const year = receivedOn.slice(0, 4);
      const number = `${year}-${String((numbered.get(year) ?? 0) + 1).padStart(3, '0')}`;
      numbered.set(year, (numbered.get(year) ?? 0) + 1);
      addSaisine(receivedOn, number);
    }
    function addSaisine(receivedOn: string, number: string): void {
      const school = random.pick(schools);
      const known = pupilsOfSchool.get(school.id) ?? [];
      let pupilId: number;
      if (known.length > 0 && random.chance(0.35)) {
        pupilId = random.pick(known).id;
      } else {
        // Most saisines concern pupils the record does not know: no MDPH file.
        const level = random.pick(LEVELS_BY_KIND[school.kind as SchoolKind]);
        pupilId = out.pupils.length + 1;
        out.pupils.push({
          id: pupilId, identifier: `${pole.code}-${number}`,
          lastName: random.pick(LAST_NAMES), firstName: random.pick(FIRST_NAMES),
          birthDate: iso(addDays(new Date(rentreeYear - (AGE_AT_LEVEL[level] ?? 8), 0, 1), random.int(0, 364))),
          schoolId: school.id, level, className: level, ulis: 0,
        });
      }
      const family = random.chance(0.55);
      const [requesterLast, requesterFirst] = [random.pick(LAST_NAMES), random.pick(ADULT_FIRST_NAMES)];
      const id = out.saisines.length + 1;
      const saisine: DemoRow<'saisines'> = {
        id, poleId: pole.id, number, receivedOn,
        channel: random.weighted([['courriel', 45], ['telephone', 30], ['rendez_vous', 15], ['courrier', 10]] as const),
        origin: family ? 'famille' : random.chance(0.9) ? 'equipe' : 'autre',
        requester: family ? `${random.chance(0.7) ? 'Mme' : 'M.'} ${requesterLast}` : `${requesterFirst} ${requesterLast}, enseignant(e)`,
        requesterContact: family ? `06 ${String(random.int(10, 99))} ${String(random.int(10, 99))} ${String(random.int(10, 99))} ${String(random.int(10, 99))}` : null,
        pupilId, schoolId: school.id,
        plans: random.chance(0.3) ? random.pick(['PPRE', 'PAP', 'PAI', 'PPRE,PAP']) : '',
        mdphStatus: random.weighted([['aucun', 75], ['en_cours', 20], ['notifie', 5]] as const),
        lpiConsultedOn: null, natureId: random.weighted(NATURE_WEIGHTS), description: null,
        coordinator: pole.coordinator, educator: `${random.pick(ADULT_FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
        goals: null, bilanActions: null, bilanEffects: null, bilanNext: null, bilanSentOn: null,
        closure: null, reorientedTo: null, closedOn: null, anonymisedOn: null,
      };
      out.saisines.push(saisine);
      // Each step a week or three after the previous one, as long as the date is not past today;
      // one in six stalls (a reminder), a few stop early, sent elsewhere or dropped.
      const stalls = random.chance(0.15);
      const stopsAt = random.weighted([[7, 70], [2, 10], [3, 10], [1, 10]] as const);
      let date = receivedOn;
      for (let step = 1; step <= stopsAt; step += 1) {
        const next = addDaysIso(date, step === 1 ? random.int(0, 5) : step === 7 ? random.int(40, 90) : random.int(7, stalls ? 40 : 21));
        if (next > now) return;
        date = next;
        const decision = step === 5 ? (random.chance(0.85) ? 'valide' : 'a_revoir') : null;
        if (step === 2) saisine.lpiConsultedOn = date;
        out.saisineSteps.push({
          id: out.saisineSteps.length + 1, saisineId: id, step, date, author: step === 4 ? saisine.educator : pole.coordinator, decision, note: null,
        });
        if (step === 5 && decision === 'a_revoir') return;
        if (step === 5) {
          for (let a = random.int(1, 3); a > 0; a -= 1) {
            const start = addDaysIso(date, random.int(3, 14));
            const type = random.weighted([['conseil', 35], ['amenagement', 30], ['intervention', 20], ['mpa', 10], ['orientation', 5]] as const);
            out.saisineActions.push({
              id: out.saisineActions.length + 1, saisineId: id, type, description: null, owner: type === 'intervention' ? saisine.educator : pole.coordinator,
              startDate: start, endDate: addDaysIso(start, random.int(30, 70)), frequency: random.pick(['1 h par semaine', 'tous les 15 jours', 'ponctuel']),
            });
          }
        }
      }
      if (stopsAt < 7) {
        saisine.closure = random.chance(0.6) ? 'reorientee' : 'sans_suite';
        saisine.reorientedTo = saisine.closure === 'reorientee' ? random.pick(['mdph', 'enseignant_referent', 'medico_social']) : null;
        saisine.closedOn = date;
      } else {
        saisine.bilanActions = 'Actions menées comme prévu au plan.';
        saisine.bilanNext = random.weighted([['clore', 60], ['poursuivre', 25], ['orienter_mdph', 15]] as const);
        saisine.bilanSentOn = date;
        if (saisine.bilanNext !== 'poursuivre') {
          saisine.closure = saisine.bilanNext === 'clore' ? 'cloturee' : 'reorientee';
          saisine.reorientedTo = saisine.closure === 'reorientee' ? 'mdph' : null;
          saisine.closedOn = date;
        }
      }
    }
  }
}

function freeAt(state: AeshState, weekday: Weekday, start: number, end: number): boolean {
  return (state.busy.get(weekday) ?? []).every(([s, e]) => e <= start || end <= s);
}

/** Fills `need` with half-day blocks of the school's grid, taking AESH already there first. */
function placeNeed(need: Need, staff: AeshState[], out: DemoRecord, random: Random): void {
  const school = out.schools[need.schoolId - 1]!;
  const grid = JSON.parse(school.gridJson) as WeekGrid;
  const blocks: [Weekday, number, number][] = [];
  for (const [day, ranges] of Object.entries(grid)) for (const r of ranges) blocks.push([Number(day) as Weekday, r.start, r.end]);
  const offset = random.int(0, blocks.length - 1);
  let left = need.minutes;
  for (let b = 0; b < blocks.length && left > 0; b += 1) {
    const [weekday, start, blockEnd] = blocks[(b + offset) % blocks.length]!;
    const length = Math.min(blockEnd - start, left);
    const candidates = staff.filter((a) => {
      const newSchool = !a.schools.includes(need.schoolId);
      const room = a.free - (newSchool && a.schools.length > 0 ? HOURS(1) : 0);
      return room >= length && (!newSchool || a.schools.length < 2) && freeAt(a, weekday, start, start + length);
    });
    const aesh = candidates.find((a) => a.schools.includes(need.schoolId)) ?? candidates[0];
    if (aesh === undefined) continue;
    if (!aesh.schools.includes(need.schoolId)) {
      // A second school means journeys, which count in the working time: keep an hour for them.
      if (aesh.schools.length > 0) aesh.free -= HOURS(1);
      aesh.schools.push(need.schoolId);
    }
    aesh.free -= length;
    aesh.busy.set(weekday, [...(aesh.busy.get(weekday) ?? []), [start, start + length]]);
    const id = out.slots.length + 1;
    out.slots.push({ id, aeshId: aesh.id, schoolId: need.schoolId, weekday, startMinute: start, endMinute: start + length, nature: need.nature, validFrom: null, validTo: null });
    for (const pupilId of need.pupilIds) out.slotPupils.push({ slotId: id, pupilId });
    left -= length;
  }
}

/** Lunch-break support by the pupil's morning AESH, in the hour after the morning ends. */
function addLunchSlot(pupilId: number, morning: DemoRow<'slots'>, out: DemoRecord): void {
  if (morning.nature !== 'accompaniment' || morning.endMinute > HOURS(12)) return;
  const id = out.slots.length + 1;
  out.slots.push({ ...morning, id, nature: 'lunch', startMinute: morning.endMinute, endMinute: morning.endMinute + 60 });
  out.slotPupils.push({ slotId: id, pupilId });
}

