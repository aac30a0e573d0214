// Every pôle's activity over a period (shared/activity): read from the engine's record week by week,
// the register of saisines and the journal's contract amendments. `activity.start` runs it as a job
// (a school year at the département's scale analyses some thirty-six weeks), `activity.get` at once
// (the command line, the tests); the exports reuse the figures last computed for the same question
// on the same record, so that exporting what the screen shows costs nothing more.
import type { ApiHandlers } from '../../shared/api/contract.ts';
import type { ActivityInput } from '../../shared/api/activity.ts';
import { ApiError } from '../../shared/api/errors.ts';
import { nationalHolidays } from '../../shared/activity/calendar.ts';
import { periodSteps, type ActivityFigures } from '../../shared/activity/figures.ts';
import type { Amendment } from '../../shared/activity/aesh.ts';
import type { SaisineFacts } from '../../shared/activity/saisines.ts';
import { formatDate, type IsoDate } from '../../shared/domain/dates.ts';
import { isFirstDegree, type SchoolKind } from '../../shared/domain/enums.ts';
import type { Closure, PilotDecision, Reorientation, SaisineOrigin, StepNumber } from '../../shared/domain/saisines.ts';
import type { EngineRecord } from '../../shared/gaps/record.ts';
import { activityPdf, activityWorkbook, activityFileName } from '../exchange/activity.ts';
import type { RecordCache } from './analysis.ts';
import type { ServiceContext } from './context.ts';
import type { JobControl, JobRegistry } from './jobs.ts';

type ActivityHandlers = Pick<ApiHandlers, 'activity.get' | 'activity.start' | 'activity.result' | 'activity.export'>;

/** Every saisine as the figures read it; anonymised ones included, since their figures stay. */
async function saisineFacts(ctx: ServiceContext): Promise<SaisineFacts[]> {
  const rows = await ctx.db
    .selectFrom('saisines')
    .innerJoin('saisineNatures', 'saisineNatures.id', 'saisines.natureId')
    .innerJoin('schools', 'schools.id', 'saisines.schoolId')
    .select(['saisines.id', 'saisines.poleId', 'saisines.receivedOn', 'saisines.origin', 'saisineNatures.label as natureLabel', 'schools.uai',
      'schools.name as schoolName', 'schools.kind as schoolKind', 'saisines.closure', 'saisines.reorientedTo', 'saisines.closedOn'])
    .execute();
  const steps = Map.groupBy(await ctx.db.selectFrom('saisineSteps').select(['saisineId', 'step', 'date', 'decision']).execute(), (s) => s.saisineId);
  return rows.map((r) => ({
    poleId: r.poleId, receivedOn: r.receivedOn, origin: r.origin as SaisineOrigin, natureLabel: r.natureLabel, uai: r.uai, schoolName: r.schoolName,
    firstDegree: isFirstDegree(r.schoolKind as SchoolKind),
    steps: (steps.get(r.id) ?? []).map((s) => ({ step: s.step as StepNumber, date: s.date, decision: s.decision as PilotDecision | null })),
    closure: r.closure as Closure | null, reorientedTo: r.reorientedTo as Reorientation | null, closedOn: r.closedOn,
  }));
}

/** Contract updates of the journal that changed the weekly hours (an avenant), dated by the day they were recorded. */
async function amendments(ctx: ServiceContext, from: IsoDate, to: IsoDate): Promise<Amendment[]> {
  const lines = await ctx.db.selectFrom('journal').select(['at', 'beforeJson', 'afterJson'])
    .where('entity', '=', 'contracts').where('action', '=', 'update')
    .where('at', '>=', from).where('at', '<', `${to}T99`).execute();
  return lines.flatMap((line) => {
    const before = JSON.parse(line.beforeJson ?? 'null') as { aeshId?: number; weeklyMinutes?: number } | null;
    const after = JSON.parse(line.afterJson ?? 'null') as { aeshId?: number; weeklyMinutes?: number } | null;
    if (before?.weeklyMinutes === undefined || after?.weeklyMinutes === undefined || after.aeshId === undefined) return [];
    if (before.weeklyMinutes === after.weeklyMinutes) return [];
    return [{ aeshId: after.aeshId, date: line.at.slice(0, 10), beforeMinutes: before.weeklyMinutes, afterMinutes: after.weeklyMinutes }];
  });
}

function polesOf(record: EngineRecord, code: string | undefined): EngineRecord['poles'] {
  if (code === undefined) return record.poles.toSorted((a, b) => a.code.localeCompare(b.code, 'fr'));
  const pole = record.poles.find((p) => p.code === code);
  if (pole === undefined) throw new ApiError('not_found', `Pôle ${code} inconnu.`);
  return [pole];
}

type Progress = Pick<JobControl, 'signal' | 'progress'>;

export function activityHandlers(ctx: ServiceContext, records: RecordCache, jobs: JobRegistry): ActivityHandlers {
  let last: { key: string; record: EngineRecord; figures: ActivityFigures } | null = null;
  const keyOf = (input: ActivityInput): string => JSON.stringify([input.pole ?? null, input.from, input.to, input.zone]);

  async function compute(input: ActivityInput, control?: Progress): Promise<ActivityFigures> {
    const record = await records.get();
    const key = keyOf(input);
    if (last !== null && last.key === key && last.record === record) return last.figures;
    const { settings } = record;
    const steps = periodSteps(record, {
      from: input.from, to: input.to, poles: polesOf(record, input.pole),
      // Paramètres' holidays, as the user checked or edited them, unless a zone's national calendar is asked.
      calendar: { yearStart: settings.schoolYearStart, yearEnd: settings.schoolYearEnd, holidays: input.zone === undefined ? settings.schoolHolidays : nationalHolidays(input.zone) },
      saisines: await saisineFacts(ctx),
      amendments: await amendments(ctx, input.from, input.to),
    });
    for (;;) {
      const step = steps.next();
      if (step.done === true) {
        last = { key, record, figures: step.value };
        return step.value;
      }
      if (control === undefined) continue;
      control.progress(step.value.done, step.value.total, `Semaine du ${formatDate(step.value.week)} : ${step.value.done} / ${step.value.total}`);
      // Between two weeks, the calls waiting (jobs.status, jobs.cancel) are answered.
      await new Promise((resolve) => setImmediate(resolve));
      control.signal.throwIfAborted();
    }
  }

  return {
    'activity.get': (input) => compute(input),
    'activity.start': (input) => Promise.resolve({ jobId: jobs.start('activity', 'Analyse des semaines…', (control) => compute(input, control)) }),
    'activity.result': ({ jobId }) => Promise.resolve(jobs.result(jobId, 'activity')),
    'activity.export': async ({ format, ...input }) => {
      const figures = await compute(input);
      const bytes = format === 'pdf' ? await activityPdf(figures) : activityWorkbook(figures);
      return { fileName: activityFileName(figures, format), dataBase64: Buffer.from(bytes).toString('base64') };
    },
  };
}
