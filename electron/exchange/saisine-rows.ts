// The PAS's sheets of the exchange workbook, `Saisines`, `Étapes` and `Actions`
// (../shared/docs/workbook.md), read like every sheet by import.ts: each row checked with the
// schema of its form (shared/api/saisines.ts), referenced by natural key, classified, and written
// in the import's one transaction. A saisine is numbered per PAS, so its key is "<pôle>|<numéro>";
// its steps and actions name it by number, or by "<pôle> <numéro>" when several PAS share it.
import { actionFields, bilanFields, closeFields, natureFields, planFields, saisineFields, stepFields } from '../../shared/api/saisines.ts';
import { birthDateProblem } from '../../shared/domain/birth-date.ts';
import {
  isClosed, REORIENTATIONS, type BilanNext, type Closure, type MdphStatus, type PilotDecision, type Reorientation, type SaisineChannel,
  type SaisineStatus, type SchoolPlan,
} from '../../shared/domain/saisines.ts';
import {
  ACTION_TYPE, BILAN_NEXT_CHOICE, DECISION, MDPH_STATUS, PLANS, readDate, readText, readUai, SAISINE_CHANNEL, SAISINE_ORIGIN, SAISINE_STATUS, SAISINE_STATUS_WORDS,
  STEP, valueKey, type StatusCell,
} from '../../shared/exchange/values.ts';
import type { SheetKey } from '../../shared/exchange/sheets.ts';
import type { ServiceContext, Trx } from '../services/context.ts';
import type { AnyRow } from '../services/rows.ts';
import { anonymise, recordAnonymised } from '../services/saisines.ts';
import type { Op, Planner, Ref } from './import.ts';
import { checked, label, RESOLVED, resolved, RowRefusal, type RowReader } from './rows.ts';

export type SaisineTable = 'saisineNatures' | 'saisines' | 'saisineSteps' | 'saisineActions';
/** Natures are referred to by their label (case and accents ignored), saisines by pôle and number. */
export type SaisineKeyTable = 'saisineNatures' | 'saisines';

export const SAISINE_TABLE_WORDS: Record<SaisineTable, string> = {
  saisineNatures: 'natures de saisine', saisines: 'saisines', saisineSteps: 'étapes', saisineActions: 'actions',
};

const saisineKey = (poleCode: string, number: string): string => `${poleCode}|${number}`;

/** The natural key of a row of Saisines as written, to name it when a step refers to a refused one. */
export function saisineKeyOf(r: RowReader): string | null {
  const number = r.key('number');
  const pole = r.key('pole');
  return number === null || pole === null ? null : saisineKey(pole, number);
}

/** The register's rows by natural key, and the keys of natures and saisines by id, for loadState. */
export function loadSaisineState(all: (table: string) => AnyRow[], keyOf: { poles: Map<number, string> }): {
  rows: Record<SaisineTable, Map<string, AnyRow>>;
  keyOf: Record<SaisineKeyTable, Map<number, string>>;
} {
  const natures = all('saisine_natures');
  const saisines = all('saisines');
  const natureKey = new Map(natures.map((n) => [n.id, valueKey(String(n.label))]));
  const saisineKeys = new Map(saisines.map((s) => [s.id, saisineKey(keyOf.poles.get(Number(s.poleId))!, String(s.number))]));
  const owner = (r: AnyRow): string => saisineKeys.get(Number(r.saisineId))!;
  return {
    rows: {
      saisineNatures: new Map(natures.map((n) => [natureKey.get(n.id)!, n])),
      saisines: new Map(saisines.map((s) => [saisineKeys.get(s.id)!, s])),
      saisineSteps: new Map(all('saisine_steps').map((s) => [`${owner(s)}|${Number(s.step)}|${String(s.date)}`, s])),
      saisineActions: new Map(occurrences(all('saisine_actions'), (a) => `${owner(a)}|${String(a.type)}|${(a.startDate as string | null) ?? ''}`)),
    },
    keyOf: { saisineNatures: natureKey, saisines: saisineKeys },
  };
}

