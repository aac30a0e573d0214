// The workbooks the app writes: the whole record (re-importable as it is), the PIAL dashboards,
// the survey sheet and the AESH timetables.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type * as XLSX from 'xlsx';
import { isFirstDegree, NOTIFICATION_KIND_LABELS, POLE_KIND_LABELS, SCHOOL_KIND_LABELS, SECTOR_LABELS, SLOT_NATURE_LABELS, WEEK_PATTERN_LABELS, WEEKDAY_LABELS, type NotificationKind, type PoleKind, type SchoolKind, type Sector, type SlotNature, type WeekPattern, type Weekday } from '../../shared/domain/enums.ts';
import { formatClockInput } from '../../shared/domain/hours.ts';
import { BILAN_NEXT_LABELS, PILOT_DECISION_LABELS, REORIENTATION_LABELS, SAISINE_CHANNEL_LABELS, saisineStatus, SAISINE_STATUS_LABELS, type ActionType, type BilanNext, type Closure, type MdphStatus, type PilotDecision, type Reorientation, type SaisineChannel, type SaisineOrigin, type StepNumber } from '../../shared/domain/saisines.ts';
import { ACTION_TYPE_WORDS, MDPH_STATUS_WORDS, SAISINE_ORIGIN_WORDS, STEP_WORDS } from '../../shared/exchange/values.ts';
import { SHEETS, type SheetKey } from '../../shared/exchange/sheets.ts';
import { workedMinutes, type Analysis } from '../../shared/gaps/analysis.ts';
import type { Gap } from '../../shared/gaps/types.ts';
import { GAP_LABELS } from '../../shared/gaps/types.ts';
import { pupilStatuses, SUPPORT_CATEGORY_LABELS, type Indicators, type PoleIndicators, type SupportCategory, type SupportStatus } from '../../shared/gaps/indicators.ts';
import { formatCells, sheetOf, workbookBytes, type OutCell } from './cells.ts';

type Row = Record<string, string | number | null>;
const hours = (minutes: number | null): number | null => (minutes === null ? null : Math.round((minutes / 60) * 100) / 100);
/** A calendar date as an Excel date cell (midnight UTC, which SheetJS writes as that day). */
const day = (iso: unknown): Date | null => (typeof iso === 'string' && iso !== '' ? new Date(`${iso}T00:00:00Z`) : null);
const yesNo = (flag: unknown): string => (flag === 1 ? 'oui' : 'non');
const headers = (key: SheetKey): string[] => SHEETS[key].columns.map((c) => c.label);

