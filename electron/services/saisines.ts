// The PAS's register of saisines: each saisine, the dated steps of its protocol, its action plan and
// bilan, the list of natures, and what the data protection asks for: closed saisines anonymised
// after the retention period set in Paramètres, one person's data exported or erased on request.
// Every write goes through write() and the row helpers, so it is journaled like the rest.
import type { ApiHandlers } from '../../shared/api/contract.ts';
import { ApiError, fieldError } from '../../shared/api/errors.ts';
import type { PersonErased, Saisine, SaisineAction, SaisineDetail, SaisineRow, SaisineStep } from '../../shared/api/saisines.ts';
import { todayIso, type IsoDate } from '../../shared/domain/dates.ts';
import {
  anonymisedFrom, overdueStep, saisineStatus, type ActionType, type BilanNext, type Closure, type MdphStatus,
  type PilotDecision, type Reorientation, type SaisineChannel, type SaisineOrigin, type SchoolPlan, type StepNumber,
} from '../../shared/domain/saisines.ts';
import type { Row } from '../../db/schema.ts';
import { write, type ServiceContext, type Trx } from './context.ts';
import { journal } from './journal.ts';
import { deleteRow, findRow, insertRow, updateRow } from './rows.ts';
import { prepared } from './statements.ts';
import { getSettings } from './settings.ts';
import { refuseStale } from './versions.ts';

type SaisineHandlers = Pick<
  ApiHandlers,
  | 'saisines.list' | 'saisines.get' | 'saisines.create' | 'saisines.update' | 'saisines.plan' | 'saisines.bilan' | 'saisines.close'
  | 'saisineSteps.create' | 'saisineSteps.update' | 'saisineSteps.delete'
  | 'saisineActions.create' | 'saisineActions.update' | 'saisineActions.delete'
  | 'saisineNatures.list' | 'saisineNatures.create'
  | 'saisines.anonymiseExpired' | 'saisines.personExport' | 'saisines.personErase'
>;

const toSaisine = (row: Row<'saisines'>): Saisine => ({
  ...row,
  channel: row.channel as SaisineChannel | null,
  origin: row.origin as SaisineOrigin,
  plans: row.plans === '' ? [] : (row.plans.split(',') as SchoolPlan[]),
  mdphStatus: row.mdphStatus as MdphStatus,
  bilanNext: row.bilanNext as BilanNext | null,
  closure: row.closure as Closure | null,
  reorientedTo: row.reorientedTo as Reorientation | null,
});
const toStep = (row: Row<'saisineSteps'>): SaisineStep => ({ ...row, step: row.step as StepNumber, decision: row.decision as PilotDecision | null });
const toAction = (row: Row<'saisineActions'>): SaisineAction => ({ ...row, type: row.type as ActionType });

/** The texts of a saisine that name or describe a person, wiped on anonymisation; the figures stay. */
const PERSONAL = {
  saisines: ['requester', 'requesterContact', 'pupilId', 'description', 'goals', 'bilanActions', 'bilanEffects'],
  saisineSteps: ['note'],
  saisineActions: ['description'],
  pupils: ['lastName', 'firstName', 'birthDate'],
} as const;