/**
 * Two actions of one type may start the same day (or both without a date): the key of the second
 * is "<key>#1", and so on, in the order they were recorded, which is the order the export writes.
 */
const occurrenceKey = (key: string, n: number): string => (n === 0 ? key : `${key}#${n}`);
function occurrences(rows: readonly AnyRow[], keyOf: (row: AnyRow) => string): [string, AnyRow][] {
  const seen = new Map<string, number>();
  return rows.toSorted((a, b) => a.id - b.id).map((row) => {
    const key = keyOf(row);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return [occurrenceKey(key, n), row];
  });
}

/** An optional text column: the file's when it has the column, else the record's. */
const text = (r: RowReader, p: Planner, key: string, existing: AnyRow | undefined): string | null =>
  p.given(r, key, readText, existing?.[key] as string | null | undefined);
const date = (r: RowReader, p: Planner, key: string, existing: AnyRow | undefined): string | null =>
  p.given(r, key, readDate, existing?.[key] as string | null | undefined);

const BEFORE_RECEPTION = 'Cette date est avant la réception de la saisine.';
const ANONYMISED = 'Cette saisine est anonymisée : elle ne se modifie plus.';

/**
 * Refuses a change to what the retention period anonymised, and a personal text (`column`) on a
 * step or an action of an anonymised saisine: a file must not bring personal data back.
 */
function refuseAnonymised(op: Op, anonymised: SaisineFound['anonymised'], target: SheetKey, column: string): Op {
  if (anonymised === 'record' && op.status !== 'unchanged') throw new RowRefusal(null, ANONYMISED);
  if (anonymised !== null && op.values[column] !== null) throw new RowRefusal(label(target, column), 'une saisine anonymisée ne garde pas ce texte');
  return op;
}

/** The closure the Statut column says: "réorientée (MDPH)" closes and says where to. */
function closureOf(status: StatusCell): { closure: Closure | null; reorientedTo: Reorientation | null } {
  const [what, to] = status.split(':') as [SaisineStatus, Reorientation | undefined];
  if (what === 'reorientee' && to === undefined) {
    const words = REORIENTATIONS.map((where) => `« ${SAISINE_STATUS_WORDS[`reorientee:${where}`]} »`).join(', ');
    throw new RowRefusal(label('saisines', 'status'), `réorientée vers qui ? écrivez ${words}`);
  }
  return isClosed(what) ? { closure: what as Closure, reorientedTo: to ?? null } : { closure: null, reorientedTo: null };
}

/** The nature by its label: one of the list, or added to it (the list is the user's to extend). */
function natureOf(r: RowReader, p: Planner): { ref: Ref; op: Op | null } {
  const { label: natureLabel } = checked('saisines', natureFields, { label: r.need('nature', readText) }, { label: 'nature' });
  const key = valueKey(natureLabel);
  const ref: Ref = { table: 'saisineNatures', key };
  if (p.fileKeys.saisineNatures.has(key) || p.state.rows.saisineNatures.has(key)) return { ref, op: null };
  p.lineNotices.push(`Nature « ${natureLabel} » ajoutée à la liste des natures de saisine.`);
  return { ref, op: p.add('saisineNatures', key, { label: natureLabel }, {}, r.line) };
}

function poleKind(p: Planner, code: string): unknown {
  return p.planned('poles', code)?.values.kind ?? p.state.rows.poles.get(code)?.kind;
}

interface SaisineFound {
  ref: Ref;
  receivedOn: string;
  /** Anonymised in the record, or created anonymised by this file. */
  anonymised: 'record' | 'file' | null;
}

const known = (p: Planner, key: string): boolean => p.fileKeys.saisines.has(key) || p.state.rows.saisines.has(key);