/** The full record as the exchange workbook; importing it into an empty record gives the same record. */
export function exportRecord(sqlite: BetterSqlite3.Database): Uint8Array {
  const all = (sql: string): Row[] => sqlite.prepare(sql).all() as Row[];
  const poles = all('select * from poles order by code');
  const schools = all('select s.*, p.code pole from schools s left join poles p on p.id = s.pole_id order by s.uai');
  const pupils = all('select e.*, s.uai from pupils e join schools s on s.id = e.school_id order by e.identifier');
  const notifications = all('select n.*, e.identifier from notifications n join pupils e on e.id = n.pupil_id order by e.identifier, n.start_date');
  const contracts = all(`select a.*, p.code pole, c.kind contract_kind, c.start_date contract_start, c.end_date contract_end, c.weekly_minutes
    from aesh a left join poles p on p.id = a.pole_id left join contracts c on c.aesh_id = a.id order by a.matricule, c.start_date`);
  const absences = all('select x.*, a.matricule from absences x join aesh a on a.id = x.aesh_id order by a.matricule, x.start_date');
  const slots = all(`select c.*, a.matricule, s.uai, (select group_concat(identifier, ';') from (select e.identifier from slot_pupils sp join pupils e on e.id = sp.pupil_id where sp.slot_id = c.id order by e.identifier)) pupils
    from slots c join aesh a on a.id = c.aesh_id join schools s on s.id = c.school_id order by a.matricule, c.weekday, c.start_minute`);
  const sheets: [string, XLSX.WorkSheet][] = [
    [SHEETS.poles.name, sheetOf(headers('poles'), poles.map((p) => [p.code, p.name, POLE_KIND_LABELS[p.kind as PoleKind], p.coordinator, p.pilot]))],
    [SHEETS.schools.name, sheetOf(headers('schools'), schools.map((s) => [
      s.uai, s.name, SCHOOL_KIND_LABELS[s.kind as SchoolKind], SECTOR_LABELS[s.sector as Sector], s.commune, s.pole, WEEK_PATTERN_LABELS[s.week as WeekPattern], s.latitude, s.longitude,
    ]))],
    [SHEETS.pupils.name, sheetOf(headers('pupils'), pupils.map((e) => [e.identifier, e.last_name, e.first_name, day(e.birth_date), e.uai, e.level, e.class_name, yesNo(e.ulis)]))],
    [SHEETS.notifications.name, sheetOf(headers('notifications'), notifications.map((n) => [
      n.identifier, NOTIFICATION_KIND_LABELS[n.kind as NotificationKind], hours(n.weekly_minutes as number | null), day(n.start_date), day(n.end_date), yesNo(n.lunch_break), n.activities,
    ]))],
    [SHEETS.aesh.name, sheetOf(headers('aesh'), contracts.map((a) => [
      a.matricule, a.last_name, a.first_name, a.home_commune, a.pole, a.contract_kind, day(a.contract_start), day(a.contract_end), hours(a.weekly_minutes as number | null), yesNo(a.referent), (JSON.parse(String(a.skills)) as string[]).join(', '),
    ]))],
    [SHEETS.absences.name, sheetOf(headers('absences'), absences.map((x) => [x.matricule, day(x.start_date), day(x.end_date), x.reason]))],
    [SHEETS.slots.name, sheetOf(headers('slots'), slots.map((c) => [
      c.matricule, c.uai, WEEKDAY_LABELS[c.weekday as Weekday], formatClockInput(Number(c.start_minute)), formatClockInput(Number(c.end_minute)), c.pupils, SLOT_NATURE_LABELS[c.nature as SlotNature], day(c.valid_from), day(c.valid_to),
    ]))],
    ...saisineSheets(all),
  ];
  return workbookBytes(sheets);
}

/**
 * The PAS's register: an anonymised saisine has no pupil and no personal text left, so its row
 * carries only the figures and the date it was anonymised. Steps and actions name their saisine by number, with its pôle when
 * several PAS use that number (each PAS numbers its own).
 */