/** Reads the register (one saisine or all, or a PAS's) with the status and the step overdue today. */
async function readRows(ctx: ServiceContext, filter: { id?: number; poleId?: number; pupilId?: number }): Promise<(SaisineRow & { actionsEnd: IsoDate | null })[]> {
  let query = ctx.db
    .selectFrom('saisines')
    .innerJoin('poles', 'poles.id', 'saisines.poleId')
    .innerJoin('saisineNatures', 'saisineNatures.id', 'saisines.natureId')
    .innerJoin('schools', 'schools.id', 'saisines.schoolId')
    .leftJoin('pupils', 'pupils.id', 'saisines.pupilId')
    .selectAll('saisines')
    .select(['poles.code as poleCode', 'saisineNatures.label as natureLabel', 'schools.name as schoolName', 'schools.uai as uai',
      'pupils.firstName', 'pupils.lastName', 'pupils.level'])
    .orderBy('saisines.receivedOn', 'desc')
    .orderBy('saisines.number', 'desc');
  if (filter.id !== undefined) query = query.where('saisines.id', '=', filter.id);
  if (filter.poleId !== undefined) query = query.where('saisines.poleId', '=', filter.poleId);
  if (filter.pupilId !== undefined) query = query.where('saisines.pupilId', '=', filter.pupilId);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const steps = Map.groupBy(await ctx.db.selectFrom('saisineSteps').select(['saisineId', 'step', 'date', 'decision']).where('saisineId', 'in', ids).execute(), (s) => s.saisineId);
  const ends = new Map((await ctx.db.selectFrom('saisineActions').select((eb) => ['saisineId', eb.fn.max('endDate').as('end')])
    .where('saisineId', 'in', ids).groupBy('saisineId').execute()).map((a) => [a.saisineId, a.end]));
  const { saisineStepDelayDays } = await getSettings(ctx);
  const today = todayIso(ctx.now());
  return rows.map(({ poleCode, natureLabel, schoolName, uai, firstName, lastName, level, ...row }) => {
    const saisine = toSaisine(row);
    const facts = (steps.get(row.id) ?? []).map((s) => ({ step: s.step as StepNumber, date: s.date, decision: s.decision as PilotDecision | null }));
    const actionsEnd = ends.get(row.id) ?? null;
    return {
      ...saisine, poleCode, natureLabel, schoolName, uai, level, actionsEnd,
      pupilName: firstName === null ? null : `${firstName} ${lastName}`,
      status: saisineStatus(facts, saisine.closure),
      stepReached: Math.max(0, ...facts.map((s) => s.step)),
      overdue: overdueStep({ receivedOn: saisine.receivedOn, steps: facts, closure: saisine.closure, actionsEndOn: actionsEnd }, saisineStepDelayDays, today),
    };
  });
}

async function detail(ctx: ServiceContext, id: number): Promise<SaisineDetail> {
  const [row] = await readRows(ctx, { id });
  if (row === undefined) throw new ApiError('not_found', `Saisine introuvable (n° ${id}) : elle a peut-être été supprimée.`);
  const { actionsEnd: _, ...saisine } = row;
  const steps = await ctx.db.selectFrom('saisineSteps').selectAll().where('saisineId', '=', id).orderBy('date').orderBy('step').execute();
  const actions = await ctx.db.selectFrom('saisineActions').selectAll().where('saisineId', '=', id).orderBy('startDate').orderBy('id').execute();
  const { saisineRetentionMonths } = await getSettings(ctx);
  return {
    ...saisine,
    steps: steps.map(toStep),
    actions: actions.map(toAction),
    anonymisedFrom: saisine.closedOn === null || saisine.anonymisedOn !== null ? null : anonymisedFrom(saisine.closedOn, saisineRetentionMonths),
  };
}

/** The next number of the PAS for the year received: 2026-001, 2026-002… */
async function nextNumber(trx: Trx, poleId: number, receivedOn: IsoDate): Promise<string> {
  const prefix = `${receivedOn.slice(0, 4)}-`;
  const numbers = await trx.selectFrom('saisines').select('number').where('poleId', '=', poleId).where('number', 'like', `${prefix}%`).execute();
  const last = Math.max(0, ...numbers.map((n) => Number(n.number.slice(prefix.length))).filter(Number.isInteger));
  return `${prefix}${String(last + 1).padStart(3, '0')}`;
}

type SaisineInput = Parameters<ApiHandlers['saisines.create']>[0];

/** The values of a saisine to store: its pupil (created when new, as the pupils service would) and school. */
async function saisineValues(trx: Trx, ctx: ServiceContext, input: SaisineInput, number: string) {
  const pole = await findRow(trx, 'poles', input.poleId, 'Pôle');
  if (pole.kind !== 'PAS') throw fieldError('refused', 'poleId', 'Les saisines sont enregistrées par un PAS : choisissez un pôle d’appui à la scolarité.');
  await findRow(trx, 'saisineNatures', input.natureId, 'Nature de saisine');
  const { pupilId, pupilLastName, pupilFirstName, pupilBirthDate, pupilSchoolId, pupilLevel, pupilClassName, plans, ...fields } = input;
  let pupil: { id: number; schoolId: number };
  if (pupilId === null) {
    // A minimal pupil, without notification: many saisines concern pupils with no MDPH file.
    await findRow(trx, 'schools', pupilSchoolId!, 'Établissement');
    pupil = (await insertRow(trx, ctx, 'pupils', {
      identifier: `${pole.code as string}-${number}`, lastName: pupilLastName!, firstName: pupilFirstName!, birthDate: pupilBirthDate,
      schoolId: pupilSchoolId!, level: pupilLevel, className: pupilClassName, ulis: 0,
    })) as Row<'pupils'>;
  } else {
    pupil = (await findRow(trx, 'pupils', pupilId, 'Élève')) as Row<'pupils'>;
  }
  return { ...fields, number, pupilId: pupil.id, schoolId: pupil.schoolId, plans: plans.join(',') };
}

