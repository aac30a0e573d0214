// `export survey --template FILE.xlsx --mapping MAP.json --date AAAA-MM-JJ --out FILE.xlsx`: the
// académie's own template filled with the figures of a date, its formatting kept; the mapping is
// the JSON saved from Import / Export (checked by the API's schema, each mistake named).
import { basename } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import type { ApiCall } from '../../shared/api/contract.ts';
import { ApiError } from '../../shared/api/errors.ts';
import { countOf } from '../../shared/domain/french.ts';
import type { SurveyMapping } from '../../shared/survey/template.ts';

export interface SurveyOptions {
  template: string;
  mapping: string | undefined;
  date: string | undefined;
  out: string;
  json: boolean;
}

function readFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ApiError('refused', `${what} ${path} illisible : ${(error as Error).message}`);
  }
}

/** Fills the template; the rows and cells left as they were are said on stderr. Exit 0 once written. */
export async function surveyTemplateCommand(call: ApiCall, options: SurveyOptions, usage: (message: string) => Error): Promise<number> {
  if (options.mapping === undefined) throw usage('export survey --template attend --mapping CORRESPONDANCE.json (enregistrée depuis Import / Export)');
  let mapping: SurveyMapping;
  try {
    mapping = JSON.parse(readFile(options.mapping, 'Correspondance').toString('utf8')) as SurveyMapping;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('refused', `Correspondance ${options.mapping} illisible : ${(error as Error).message}`);
  }
  const filled = await call('surveys.fill', {
    fileName: basename(options.template), dataBase64: readFile(options.template, 'Modèle').toString('base64'), mapping, date: options.date,
  });
  writeFileSync(options.out, Buffer.from(filled.dataBase64, 'base64'));
  for (const notice of filled.notices) console.error(notice);
  console.log(options.json
    ? JSON.stringify({ out: options.out, cells: filled.cells, notices: filled.notices }, null, 2)
    : `Modèle « ${basename(options.template)} » rempli dans ${options.out} : ${countOf(filled.cells, 'cellule écrite', 'cellules écrites')}.`);
  return 0;
}
