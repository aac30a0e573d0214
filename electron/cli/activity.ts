// `export activity`: the rapport d'activités of a pôle (or of every pôle with --all) over a period,
// computed as a job (progress on stderr, Ctrl+C stops it), written as the workbook (.xlsx) and/or
// the A4 summary (.pdf), chosen by the extension of --out, or --pdf for both at once.
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { ApiCall } from '../../shared/api/contract.ts';
import { ApiError } from '../../shared/api/errors.ts';
import { HOLIDAY_ZONES, type HolidayZone } from '../../shared/activity/calendar.ts';
import type { ActivityFigures } from '../../shared/activity/figures.ts';
import { parseDate } from '../../shared/domain/dates.ts';
import { formatHours } from '../../shared/domain/hours.ts';
import { countOf } from '../../shared/domain/french.ts';
import { refuseRecordOutput } from '../record/outputs.ts';
import { waitFor } from './allocate.ts';

export interface ActivityArgs {
  poles: string[];
  all: boolean;
  from: string | undefined;
  to: string | undefined;
  zone: string | undefined;
  out: string | undefined;
  pdf: string | undefined;
  json: boolean;
  /** The record's path: no output may overwrite it. */
  record: string;
}

function dateArg(name: string, value: string | undefined, usage: (message: string) => Error): string {
  const date = value === undefined ? null : parseDate(value);
  if (date === null) throw usage(`export activity attend --${name} AAAA-MM-JJ ou JJ/MM/AAAA${value === undefined ? '' : `, reçu « ${value} »`}`);
  return date;
}

/** One line per pôle: what the report says first. */
function summaryLine(p: ActivityFigures['poles'][number]): string {
  const s = p.saisines;
  const saisines = p.kind === 'PAS' || s.received > 0
    ? `${countOf(s.received, 'saisine', 'saisines')}, premier contact en ${s.delays.firstContact.medianDays ?? '—'} j (médiane) ; `
    : '';
  return `${p.poleCode} : ${saisines}${formatHours(p.support.notifiedMinutes)} notifiées, ${formatHours(p.support.deliveredMinutes)} réalisées, `
    + `${countOf(p.support.waiting.length, 'élève', 'élèves')} en attente, ${countOf(p.support.breaks.length, 'rupture', 'ruptures')}`;
}

export async function activityCommand(call: ApiCall, args: ActivityArgs, usage: (message: string) => Error): Promise<number> {
  if (args.all === (args.poles.length > 0)) throw usage('export activity attend --pole CODE ou --all');
  if (args.poles.length > 1) throw usage('export activity attend un seul --pole (ou --all pour tous les pôles)');
  const from = dateArg('from', args.from, usage);
  const to = dateArg('to', args.to, usage);
  if (args.zone !== undefined && !HOLIDAY_ZONES.includes(args.zone as HolidayZone)) throw usage(`--zone attend ${HOLIDAY_ZONES.join(', ')}`);
  const outputs: { path: string; format: 'xlsx' | 'pdf' }[] = [];
  if (args.out !== undefined) outputs.push({ path: args.out, format: extname(args.out).toLowerCase() === '.pdf' ? 'pdf' : 'xlsx' });
  if (args.pdf !== undefined) outputs.push({ path: args.pdf, format: 'pdf' });
  if (outputs.length === 0) throw usage('export activity attend --out FICHIER.xlsx (ou .pdf) et/ou --pdf FICHIER.pdf');
  for (const output of outputs) refuseRecordOutput(output.path, args.record);

  const period = { pole: args.all ? undefined : args.poles[0], from, to, zone: args.zone as HolidayZone | undefined };
  const { jobId } = await call('activity.start', period);
  const status = await waitFor(call, jobId);
  if (status.state !== 'done') throw new ApiError('refused', status.error ?? status.step);
  const figures = await call('activity.result', { jobId });
  for (const output of outputs) {
    // The figures just computed are kept by the services: the export does not compute them again.
    const file = await call('activity.export', { ...period, format: output.format });
    writeFileSync(output.path, Buffer.from(file.dataBase64, 'base64'));
  }
  const written = outputs.map((o) => o.path);
  const calendar = args.zone === undefined
    ? `vacances de Paramètres (zone ${(await call('settings.get', {})).holidayZone})`
    : `calendrier national de la zone ${args.zone} (--zone)`;
  console.log(args.json
    ? JSON.stringify({ out: written, from, to, calendar, weeks: figures.weeks.length, poles: [...figures.poles, figures.total].map((p) => ({
      pole: p.poleCode, saisines: p.saisines.received, notifiedMinutes: p.support.notifiedMinutes, scheduledMinutes: p.support.scheduledMinutes,
      deliveredMinutes: p.support.deliveredMinutes, lostMinutes: p.support.lostMinutes, waiting: p.support.waiting.length, breaks: p.support.breaks.length,
    })) }, null, 2)
    : [`${countOf(figures.weeks.length, 'semaine de classe', 'semaines de classe')}, ${calendar}.`, ...figures.poles.map(summaryLine), `Rapport d’activités écrit dans ${written.join(' et ')}.`].join('\n'));
  return 0;
}