async function refuseAnonymised(trx: Trx, saisineId: number): Promise<Row<'saisines'>> {
  const saisine = (await findRow(trx, 'saisines', saisineId, 'Saisine')) as Row<'saisines'>;
  if (saisine.anonymisedOn !== null) throw new ApiError('refused', 'Cette saisine est anonymisée : elle ne se modifie plus.');
  return saisine;
}

async function refuseBeforeReception(trx: Trx, saisineId: number, date: IsoDate, field: string): Promise<void> {
  const saisine = await refuseAnonymised(trx, saisineId);
  if (date < saisine.receivedOn) throw fieldError('validation', field, 'Cette date est avant la réception de la saisine.');
}

const jsonPaths = (keys: readonly string[]): string => keys.flatMap((k) => [`'$.${k}', null`, `'$.row.${k}', null`]).join(', ');

/**
 * Wipes what names a person in a saisine, its steps' notes and its actions' descriptions, and in
 * the journal lines about them, which would otherwise keep every wiped value for undo. The pupil
 * goes too when the record knows them only through saisines (no notification, slot or other saisine).
 */
export async function anonymise(trx: Trx, ctx: ServiceContext, saisine: Row<'saisines'>, today: IsoDate): Promise<boolean> {
  const wiped = Object.fromEntries(PERSONAL.saisines.map((key) => [key, null]));
  await updateRow(trx, ctx, 'saisines', saisine.id, { ...wiped, anonymisedOn: today }, 'Saisine');
  const steps = await trx.selectFrom('saisineSteps').select('id').where('saisineId', '=', saisine.id).where('note', 'is not', null).execute();
  for (const step of steps) await updateRow(trx, ctx, 'saisineSteps', step.id, { note: null }, 'Étape');
  const actions = await trx.selectFrom('saisineActions').select('id').where('saisineId', '=', saisine.id).where('description', 'is not', null).execute();
  for (const action of actions) await updateRow(trx, ctx, 'saisineActions', action.id, { description: null }, 'Action');
  const redact: [string, readonly string[], number[]][] = [
    ['saisines', PERSONAL.saisines, [saisine.id]],
    ['saisineSteps', PERSONAL.saisineSteps, (await trx.selectFrom('saisineSteps').select('id').where('saisineId', '=', saisine.id).execute()).map((s) => s.id)],
    ['saisineActions', PERSONAL.saisineActions, (await trx.selectFrom('saisineActions').select('id').where('saisineId', '=', saisine.id).execute()).map((a) => a.id)],
  ];
  let pupilDeleted = false;
  if (saisine.pupilId !== null && await knownOnlyThroughSaisines(trx, saisine.pupilId)) {
    await deleteRow(trx, ctx, 'pupils', saisine.pupilId, 'Élève');
    redact.push(['pupils', PERSONAL.pupils, [saisine.pupilId]]);
    pupilDeleted = true;
  }
  for (const [entity, keys, ids] of redact) {
    for (const id of ids) {
      prepared(ctx.sqlite, `update journal set before_json = json_replace(before_json, ${jsonPaths(keys)}), after_json = json_replace(after_json, ${jsonPaths(keys)}) where entity = ? and entity_id = ?`).run(entity, id);
    }
  }
  return pupilDeleted;
}