/**
 * The keys of the saisines of the record and of the file by number: thousands of steps look their
 * saisine up in it. Built once, and again when the file has gained or lost a saisine since (a
 * line of a flat file may feed Saisines and Étapes); what it gives is checked against the keys.
 */
const byNumber = new WeakMap<Planner, { size: number; keys: Map<string, string[]> }>();
function keysOfNumber(p: Planner, number: string): string[] {
  const build = (): Map<string, string[]> => {
    const keys = new Map<string, string[]>();
    for (const key of new Set([...p.state.rows.saisines.keys(), ...p.fileKeys.saisines])) {
      const of = key.slice(key.indexOf('|') + 1);
      keys.set(of, [...keys.get(of) ?? [], key]);
    }
    byNumber.set(p, { size: p.fileKeys.saisines.size, keys });
    return keys;
  };
  const index = byNumber.get(p);
  const found = (index?.size === p.fileKeys.saisines.size ? index.keys : build()).get(number)?.filter((key) => known(p, key)) ?? [];
  // A line dropped and another added leave the size as it was: an unknown number looks again.
  return found.length > 0 || index === undefined ? found : build().get(number) ?? [];
}

/**
 * The saisine a step or an action belongs to: "2026-007" when one PAS has that number, else
 * "PAS-01 2026-007". Refused when unknown, refused itself (with where), or shared by several PAS.
 */
function saisineOf(r: RowReader, p: Planner, target: SheetKey): SaisineFound {
  const cell = r.need('saisine', readText);
  const named = /^(\S+)\s+(\S+)$/.exec(cell);
  const withPole = named === null ? null : saisineKey(named[1]!, named[2]!);
  const found = withPole !== null && known(p, withPole) ? [withPole] : keysOfNumber(p, cell);
  const column = label(target, 'saisine');
  if (found.length > 1) {
    const poles = found.map((key) => key.slice(0, key.indexOf('|'))).sort();
    throw new RowRefusal(column, `saisine ${cell} ambiguë : les PAS ${poles.join(', ')} ont ce numéro ; écrivez « ${poles[0]} ${cell} »`);
  }
  if (found.length === 0) {
    const refused = [...p.refusedKeys].find(([key]) => key === `saisines|${withPole}` || (key.startsWith('saisines|') && key.endsWith(`|${cell}`)))?.[1];
    throw new RowRefusal(column, `Saisine ${cell} ${refused === undefined ? 'inconnue' : `refusée (${refused})`}`);
  }
  const key = found[0]!;
  const inRecord = p.state.rows.saisines.get(key);
  const inFile = p.planned('saisines', key);
  const anonymised = inRecord?.anonymisedOn != null ? 'record' : inFile?.values.anonymisedOn != null ? 'file' : null;
  return { ref: { table: 'saisines', key }, receivedOn: (inFile?.values.receivedOn ?? inRecord?.receivedOn) as string, anonymised };
}

/**
 * The saisine's pupil: a pupil of the file or the record (Identifiant élève), else the pupil the
 * row describes, to be created as the register creates one (identifier "<pôle>-<numéro>" unless
 * the row gives one). A row naming no one keeps the record's pupil, or has none.
 */
