// The exports (the record, the PIAL dashboards, the survey, the timetables) and the snapshot of
// all pôles, at once (exchange.export, snapshots.create: the command line, the tests) or as jobs
// (export.start, snapshots.start, then jobs.status / jobs.cancel and *.result: the window's progress
// bar with its Annuler). Each runs in steps named in French; between two steps the event loop runs,
// so that the job's status and its cancel are answered, and a cancel stops the work there: an
// export then gives no file, a snapshot writes nothing.
import { Buffer } from 'node:buffer';
import type { ApiHandlers, ExportedFile, ExportKind, ParsedInput } from '../../shared/api/contract.ts';
import { ApiError } from '../../shared/api/errors.ts';
import { formatDate, todayIso } from '../../shared/domain/dates.ts';
import { assertNever } from '../../shared/domain/never.ts';
import { gapsOf } from '../../shared/gaps/gaps.ts';
import { indicatorsOf } from '../../shared/gaps/indicators.ts';
import { exportDashboards, exportRecord, exportSurvey, exportTimetables } from '../exchange/export.ts';
import { saveSnapshot, type AnalysisOn } from './analysis.ts';
import type { ServiceContext } from './context.ts';
import type { JobControl, JobRegistry } from './jobs.ts';

type ExportHandlers = Pick<ApiHandlers, 'export.start' | 'export.result' | 'snapshots.start' | 'snapshots.result'>;
type ExportInput = ParsedInput<'exchange.export'>;

const FILE_NAMES: Record<ExportKind, string> = { record: 'base', dashboards: 'tableaux-de-bord', survey: 'enquete', timetables: 'emplois-du-temps' };

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Lets the event loop turn: the calls that arrived meanwhile (a job's status, its cancel) are read
 * and answered, which may take a few turns each; a timer, unlike setImmediate, waits for them.
 */
const BETWEEN_STEPS_MS = 10;
/**
 * SheetJS writes a workbook in one synchronous call, seconds long for a département, during
 * which no status is answered: before it, a pause long enough for the window's next reading of
 * the status (every quarter of a second) shows that step on the bar rather than the one before.
 */
const BEFORE_WRITE_MS = 300;

/**
 * The workbook of `kind` for a date (today by default) and, for the dashboards and the
 * timetables, one pôle. The analysis is the one the screens show for that date: the exported
 * figures are theirs. SheetJS writes the workbook in one call: that step is the longest.
 */
export async function exportFile(ctx: ServiceContext, analysisOn: AnalysisOn, { kind, date, pole }: ExportInput, control?: JobControl): Promise<ExportedFile> {
  const on = date ?? todayIso(ctx.now());
  if (pole !== undefined && !(await ctx.db.selectFrom('poles').select('id').where('code', '=', pole).executeTakeFirst())) {
    throw new ApiError('not_found', `Pôle ${pole} inconnu.`);
  }
  const steps = kind === 'record'
    ? ['Lecture de la base et écriture du classeur']
    : [`Analyse de la situation au ${formatDate(on)}`, kind === 'dashboards' ? 'Chiffres et alertes des pôles' : 'Chiffres des pôles', 'Mise en forme et écriture du classeur'];
  steps.push('Préparation du fichier');
  let done = 0;
  const step = async <T>(work: () => T | Promise<T>, writing = false): Promise<T> => {
    if (control !== undefined) {
      control.progress(done, steps.length, steps[done]!);
      await pause(writing ? BEFORE_WRITE_MS : BETWEEN_STEPS_MS);
      control.signal.throwIfAborted();
    }
    const result = await work();
    done += 1;
    return result;
  };

  let bytes: Uint8Array;
  if (kind === 'record') bytes = await step(() => exportRecord(ctx.sqlite), true);
  else {
    const analysis = await step(() => analysisOn(on));
    const [indicators, gaps] = await step(() => [indicatorsOf(analysis), kind === 'dashboards' ? gapsOf(analysis) : []] as const);
    bytes = await step(() => {
      switch (kind) {
        case 'dashboards': return exportDashboards(analysis, indicators, gaps, pole);
        case 'survey': return exportSurvey(analysis, indicators);
        case 'timetables': return exportTimetables(analysis, pole);
        default: return assertNever(kind, 'export');
      }
    }, true);
  }
  const dataBase64 = await step(() => Buffer.from(bytes).toString('base64'));
  control?.progress(done, steps.length, 'Fichier prêt');
  return { fileName: `planif-aesh-${FILE_NAMES[kind]}${pole ? `-${pole}` : ''}-${on}.xlsx`, dataBase64 };
}

export function exportHandlers(ctx: ServiceContext, analysisOn: AnalysisOn, jobs: JobRegistry): ExportHandlers {
  return {
    'export.start': (input) => Promise.resolve({ jobId: jobs.start('export', 'Export…', (control) => exportFile(ctx, analysisOn, input, control)) }),
    // Taken, not kept: a department's workbook is megabytes, downloaded once.
    'export.result': ({ jobId }) => Promise.resolve(jobs.take(jobId, 'export')),
    'snapshots.start': (input) => Promise.resolve({ jobId: jobs.start('snapshot', 'Relevé…', (control) => saveSnapshot(ctx, analysisOn, input, control)) }),
    'snapshots.result': ({ jobId }) => Promise.resolve(jobs.result(jobId, 'snapshot')),
  };
}