function saisineSheets(all: (sql: string) => Row[]): [string, XLSX.WorkSheet][] {
  const saisines = all(`select s.*, p.code pole, sc.uai, n.label nature, e.identifier, e.last_name, e.first_name, e.birth_date, e.level, e.class_name,
    (select count(*) from saisines o where o.number = s.number) shared
    from saisines s join poles p on p.id = s.pole_id join schools sc on sc.id = s.school_id join saisine_natures n on n.id = s.nature_id
    left join pupils e on e.id = s.pupil_id order by p.code, s.received_on, s.number`);
  const of = (table: string, order: string): Row[] => all(`select x.*, s.number, p.code pole, (select count(*) from saisines o where o.number = s.number) shared
    from ${table} x join saisines s on s.id = x.saisine_id join poles p on p.id = s.pole_id order by p.code, s.received_on, s.number, ${order}`);
  const steps = of('saisine_steps', 'x.date, x.step');
  const actions = of('saisine_actions', 'x.start_date, x.id');
  const stepsOf = Map.groupBy(steps, (st) => st.saisine_id);
  const named = (x: Row): string | number | null => (Number(x.shared) > 1 ? `${x.pole} ${x.number}` : x.number ?? null);
  const status = (s: Row): string => {
    const facts = (stepsOf.get(s.id) ?? []).map((st) => ({ step: st.step as StepNumber, date: String(st.date), decision: st.decision as PilotDecision | null }));
    const reached = saisineStatus(facts, s.closure as Closure | null);
    return reached === 'reorientee' ? `réorientée (${REORIENTATION_LABELS[s.reoriented_to as Reorientation]})` : SAISINE_STATUS_LABELS[reached];
  };
  return [
    [SHEETS.saisines.name, sheetOf(headers('saisines'), saisines.map((s) => [
      s.number, s.pole, day(s.received_on), s.channel === null ? null : SAISINE_CHANNEL_LABELS[s.channel as SaisineChannel], SAISINE_ORIGIN_WORDS[s.origin as SaisineOrigin],
      s.requester, s.identifier, s.last_name, s.first_name, day(s.birth_date), s.uai, s.level, s.class_name, String(s.plans).split(',').filter((x) => x !== '').join(', '),
      MDPH_STATUS_WORDS[s.mdph_status as MdphStatus], day(s.lpi_consulted_on), s.nature, s.description, s.coordinator, s.educator, status(s), day(s.closed_on),
      // The columns added by Planif AESH (shared/exchange/sheets.ts); the anonymisation left no text in them.
      s.requester_contact, s.goals, s.bilan_actions, s.bilan_effects, s.bilan_next === null ? null : BILAN_NEXT_LABELS[s.bilan_next as BilanNext],
      day(s.bilan_sent_on), day(s.anonymised_on),
    ]))],
    [SHEETS.steps.name, sheetOf(headers('steps'), steps.map((st) => [
      named(st), STEP_WORDS[st.step as StepNumber], day(st.date), st.author, st.decision === null ? null : PILOT_DECISION_LABELS[st.decision as PilotDecision], st.note,
    ]))],
    [SHEETS.actions.name, sheetOf(headers('actions'), actions.map((a) => [
      named(a), ACTION_TYPE_WORDS[a.type as ActionType], a.description, a.owner, day(a.start_date), day(a.end_date), a.frequency,
    ]))],
  ];
}

const STATUS_LABELS: Record<SupportStatus, string> = { full: 'accompagné en totalité', partial: 'accompagné en partie', none: 'sans AESH' };

const INDICATOR_HEADERS = [
  'Pôle', 'Nom', 'Élèves notifiés', 'Accompagnés en totalité', 'Accompagnés en partie', 'Sans AESH', 'Taux en totalité',
  'Heures notifiées (individuelles)', 'Heures planifiées', 'Heures réalisées', 'AESH sous contrat', 'ETP', 'CDD', 'CDI',
  'Heures au contrat', 'Heures planifiées AESH', 'Heures disponibles', 'Moyenne h / élève (individuelle)',
];
/** Rates are stored as fractions and shown as percentages: 0.945 reads 94,5 % in a French Excel. */
const RATE_COLUMN = INDICATOR_HEADERS.indexOf('Taux en totalité');
const PERCENT = '0.0 %';

function indicatorRow(p: PoleIndicators): OutCell[] {
  return [
    p.poleCode ?? 'Département', p.poleName, p.pupils.notified, p.pupils.full, p.pupils.partial, p.pupils.none,
    p.pupils.notified === 0 ? null : Math.round((p.pupils.full / p.pupils.notified) * 1000) / 1000,
    hours(p.hours.notifiedMinutes), hours(p.hours.scheduledMinutes), hours(p.hours.deliveredMinutes),
    p.aesh.headcount, p.aesh.etp, p.aesh.cdd, p.aesh.cdi, hours(p.aesh.contractMinutes), hours(p.aesh.scheduledMinutes), hours(p.aesh.spareMinutes),
    hours(p.averageIndividualMinutes),
  ];
}