async function knownOnlyThroughSaisines(trx: Trx, pupilId: number): Promise<boolean> {
  const notification = await trx.selectFrom('notifications').select('id').where('pupilId', '=', pupilId).executeTakeFirst();
  const slot = await trx.selectFrom('slotPupils').select('slotId').where('pupilId', '=', pupilId).executeTakeFirst();
  const saisine = await trx.selectFrom('saisines').select('id').where('pupilId', '=', pupilId).executeTakeFirst();
  return notification === undefined && slot === undefined && saisine === undefined;
}

/** One line that says what was anonymised; being a bulk line, it also keeps the change from being undone. */
export const recordAnonymised = (trx: Trx, ctx: ServiceContext, why: string, count: number): Promise<void> =>
  journal(trx, ctx, 'bulk', 'saisines', null, null, { anonymised: count, why });

export function saisineHandlers(ctx: ServiceContext): SaisineHandlers {
  return {
    'saisines.list': async ({ poleId }) => (await readRows(ctx, { poleId })).map(({ actionsEnd: _, ...row }) => row),
    'saisines.get': ({ id }) => detail(ctx, id),
    'saisines.create': async (input) => {
      const id = await write(ctx, async (trx) => {
        const number = input.number ?? await nextNumber(trx, input.poleId, input.receivedOn);
        return (await insertRow(trx, ctx, 'saisines', await saisineValues(trx, ctx, input, number))).id;
      });
      return detail(ctx, id);
    },
    'saisines.update': async ({ id, version, ...input }) => {
      await write(ctx, async (trx) => {
        await refuseStale(trx, 'saisines', id, version, 'Saisine');
        const current = await refuseAnonymised(trx, id);
        await updateRow(trx, ctx, 'saisines', id, await saisineValues(trx, ctx, input, input.number ?? current.number), 'Saisine');
      });
      return detail(ctx, id);
    },
    'saisines.plan': async ({ id, version, ...values }) => {
      await write(ctx, async (trx) => {
        await refuseStale(trx, 'saisines', id, version, 'Saisine');
        await refuseAnonymised(trx, id);
        await updateRow(trx, ctx, 'saisines', id, values, 'Saisine');
      });
      return detail(ctx, id);
    },
    'saisines.bilan': async ({ id, version, ...values }) => {
      await write(ctx, async (trx) => {
        await refuseStale(trx, 'saisines', id, version, 'Saisine');
        if (values.bilanSentOn !== null) await refuseBeforeReception(trx, id, values.bilanSentOn, 'bilanSentOn');
        else await refuseAnonymised(trx, id);
        await updateRow(trx, ctx, 'saisines', id, values, 'Saisine');
      });
      return detail(ctx, id);
    },
    'saisines.close': async ({ id, version, ...values }) => {
      await write(ctx, async (trx) => {
        await refuseStale(trx, 'saisines', id, version, 'Saisine');
        if (values.closedOn !== null) await refuseBeforeReception(trx, id, values.closedOn, 'closedOn');
        else await refuseAnonymised(trx, id);
        // Reopening forgets the closing date: the anonymisation counts from the next closure.
        await updateRow(trx, ctx, 'saisines', id, values.closure === null ? { closure: null, reorientedTo: null, closedOn: null } : values, 'Saisine');
      });
      return detail(ctx, id);
    },

    'saisineSteps.create': (input) =>
      write(ctx, async (trx) => {
        await refuseBeforeReception(trx, input.saisineId, input.date, 'date');
        return toStep((await insertRow(trx, ctx, 'saisineSteps', input)) as Row<'saisineSteps'>);
      }),
    'saisineSteps.update': ({ id, version, ...values }) =>
      write(ctx, async (trx) => {
        await refuseStale(trx, 'saisineSteps', id, version, 'Étape');
        const step = await findRow(trx, 'saisineSteps', id, 'Étape');
        await refuseBeforeReception(trx, step.saisineId as number, values.date, 'date');
        return toStep((await updateRow(trx, ctx, 'saisineSteps', id, values, 'Étape')) as Row<'saisineSteps'>);
      }),
    'saisineSteps.delete': ({ id }) =>
      write(ctx, async (trx) => {
        await refuseAnonymised(trx, (await findRow(trx, 'saisineSteps', id, 'Étape')).saisineId as number);
        await deleteRow(trx, ctx, 'saisineSteps', id, 'Étape');
      }),

    'saisineActions.create': (input) =>
      write(ctx, async (trx) => {
        await refuseAnonymised(trx, input.saisineId);
        return toAction((await insertRow(trx, ctx, 'saisineActions', input)) as Row<'saisineActions'>);
      }),
    'saisineActions.update': ({ id, version, ...values }) =>
      write(ctx, async (trx) => {
        await refuseStale(trx, 'saisineActions', id, version, 'Action');
        await refuseAnonymised(trx, (await findRow(trx, 'saisineActions', id, 'Action')).saisineId as number);
        return toAction((await updateRow(trx, ctx, 'saisineActions', id, values, 'Action')) as Row<'saisineActions'>);
      }),
    'saisineActions.delete': ({ id }) =>
      write(ctx, async (trx) => {
        await refuseAnonymised(trx, (await findRow(trx, 'saisineActions', id, 'Action')).saisineId as number);
        await deleteRow(trx, ctx, 'saisineActions', id, 'Action');
      }),

    'saisineNatures.list': async () =>
      (await ctx.db.selectFrom('saisineNatures').select(['id', 'label']).orderBy('id').execute()),
    'saisineNatures.create': ({ label }) =>
      write(ctx, async (trx) => {
        const row = await insertRow(trx, ctx, 'saisineNatures', { label });
        return { id: row.id, label: row.label as string };
      }),

    'saisines.anonymiseExpired': async () => {
      const today = todayIso(ctx.now());
      const { saisineRetentionMonths } = await getSettings(ctx);
      const closed = await ctx.db.selectFrom('saisines').selectAll().where('closedOn', 'is not', null).where('anonymisedOn', 'is', null).execute();
      const expired = closed.filter((s) => anonymisedFrom(s.closedOn!, saisineRetentionMonths) <= today);
      // Nothing to do is the usual case (the register calls this each time it opens): no empty change.
      if (expired.length === 0) return { anonymised: 0 };
      await write(ctx, async (trx) => {
        // Oldest first: a pupil is deleted with their last saisine, once no other one refers to them.
        for (const saisine of expired) await anonymise(trx, ctx, saisine, today);
        await recordAnonymised(trx, ctx, `clôturées depuis plus de ${saisineRetentionMonths} mois`, expired.length);
      });
      return { anonymised: expired.length };
    },
    'saisines.personExport': async ({ saisineId }) => {
      const saisine = (await findRow(ctx.db, 'saisines', saisineId, 'Saisine')) as Row<'saisines'>;
      const pupil = saisine.pupilId === null ? null : await ctx.db.selectFrom('pupils').selectAll().where('id', '=', saisine.pupilId).executeTakeFirst();
      const notifications = pupil ? await ctx.db.selectFrom('notifications').selectAll().where('pupilId', '=', pupil.id).execute() : [];
      const rows = pupil ? await readRows(ctx, { pupilId: pupil.id }) : await readRows(ctx, { id: saisineId });
      const saisines = await Promise.all(rows.map((row) => detail(ctx, row.id)));
      const today = todayIso(ctx.now());
      const data = { exportedOn: today, pupil: pupil ?? null, notifications, saisines };
      const name = pupil ? `${pupil.lastName}-${pupil.firstName}` : `saisine-${saisine.number}`;
      const fileName = `donnees-${name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w-]+/g, '_')}-${today}.json`;
      return { fileName, dataBase64: Buffer.from(JSON.stringify(data, null, 2), 'utf8').toString('base64') };
    },
    'saisines.personErase': ({ saisineId }) =>
      write(ctx, async (trx): Promise<PersonErased> => {
        const saisine = (await findRow(trx, 'saisines', saisineId, 'Saisine')) as Row<'saisines'>;
        const all = saisine.pupilId === null
          ? [saisine]
          : await trx.selectFrom('saisines').selectAll().where('pupilId', '=', saisine.pupilId).orderBy('id').execute();
        const today = todayIso(ctx.now());
        let pupilDeleted = false;
        for (const one of all) pupilDeleted = (await anonymise(trx, ctx, one, today)) || pupilDeleted;
        await recordAnonymised(trx, ctx, 'effacement à la demande de la personne', all.length);
        return { saisines: all.length, pupilDeleted };
      }),
  };
}
