// The académie's survey template over the API: read a template (its layout, a proposed mapping),
// fill it for a date. The template crosses the boundary as base64, like every file.
import { z } from 'zod';
import { surveyMappingSchema, type SurveyMapping, type TemplateLayout } from '../survey/template.ts';
import { isoDate } from './fields.ts';

const templateFile = z.object({
  fileName: z.string().min(1),
  // 60 MB as base64, like an import; the settings' limit is checked before reading.
  dataBase64: z.string().max(82 * 1024 * 1024, 'Fichier trop volumineux (60 Mo au plus).'),
});

export const surveyReadInput = templateFile.extend({
  /** A saved mapping: its sheet, header row and key column are taken, its columns checked against the template. */
  mapping: surveyMappingSchema.optional(),
  /** Chosen in the window: another sheet, header row or key column than detected. */
  sheet: z.string().min(1).optional(),
  headerLine: z.number().int().min(1).max(1000).optional(),
  keyColumn: z.string().min(1).optional(),
});
export const surveyFillInput = templateFile.extend({ mapping: surveyMappingSchema, date: isoDate.optional() });

/** A template as read: its sheets, the layout found on one, the first lines to choose the header row from, and the mapping. */
export interface SurveyTemplateView {
  sheets: { name: string; hidden: boolean; rowsRecognised: number }[];
  layout: TemplateLayout;
  firstLines: { line: number; cells: string[] }[];
  /** The saved mapping given, or one proposed from the headers. */
  mapping: SurveyMapping;
  /** What the saved mapping names and the template lacks. */
  problems: string[];
}
export interface FilledSurvey {
  fileName: string;
  dataBase64: string;
  /** Cells written. */
  cells: number;
  /** Rows and cells left as they were, and why, in French. */
  notices: string[];
}