function pupilOf(r: RowReader, p: Planner, code: string, number: string, existing: AnyRow | undefined): {
  ref: Ref | null; create: boolean; described: Record<string, string | null>;
  /** The row names a pupil (an anonymised saisine names no one). */
  named: boolean;
} {
  const identifier = r.read('pupil', readText);
  const described = {
    pupilLastName: r.read('lastName', readText), pupilFirstName: r.read('firstName', readText), pupilBirthDate: r.read('birthDate', readDate),
    pupilLevel: r.read('level', readText), pupilClassName: r.read('className', readText),
  };
  if (identifier !== null && (p.fileKeys.pupils.has(identifier) || p.state.rows.pupils.has(identifier))) {
    return { ref: { table: 'pupils', key: identifier }, create: false, described: {}, named: true };
  }
  if (identifier === null && described.pupilLastName === null && described.pupilFirstName === null) {
    const kept = existing?.pupilId == null ? null : p.state.keyOf.pupils.get(Number(existing.pupilId)) ?? null;
    return { ref: kept === null ? null : { table: 'pupils', key: kept }, create: false, described: {}, named: false };
  }
  if (identifier !== null && (described.pupilLastName === null || described.pupilFirstName === null)) {
    throw new RowRefusal(label('saisines', 'pupil'), `Élève ${identifier} inconnu : donnez ses nom et prénom pour le créer avec la saisine`);
  }
  return { ref: { table: 'pupils', key: identifier ?? `${code}-${number}` }, create: true, described, named: true };
}

/**
 * When the saisine is (to be) anonymised: the record's date when it is; else the file's (Anonymisée
 * le), which anonymises it here too (a package from a record past the retention period); else, for
 * a new closed saisine naming no one (an export of anonymised saisines without that column), today,
 * as the register would have done. A row anonymised by the file must name no one: the texts the
 * retention period wipes (electron/services/saisines.ts) are refused on it, never kept.
 */
function anonymisedOnOf(
  r: RowReader, p: Planner, existing: AnyRow | undefined, closed: boolean, named: boolean, personal: Record<string, string | null>,
): string | null {
  if (existing?.anonymisedOn != null) return existing.anonymisedOn as string;
  const given = r.read('anonymisedOn', readDate);
  const namesSomeone = named || Object.values(personal).some((value) => value !== null);
  if (given === null) return existing === undefined && closed && !namesSomeone ? p.today : null;
  if (!closed) throw new RowRefusal(label('saisines', 'anonymisedOn'), 'seule une saisine close est anonymisée (Statut : clôturée, réorientée ou sans suite)');
  if (named) throw new RowRefusal(label('saisines', 'pupil'), 'une saisine anonymisée ne nomme plus l’élève');
  const kept = Object.entries(personal).find(([, value]) => value !== null);
  if (kept !== undefined) throw new RowRefusal(label('saisines', kept[0]), 'une saisine anonymisée ne garde pas ce texte');
  if (existing !== undefined) {
    p.lineNotices.push(`Saisine ${String(existing.number)} anonymisée comme dans le dossier dont vient le fichier : notes des étapes, descriptions des actions et élève connu par elle seule effacés ; cet import ne pourra pas être annulé.`);
  }
  return given;
}

const SAISINE_COLUMNS = {
  poleId: 'pole', pupilId: 'pupil', pupilLastName: 'lastName', pupilFirstName: 'firstName', pupilBirthDate: 'birthDate', pupilSchoolId: 'uai',
  pupilLevel: 'level', pupilClassName: 'className', natureId: 'nature',
};

type Parser = (r: RowReader, p: Planner) => Op[];