/** One summary sheet (a row per pôle) and one sheet per pôle: its figures, pupils, AESH and gaps. */
export function exportDashboards(analysis: Analysis, indicators: Indicators, gaps: readonly Gap[], poleCode?: string): Uint8Array {
  const poles = indicators.poles.filter((p) => poleCode === undefined || p.poleCode === poleCode);
  const statuses = pupilStatuses(analysis);
  const summaryRows = [...poles.map(indicatorRow), ...(poleCode === undefined ? [indicatorRow(indicators.total)] : [])];
  const summary = sheetOf(INDICATOR_HEADERS, summaryRows, { widths: INDICATOR_HEADERS.map((h) => Math.max(12, h.length + 2)) });
  formatCells(summary, RATE_COLUMN, 1, summaryRows.length, PERCENT);
  const sheets: [string, XLSX.WorkSheet][] = [['Synthèse', summary]];
  for (const pole of poles) {
    // The pôle's title and figures, then its pupils: the table whose header is frozen with the
    // figures above it and filtered. The AESH and the alerts follow as sections of their own.
    const pupils: OutCell[][] = statuses.filter((s) => s.coverage.school.poleId === pole.poleId).map(({ coverage: c, category, status }) => [
      c.pupil.identifier, c.pupil.lastName, c.pupil.firstName, c.school.uai, c.school.name, SUPPORT_CATEGORY_LABELS[category],
      hours(c.notification?.weeklyMinutes ?? null), hours(c.plannedMinutes), hours(c.deliveredMinutes), STATUS_LABELS[status], day(c.notification?.startDate),
    ]);
    const rows: OutCell[][] = [
      INDICATOR_HEADERS, indicatorRow(pole),
      ['Élève : identifiant', 'Nom', 'Prénom', 'UAI', 'Établissement', 'Aide', 'Heures notifiées', 'Heures planifiées', 'Heures réalisées', 'Situation', 'Notifiée depuis le'],
      ...pupils,
    ];
    const section = (title: string, header: string[], body: OutCell[][]): void => {
      rows.push([], [title], header, ...body);
    };
    section('AESH', ['Matricule', 'Nom', 'Prénom', 'Contrat', 'Heures au contrat', 'Heures planifiées', 'dont trajets', 'Heures disponibles'],
      analysis.loads.filter((l) => l.poleId === pole.poleId).map((l) => {
        const scheduled = workedMinutes(l);
        return [l.aesh.matricule, l.aesh.lastName, l.aesh.firstName, l.contract?.kind ?? 'aucun', hours(l.contract?.weeklyMinutes ?? null), hours(scheduled), hours(l.travelMinutes), hours((l.contract?.weeklyMinutes ?? 0) - scheduled)];
      }));
    section('Alertes', ['Gravité', 'Alerte', 'UAI', 'Élève', 'AESH', 'Heures manquantes', 'Détail'],
      gaps.filter((g) => g.poleId === pole.poleId).map((g) => [g.severity, GAP_LABELS[g.code], g.uai, g.pupil, g.aesh, hours(g.missingMinutes), g.message]));
    // Row 0 is the title, 1 and 2 the figures, 3 the pupils' header.
    const sheet = sheetOf([`${pole.poleCode} — ${pole.poleName} — situation au ${analysis.date.split('-').reverse().join('/')}`], rows, {
      widths: [16, 22, 16, 12, 28, 14, 12, 12, 12, 22, 60], table: { headerRow: 3, rows: pupils.length },
    });
    formatCells(sheet, RATE_COLUMN, 2, 2, PERCENT);
    sheets.push([pole.poleCode ?? 'Sans pôle', sheet]);
  }
  return workbookBytes(sheets);
}

