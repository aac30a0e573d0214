// Import and export of the exchange workbook through the API. Files cross the boundary as base64.
// An import runs at once (exchange.preview, exchange.import: the command line, the tests) or as a
// job (import.start, then jobs.status / jobs.cancel and import.result: the window's progress bar).
import { createHash } from 'node:crypto';
import type { ApiHandlers, ImportResult, ParsedInput } from '../../shared/api/contract.ts';
import { ApiError } from '../../shared/api/errors.ts';
import { todayIso } from '../../shared/domain/dates.ts';
import { applySavedMapping, proposeMapping, setAside, toSavedMapping, unusedHeaders, type SheetAssignment, type ValueMapping } from '../../shared/exchange/mapping.ts';
import { sheetOf, workbookBytes } from '../exchange/cells.ts';
import { applyImport, planImport, planIsCurrent, rowsToWrite, type ImportControl, type ImportPlan } from '../exchange/import.ts';
import { isEncryptedPackage, packagePoleOf } from '../exchange/package.ts';
import { readWorkbook, underHeader, type FileSheet } from '../exchange/read.ts';
import type { AnalysisOn } from './analysis.ts';
import { write, type ServiceContext } from './context.ts';
import { exportFile } from './exports.ts';
import type { JobRegistry } from './jobs.ts';
import { getSettings } from './settings.ts';

type ExchangeHandlers = Pick<ApiHandlers, 'exchange.preview' | 'exchange.import' | 'exchange.refused' | 'exchange.export' | 'import.start' | 'import.result'>;
type FileInput = ParsedInput<'exchange.preview'>;
type ImportInput = ParsedInput<'exchange.import'>;
/** What an import job keeps for import.result: its outcome. */
export type ImportJob = ImportResult;

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
/** The first lines offered as header rows: enough of each to recognise it. */
const clip = (cells: string[]): string[] => cells.slice(0, 40).map((c) => (c.length > 80 ? `${c.slice(0, 79)}…` : c));

const packageProblem = (pole: string): string =>
  `Ce fichier est un paquet du pôle ${pole} : importez-le comme paquet (Import / Export → Paquets), qui applique aussi ses suppressions et montre les conflits. L’import ordinaire ne l’écrit pas.`;

interface Planned { sheets: FileSheet[]; assignments: SheetAssignment[]; values: ValueMapping; problems: string[]; plan: ImportPlan }