export const SAISINE_PARSERS: Record<'saisines' | 'steps' | 'actions', Parser> = {
  saisines: (r, p) => {
    const number = r.need('number', readText);
    const code = r.need('pole', readText);
    const pole = p.ref('poles', code, label('saisines', 'pole'));
    if (poleKind(p, code) !== 'PAS') throw new RowRefusal(label('saisines', 'pole'), `le pôle ${code} n’est pas un PAS : les saisines sont enregistrées par un pôle d’appui à la scolarité`);
    const key = saisineKey(code, number);
    const existing = p.state.rows.saisines.get(key);
    const school = p.ref('schools', r.need('uai', readUai), label('saisines', 'uai'));
    const status = r.need('status', SAISINE_STATUS.read);
    const { closure, reorientedTo } = closureOf(status);
    const nature = natureOf(r, p);
    const pupil = pupilOf(r, p, code, number, existing);
    const personal = {
      requester: text(r, p, 'requester', existing), requesterContact: text(r, p, 'requesterContact', existing),
      description: text(r, p, 'description', existing), goals: text(r, p, 'goals', existing),
      bilanActions: text(r, p, 'bilanActions', existing), bilanEffects: text(r, p, 'bilanEffects', existing),
    };
    const anonymisedOn = anonymisedOnOf(r, p, existing, closure !== null, pupil.named, personal);
    const anonymised = anonymisedOn !== null;
    const {
      poleId: _pole, pupilId: _pupil, pupilSchoolId: _school, natureId: _nature, plans,
      pupilLastName, pupilFirstName, pupilBirthDate, pupilLevel, pupilClassName, ...saisine
    } = checked('saisines', saisineFields, {
      poleId: resolved(pole),
      number,
      receivedOn: r.read('receivedOn', readDate),
      channel: p.given(r, 'channel', SAISINE_CHANNEL.read, existing?.channel as SaisineChannel | null | undefined),
      origin: r.read('origin', SAISINE_ORIGIN.read),
      requester: personal.requester,
      requesterContact: personal.requesterContact,
      pupilId: pupil.ref !== null && !pupil.create ? RESOLVED : anonymised ? RESOLVED : null,
      ...pupil.described,
      pupilSchoolId: resolved(school),
      plans: p.given<SchoolPlan[]>(r, 'plans', PLANS.read, existing === undefined ? null : String(existing.plans).split(',').filter((x) => x !== '') as SchoolPlan[]),
      mdphStatus: p.given(r, 'mdphStatus', MDPH_STATUS.read, existing?.mdphStatus as MdphStatus | undefined),
      lpiConsultedOn: date(r, p, 'lpiConsultedOn', existing),
      natureId: RESOLVED,
      description: personal.description,
      coordinator: text(r, p, 'coordinator', existing),
      educator: text(r, p, 'educator', existing),
    }, SAISINE_COLUMNS);
    const close = checked('saisines', closeFields, { closure, reorientedTo, closedOn: date(r, p, 'closedOn', existing) }, { closure: 'status', reorientedTo: 'status' });
    if (close.closure === null && close.closedOn !== null) {
      throw new RowRefusal(label('saisines', 'closedOn'), 'une saisine ouverte n’a pas de date de clôture (Statut : clôturée, réorientée ou sans suite)');
    }
    if (close.closedOn !== null && close.closedOn < saisine.receivedOn) throw new RowRefusal(label('saisines', 'closedOn'), BEFORE_RECEPTION);
    // The plan's goals and the bilan, with the rules of the saisine's file (its Plan and Bilan forms).
    const plan = checked('saisines', planFields, { goals: personal.goals });
    const bilan = checked('saisines', bilanFields, {
      bilanActions: personal.bilanActions,
      bilanEffects: personal.bilanEffects,
      bilanNext: p.given(r, 'bilanNext', BILAN_NEXT_CHOICE.read, existing?.bilanNext as BilanNext | null | undefined),
      bilanSentOn: date(r, p, 'bilanSentOn', existing),
    });
    if (bilan.bilanSentOn !== null && bilan.bilanSentOn < saisine.receivedOn) throw new RowRefusal(label('saisines', 'bilanSentOn'), BEFORE_RECEPTION);
    const ops: Op[] = nature.op === null ? [] : [nature.op];
    if (pupil.create) {
      const birth = pupilBirthDate === null ? null : birthDateProblem(pupilBirthDate, p.today);
      if (birth !== null) throw new RowRefusal(label('saisines', 'birthDate'), birth);
      // A minimal pupil, without notification, as the register creates one: many have no MDPH file.
      ops.push(p.add('pupils', pupil.ref!.key, {
        identifier: pupil.ref!.key, lastName: pupilLastName, firstName: pupilFirstName, birthDate: pupilBirthDate, level: pupilLevel, className: pupilClassName, ulis: 0,
      }, { schoolId: school }, r.line));
    }
    const values = { ...saisine, plans: plans.join(','), ...plan, ...bilan, ...close, anonymisedOn };
    const op = p.add('saisines', key, values, { poleId: pole, schoolId: school, pupilId: anonymised ? null : pupil.ref, natureId: nature.ref }, r.line);
    if (existing?.anonymisedOn != null && op.status !== 'unchanged') throw new RowRefusal(null, ANONYMISED);
    return [...ops, op];
  },
  steps: (r, p) => {
    const saisine = saisineOf(r, p, 'steps');
    const step = r.read('step', STEP.read);
    const on = r.read('date', readDate);
    const key = `${saisine.ref.key}|${step}|${on}`;
    const existing = p.state.rows.saisineSteps.get(key);
    const { saisineId: _s, ...fields } = checked('steps', stepFields, {
      saisineId: RESOLVED,
      step,
      date: on,
      author: text(r, p, 'author', existing),
      decision: p.given(r, 'decision', DECISION.read, existing?.decision as PilotDecision | null | undefined),
      note: text(r, p, 'note', existing),
    }, { saisineId: 'saisine' });
    if (fields.date < saisine.receivedOn) throw new RowRefusal(label('steps', 'date'), BEFORE_RECEPTION);
    return [refuseAnonymised(p.add('saisineSteps', key, fields, { saisineId: saisine.ref }, r.line), saisine.anonymised, 'steps', 'note')];
  },
  actions: (r, p) => {
    const saisine = saisineOf(r, p, 'actions');
    const type = r.read('type', ACTION_TYPE.read);
    const start = r.read('startDate', readDate);
    const base = `${saisine.ref.key}|${type}|${start ?? ''}`;
    let n = 0;
    while (p.planned('saisineActions', occurrenceKey(base, n)) !== undefined) n += 1;
    const key = occurrenceKey(base, n);
    const existing = p.state.rows.saisineActions.get(key);
    const { saisineId: _s, ...fields } = checked('actions', actionFields, {
      saisineId: RESOLVED,
      type,
      description: text(r, p, 'description', existing),
      owner: text(r, p, 'owner', existing),
      startDate: start,
      endDate: date(r, p, 'endDate', existing),
      frequency: text(r, p, 'frequency', existing),
    }, { saisineId: 'saisine' });
    return [refuseAnonymised(p.add('saisineActions', key, fields, { saisineId: saisine.ref }, r.line), saisine.anonymised, 'actions', 'description')];
  },
};