/** One flat sheet for an academic survey: the département's figures split every way asked, and the pupils waiting. */
export function exportSurvey(analysis: Analysis, indicators: Indicators): Uint8Array {
  const header = ['Niveau', 'Pôle', 'Découpage', 'Valeur', 'Élèves notifiés', 'En totalité', 'En partie', 'Sans AESH', 'Heures notifiées', 'Heures planifiées', 'Heures réalisées', 'AESH', 'ETP'];
  const rows: OutCell[][] = [];
  for (const p of [indicators.total, ...indicators.poles]) {
    const level = p.poleCode === null ? 'Département' : 'Pôle';
    const pole = p.poleCode ?? '';
    rows.push([level, pole, 'Ensemble', '', p.pupils.notified, p.pupils.full, p.pupils.partial, p.pupils.none, hours(p.hours.notifiedMinutes), hours(p.hours.scheduledMinutes), hours(p.hours.deliveredMinutes), p.aesh.headcount, p.aesh.etp]);
    for (const [category, counts] of Object.entries(p.byCategory) as [SupportCategory, PoleIndicators['pupils']][]) {
      rows.push([level, pole, 'Type d’aide', SUPPORT_CATEGORY_LABELS[category], counts.notified, counts.full, counts.partial, counts.none, null, null, null, null, null]);
    }
    rows.push([level, pole, 'Degré', '1er degré', p.byDegree.first.notified, p.byDegree.first.full, p.byDegree.first.partial, p.byDegree.first.none, null, null, null, null, null]);
    rows.push([level, pole, 'Degré', '2nd degré', p.byDegree.second.notified, p.byDegree.second.full, p.byDegree.second.partial, p.byDegree.second.none, null, null, null, null, null]);
  }
  const waitingHeader = ['Pôle', 'Identifiant', 'Élève', 'Aide', 'Degré', 'Notifiée depuis le', 'Jours d’attente'];
  const waiting: OutCell[][] = indicators.poles.flatMap((p) => p.waiting.map((w) => {
    const school = analysis.coverageByPupil.get(w.pupilId)!.school;
    return [p.poleCode, w.identifier, w.name, SUPPORT_CATEGORY_LABELS[w.category], isFirstDegree(school.kind) ? '1er degré' : '2nd degré', day(w.since), w.days];
  }));
  return workbookBytes([
    [`Enquête ${analysis.date.split('-').reverse().join('-')}`, sheetOf(header, rows, { widths: [12, 16, 14, 12, 14, 12, 12, 12, 14, 14, 14, 8, 8] })],
    ['Élèves en attente', sheetOf(waitingHeader, waiting, { widths: [16, 14, 26, 12, 10, 16, 14] })],
  ]);
}

/**
 * An AESH's sheet: "Dumont N. 12345", the matricule telling apart two AESH of the same name.
 * Excel allows 31 characters: a long last name is cut, never the matricule.
 */
export function timetableSheetName(aesh: { lastName: string; firstName: string; matricule: string }): string {
  const initial = aesh.firstName.trim().charAt(0);
  const tail = `${initial === '' ? '' : ` ${initial}.`} ${aesh.matricule}`;
  return `${aesh.lastName.slice(0, Math.max(1, 31 - tail.length)).trim()}${tail}`;
}

/** One sheet per AESH: their week, school by school. */
export function exportTimetables(analysis: Analysis, poleCode?: string): Uint8Array {
  const pole = poleCode === undefined ? undefined : analysis.record.poles.find((p) => p.code === poleCode);
  const header = ['Jour', 'Début', 'Fin', 'Nature', 'UAI', 'Établissement', 'Commune', 'Élèves'];
  const sheets: [string, XLSX.WorkSheet][] = analysis.loads
    .filter((l) => l.slots.length > 0 && (pole === undefined || l.poleId === pole.id))
    .map((l) => [
      timetableSheetName(l.aesh),
      sheetOf(header, l.slots.map((s) => {
        const school = analysis.schoolById.get(s.schoolId)!;
        const pupils = s.pupilIds.map((id) => analysis.pupilById.get(id)!).map((p) => `${p.firstName} ${p.lastName[0]}.`).join(', ');
        return [WEEKDAY_LABELS[s.weekday], formatClockInput(s.startMinute), formatClockInput(s.endMinute), SLOT_NATURE_LABELS[s.nature], school.uai, school.name, school.commune, pupils];
      }), { widths: [10, 8, 8, 16, 11, 34, 20, 40] }),
    ]);
  return workbookBytes(sheets);
}