export function exchangeHandlers(ctx: ServiceContext, analysisOn: AnalysisOn, jobs: JobRegistry): ExchangeHandlers {
  // The last file read, so that correcting the mapping in the preview does not read it again.
  let lastFile: { hash: string; sheets: FileSheet[] } | null = null;

  async function sheetsOf(input: FileInput): Promise<FileSheet[]> {
    const hash = createHash('sha256').update(input.dataBase64).digest('hex');
    if (lastFile?.hash !== hash) {
      const { importMaxMegabytes } = await getSettings(ctx);
      const bytes = Buffer.from(input.dataBase64, 'base64');
      // SheetJS would refuse it in English: the only encrypted workbooks the app makes are packages.
      if (isEncryptedPackage(bytes)) {
        throw new ApiError('refused', `Ce fichier est chiffré : « ${input.fileName} » est protégé par un mot de passe. S’il s’agit d’un paquet d’un pôle, importez-le depuis Import / Export → Paquets, qui demande sa phrase de passe ; sinon, ouvrez-le dans le tableur et enregistrez-le sans mot de passe. Rien n’a été lu.`);
      }
      lastFile = { hash, sheets: readWorkbook(bytes, input.fileName, importMaxMegabytes) };
    }
    // A header row chosen in the preview cuts the sheet again under it.
    return lastFile.sheets.map((sheet) => {
      const line = input.headerRows?.[sheet.name];
      return line === undefined || line === sheet.headerLine ? sheet : underHeader(sheet, line);
    });
  }

  function assignmentsOf(input: FileInput, sheets: FileSheet[]): { assignments: SheetAssignment[]; problems: string[] } {
    if (input.assignments !== undefined) return { assignments: input.assignments, problems: [] };
    // A saved mapping of values only leaves the columns to be proposed.
    if (input.mapping !== undefined && Object.keys(input.mapping.sheets).length > 0) return applySavedMapping(sheets, input.mapping.sheets);
    return { assignments: proposeMapping(sheets), problems: [] };
  }

  async function plan(input: FileInput, control?: ImportControl): Promise<Planned> {
    const sheets = await sheetsOf(input);
    const mapped = assignmentsOf(input, sheets);
    const { assignments } = mapped;
    const pole = packagePoleOf(sheets);
    // A package read as an ordinary file would be written without its deletions, silently.
    const problems = pole === null ? mapped.problems : [packageProblem(pole), ...mapped.problems];
    if (mapped.problems.length > 0 && assignments.length === 0) throw new ApiError('refused', problems.join(' '));
    const values = input.values ?? input.mapping?.values ?? {};
    return { sheets, assignments, values, problems, plan: await planImport(ctx.sqlite, sheets, assignments, values, await getSettings(ctx), todayIso(ctx.now()), control) };
  }

  const outcome = ({ sheets, assignments, values, problems, plan: planned }: Planned, written: boolean): ImportResult => ({
    written,
    sheets: sheets.map((s) => ({ name: s.name, headers: s.headers, rows: s.rows.length, hidden: s.hidden, headerLine: s.headerLine, firstLines: s.firstLines.map((l) => ({ line: l.line, cells: clip(l.cells) })) })),
    assignments,
    mapping: toSavedMapping(assignments, values),
    values,
    problems,
    ignoredColumns: unusedHeaders(sheets, assignments),
    setAside: setAside(sheets, assignments),
    unknownValues: planned.unknownValues,
    packageOf: packagePoleOf(sheets),
    reports: planned.reports.map((r) => ({ ...r, refused: r.refused.map(({ cells: _cells, ...refusal }) => refusal) })),
  });

  /** Plans, then (unless a preview, a dry run, or strict with a refusal) writes in one transaction. */
  async function runImport(input: ImportInput, writing: boolean, control?: ImportControl & { committed?(): void }): Promise<ImportResult> {
    const planned = await plan(input, control);
    const refused = (p: ImportPlan): boolean => p.reports.some((r) => r.refused.length > 0);
    if (!writing || input.dryRun || (input.strict && refused(planned.plan))) return outcome(planned, false);
    const pole = packagePoleOf(planned.sheets);
    if (pole !== null) throw new ApiError('refused', `${packageProblem(pole)} Rien n’a été écrit.`);
    await ctx.safeguard?.beforeImport();
    control?.signal.throwIfAborted();
    // Read before the transaction: the services' reads wait for the connection it holds.
    const settings = await getSettings(ctx);
    const checked = planned.plan.reports.reduce((n, r) => n + r.created + r.updated + r.unchanged + r.refused.length, 0);
    const done = await write(ctx, async (trx) => {
      // A write since the plan (during the backup, from another window) changed what the plan
      // compared with: planned again inside the transaction, the rows written match the record.
      const current = planIsCurrent(ctx.sqlite, planned.plan) ? planned.plan : await planImport(ctx.sqlite, planned.sheets, planned.assignments, planned.values, settings, todayIso(ctx.now()));
      if (input.strict && refused(current)) return { written: false, plan: current };
      control?.progress(checked, checked + rowsToWrite(current), 'Écriture');
      await applyImport(trx, ctx, current, input.fileName, control, checked);
      // Past the last look at the signal, the transaction commits: a cancel comes too late.
      control?.committed?.();
      return { written: true, plan: current };
    });
    return outcome({ ...planned, plan: done.plan }, done.written);
  }

  return {
    'exchange.preview': async (input) => {
      const { written: _written, ...preview } = await runImport({ ...input, strict: false, dryRun: true }, false);
      return preview;
    },
    'exchange.import': (input) => runImport(input, true),
    'import.start': ({ mode, ...input }) => Promise.resolve({
      jobId: jobs.start('import', mode === 'write' ? 'Import…' : 'Lecture du fichier…', (control) => runImport(input, mode === 'write', control)),
    }),
    'import.result': ({ jobId }) => Promise.resolve(jobs.result(jobId, 'import')),
    'exchange.refused': async (input) => {
      const { sheets, plan: planned } = await plan(input);
      // One row of the file per refused line, with the reasons of each of its refused parts.
      const bySource = new Map<string, Map<number, { reasons: string[]; cells: unknown[] }>>();
      for (const refusal of planned.reports.flatMap((r) => r.refused)) {
        if (refusal.withLine) continue;
        const rows = bySource.get(refusal.source) ?? new Map<number, { reasons: string[]; cells: unknown[] }>();
        const row = rows.get(refusal.row) ?? { reasons: [], cells: refusal.cells };
        row.reasons.push(`${refusal.sheet}${refusal.column ? `, colonne ${refusal.column}` : ''} : ${refusal.reason}`);
        bySource.set(refusal.source, rows.set(refusal.row, row));
      }
      const book = [...bySource].map(([source, rows]) => {
        const headers = sheets.find((s) => s.name === source)?.headers ?? [];
        const lines = [...rows].toSorted(([a], [b]) => a - b).map(([line, r]) => [line, r.reasons.join(' ; '), ...(r.cells as (string | number | Date | null)[])]);
        return [source, sheetOf(['Ligne', 'Motif du refus', ...headers], lines)] as [string, ReturnType<typeof sheetOf>];
      });
      return { fileName: `refus-${input.fileName.replace(/\.[^.]+$/, '')}.xlsx`, dataBase64: base64(workbookBytes(book)), rows: [...bySource.values()].reduce((n, rows) => n + rows.size, 0) };
    },
    'exchange.export': (input) => exportFile(ctx, analysisOn, input),
  };
}
