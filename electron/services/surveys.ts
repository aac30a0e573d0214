// The académie's survey template through the API: read (layout detected, mapping proposed or the
// saved one checked), then filled with the figures of a date. Nothing is written to the record.
import type { ApiHandlers, ParsedInput } from '../../shared/api/contract.ts';
import { ApiError } from '../../shared/api/errors.ts';
import { todayIso } from '../../shared/domain/dates.ts';
import { surveyFigures } from '../../shared/survey/figures.ts';
import { detectLayout, mappingProblems, planFill, proposeMapping, type TemplatePole, type TemplateSheet } from '../../shared/survey/template.ts';
import { fillTemplate, readTemplate } from '../exchange/template.ts';
import type { AnalysisOn } from './analysis.ts';
import type { ServiceContext } from './context.ts';
import { getSettings } from './settings.ts';

type SurveyHandlers = Pick<ApiHandlers, 'surveys.read' | 'surveys.fill'>;
type TemplateFile = Pick<ParsedInput<'surveys.fill'>, 'fileName' | 'dataBase64'>;

/** The lines offered as header rows: the first filled ones, clipped enough to recognise them. */
const FIRST_LINES = 15;
const clip = (cells: string[]): string[] => cells.slice(0, 30).map((c) => (c.length > 60 ? `${c.slice(0, 59)}…` : c));

export function surveyHandlers(ctx: ServiceContext, analysisOn: AnalysisOn): SurveyHandlers {
  async function read(input: TemplateFile): Promise<{ bytes: Buffer; sheets: TemplateSheet[]; poles: TemplatePole[] }> {
    const bytes = Buffer.from(input.dataBase64, 'base64');
    const { importMaxMegabytes } = await getSettings(ctx);
    const sheets = readTemplate(bytes, input.fileName, importMaxMegabytes);
    if (sheets.length === 0) throw new ApiError('refused', `« ${input.fileName} » n’a aucune feuille.`);
    const poles = await ctx.db.selectFrom('poles').select(['id', 'code', 'name']).execute();
    return { bytes, sheets, poles };
  }

  function sheetNamed(sheets: TemplateSheet[], name: string): TemplateSheet {
    const sheet = sheets.find((s) => s.name === name);
    if (sheet === undefined) throw new ApiError('refused', `La feuille « ${name} » n’est pas dans le modèle (feuilles : ${sheets.map((s) => `« ${s.name} »`).join(', ')}).`);
    return sheet;
  }

  return {
    'surveys.read': async (input) => {
      const { sheets, poles } = await read(input);
      const recognised = sheets.map((sheet) => ({ sheet, rows: detectLayout(sheet, poles).rows.filter((r) => r.scope !== null).length }));
      // The sheet asked for, the saved mapping's, or the one whose rows name the most pôles (a shown one first).
      const best = recognised.reduce((a, b) => (b.rows > a.rows || (b.rows === a.rows && a.sheet.hidden && !b.sheet.hidden) ? b : a)).sheet;
      const sheet = sheetNamed(sheets, input.sheet ?? input.mapping?.sheet ?? best.name);
      const sameSheet = input.sheet === undefined || input.sheet === input.mapping?.sheet;
      const layout = detectLayout(sheet, poles, {
        headerLine: input.headerLine ?? (sameSheet ? input.mapping?.headerLine : undefined),
        keyColumn: input.keyColumn ?? (sameSheet && input.headerLine === undefined ? input.mapping?.keyColumn : undefined),
      });
      const proposed = proposeMapping(layout);
      // A saved mapping keeps its columns; a header row or key column chosen since moves it there.
      const mapping = input.mapping === undefined ? proposed : { ...input.mapping, sheet: layout.sheet, headerLine: layout.headerLine, keyColumn: layout.keyColumn.label };
      const firstLines = sheet.lines.map((cells, index) => ({ line: index + 1, cells })).filter((l) => l.cells.some((c) => c.trim() !== '')).slice(0, FIRST_LINES)
        .map((l) => ({ line: l.line, cells: clip(l.cells) }));
      return {
        sheets: recognised.map(({ sheet: s, rows }) => ({ name: s.name, hidden: s.hidden, rowsRecognised: rows })),
        layout, firstLines, mapping,
        problems: input.mapping === undefined ? [] : mappingProblems(layout, mapping),
      };
    },
    'surveys.fill': async ({ fileName, dataBase64, mapping, date }) => {
      const { bytes, sheets, poles } = await read({ fileName, dataBase64 });
      const layout = detectLayout(sheetNamed(sheets, mapping.sheet), poles, { headerLine: mapping.headerLine, keyColumn: mapping.keyColumn });
      const problems = mappingProblems(layout, mapping);
      if (problems.length > 0) throw new ApiError('refused', `Modèle non rempli : ${problems.join(' ')}`);
      const on = date ?? todayIso(ctx.now());
      const { writes, notices } = planFill(layout, mapping, surveyFigures(await analysisOn(on)));
      const filled = await fillTemplate(bytes, fileName, layout.sheet, writes);
      const kept = [...new Set(filled.formulasKept.map((w) => w.line))];
      if (kept.length > 0) notices.push(`${kept.length === 1 ? 'Ligne' : 'Lignes'} ${kept.join(', ')} : les formules du modèle sont conservées (le tableur les recalcule à l’ouverture).`);
      return {
        fileName: `${fileName.replace(/\.[^.]+$/, '')}-${on}.xlsx`,
        dataBase64: Buffer.from(filled.bytes).toString('base64'),
        cells: writes.length - filled.formulasKept.length,
        notices,
      };
    },
  };
}