/**
 * The saisines a file anonymises (a package from a record past the retention period), anonymised
 * here as the retention period does it, once the file's rows are written: their steps' notes and
 * actions' descriptions wiped even when the file leaves them out, their pupil deleted when the
 * record knew them only through saisines, the journal lines about them redacted, and the change
 * made one that cannot be undone (undo would bring the personal data back). Gives the pupils
 * deleted, which a package's deletions must then leave alone.
 */
export async function anonymiseFromFile(trx: Trx, ctx: ServiceContext, ops: readonly Op[]): Promise<Set<number>> {
  const anonymised = ops.filter((op) => op.table === 'saisines' && op.existing !== undefined && op.existing.anonymisedOn == null && op.values.anonymisedOn != null);
  const deleted = new Set<number>();
  for (const op of anonymised) {
    const saisine = await trx.selectFrom('saisines').selectAll().where('id', '=', op.existing!.id).executeTakeFirstOrThrow();
    // The file's row names no pupil: the one the record had is the one to delete, if only saisines knew them.
    const pupilId = op.existing!.pupilId as number | null;
    if (await anonymise(trx, ctx, { ...saisine, pupilId }, op.values.anonymisedOn as string) && pupilId !== null) deleted.add(pupilId);
  }
  if (anonymised.length > 0) await recordAnonymised(trx, ctx, 'anonymisées dans le dossier dont vient le fichier', anonymised.length);
  return deleted;
}
