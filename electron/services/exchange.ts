// Import and export of the exchange workbook through the API. Files cross the boundary as base64.
import { createHash } from 'node:crypto';
import type { ApiHandlers, ParsedInput } from '../../shared/api/contract.ts';
import { ApiError } from '../../shared/api/errors.ts';
import { todayIso } from '../../shared/domain/dates.ts';
import { applySavedMapping, proposeMapping, toSavedMapping, unusedHeaders, type SheetAssignment } from '../../shared/exchange/mapping.ts';
import { gapsOf } from '../../shared/gaps/gaps.ts';
import { indicatorsOf } from '../../shared/gaps/indicators.ts';
import { sheetOf, workbookBytes } from '../exchange/cells.ts';
import { exportDashboards, exportRecord, exportSurvey, exportTimetables } from '../exchange/export.ts';
import { applyImport, planImport, planIsCurrent, type ImportPlan } from '../exchange/import.ts';
import { readWorkbook, type FileSheet } from '../exchange/read.ts';
import type { AnalysisOn } from './analysis.ts';
import { write, type ServiceContext } from './context.ts';
import { getSettings } from './settings.ts';

type ExchangeHandlers = Pick<ApiHandlers, 'exchange.preview' | 'exchange.import' | 'exchange.refused' | 'exchange.export'>;
type FileInput = ParsedInput<'exchange.preview'>;

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export function exchangeHandlers(ctx: ServiceContext, analysisOn: AnalysisOn): ExchangeHandlers {
  // The last file read, so that correcting the mapping in the preview does not read it again.
  let lastFile: { hash: string; sheets: FileSheet[] } | null = null;

  async function sheetsOf(input: FileInput): Promise<FileSheet[]> {
    const hash = createHash('sha256').update(input.dataBase64).digest('hex');
    if (lastFile?.hash !== hash) {
      const { importMaxMegabytes } = await getSettings(ctx);
      lastFile = { hash, sheets: readWorkbook(Buffer.from(input.dataBase64, 'base64'), input.fileName, importMaxMegabytes) };
    }
    return lastFile.sheets;
  }

  function assignmentsOf(input: FileInput, sheets: FileSheet[]): { assignments: SheetAssignment[]; problems: string[] } {
    if (input.assignments !== undefined) return { assignments: input.assignments, problems: [] };
    if (input.mapping !== undefined) return applySavedMapping(sheets, input.mapping);
    return { assignments: proposeMapping(sheets), problems: [] };
  }

  async function plan(input: FileInput): Promise<{ sheets: FileSheet[]; assignments: SheetAssignment[]; problems: string[]; plan: ImportPlan }> {
    const sheets = await sheetsOf(input);
    const { assignments, problems } = assignmentsOf(input, sheets);
    if (problems.length > 0 && assignments.length === 0) throw new ApiError('refused', problems.join(' '));
    return { sheets, assignments, problems, plan: planImport(ctx.sqlite, sheets, assignments, await getSettings(ctx)) };
  }

  const reportsOf = (p: ImportPlan) => p.reports.map((r) => ({ ...r, refused: r.refused.map(({ cells: _cells, ...refusal }) => refusal) }));

  return {
    'exchange.preview': async (input) => {
      const { sheets, assignments, problems, plan: planned } = await plan(input);
      return {
        sheets: sheets.map((s) => ({ name: s.name, headers: s.headers, rows: s.rows.length })),
        assignments,
        mapping: toSavedMapping(assignments),
        problems,
        ignoredColumns: unusedHeaders(sheets, assignments),
        reports: reportsOf(planned),
      };
    },
    'exchange.import': async (input) => {
      const { sheets, assignments, plan: planned } = await plan(input);
      const refused = (p: ImportPlan): boolean => p.reports.some((r) => r.refused.length > 0);
      if (input.dryRun || (input.strict && refused(planned))) return { written: false, reports: reportsOf(planned) };
      await ctx.safeguard?.beforeImport();
      // Read before the transaction: the services' reads wait for the connection it holds.
      const settings = await getSettings(ctx);
      const done = await write(ctx, async (trx) => {
        // A write since the plan (during the backup, from another window) changed what the plan
        // compared with: planned again inside the transaction, the rows written match the record.
        const current = planIsCurrent(ctx.sqlite, planned) ? planned : planImport(ctx.sqlite, sheets, assignments, settings);
        if (input.strict && refused(current)) return { written: false, plan: current };
        await applyImport(trx, ctx, current, input.fileName);
        return { written: true, plan: current };
      });
      return { written: done.written, reports: reportsOf(done.plan) };
    },
    'exchange.refused': async (input) => {
      const { sheets, plan: planned } = await plan(input);
      const bySource = new Map<string, { row: number; reason: string; cells: unknown[] }[]>();
      for (const refusal of planned.reports.flatMap((r) => r.refused)) {
        const reason = `${refusal.sheet}${refusal.column ? `, colonne ${refusal.column}` : ''} : ${refusal.reason}`;
        bySource.set(refusal.source, [...(bySource.get(refusal.source) ?? []), { row: refusal.row, reason, cells: refusal.cells }]);
      }
      const book = [...bySource].map(([source, rows]) => {
        const headers = sheets.find((s) => s.name === source)?.headers ?? [];
        return [source, sheetOf(['Ligne', 'Motif du refus', ...headers], rows.map((r) => [r.row, r.reason, ...(r.cells as (string | number | Date | null)[])]))] as [string, ReturnType<typeof sheetOf>];
      });
      return { fileName: `refus-${input.fileName.replace(/\.[^.]+$/, '')}.xlsx`, dataBase64: base64(workbookBytes(book)), rows: planned.reports.reduce((n, r) => n + r.refused.length, 0) };
    },
    'exchange.export': async ({ kind, date, pole }) => {
      const on = date ?? todayIso(ctx.now());
      if (pole !== undefined && !(await ctx.db.selectFrom('poles').select('id').where('code', '=', pole).executeTakeFirst())) {
        throw new ApiError('not_found', `Pôle ${pole} inconnu.`);
      }
      // The analysis the screens show for that date: the exported figures are theirs.
      const analysis = kind === 'record' ? null : await analysisOn(on);
      const bytes = ((): Uint8Array => {
        switch (kind) {
          case 'record': return exportRecord(ctx.sqlite);
          case 'dashboards': return exportDashboards(analysis!, indicatorsOf(analysis!), gapsOf(analysis!), pole);
          case 'survey': return exportSurvey(analysis!, indicatorsOf(analysis!));
          case 'timetables': return exportTimetables(analysis!, pole);
        }
      })();
      const names = { record: 'base', dashboards: 'tableaux-de-bord', survey: 'enquete', timetables: 'emplois-du-temps' };
      return { fileName: `planif-aesh-${names[kind]}${pole ? `-${pole}` : ''}-${on}.xlsx`, dataBase64: base64(bytes) };
    },
  };
}
