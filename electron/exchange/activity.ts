// The rapport d'activités: a workbook with the same columns for every pôle of the département (one
// row each, so that the IEN-ASH can put the PAS's files side by side and merge them), detail sheets
// under it, and a printable A4 summary per pôle (pdf-lib, the standard Helvetica: its WinAnsi
// encoding covers the French accents, and the few signs it lacks are written another way).
import type * as XLSX from 'xlsx';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { ActivityFigures, PoleActivity } from '../../shared/activity/figures.ts';
import { monthLabel, type Delay } from '../../shared/activity/saisines.ts';
import { formatDate, type IsoDate } from '../../shared/domain/dates.ts';
import { POLE_KIND_LABELS } from '../../shared/domain/enums.ts';
import { formatHours } from '../../shared/domain/hours.ts';
import {
  REORIENTATIONS, REORIENTATION_LABELS, SAISINE_ORIGINS, SAISINE_ORIGIN_LABELS, SAISINE_STATUSES, SAISINE_STATUS_LABELS,
} from '../../shared/domain/saisines.ts';
import { sheetOf, workbookBytes, type OutCell } from './cells.ts';

const decimalHours = (minutes: number): number => Math.round((minutes / 60) * 100) / 100;
const excelDay = (iso: IsoDate): Date => new Date(`${iso}T00:00:00Z`);

/** The report's columns, the same for every pôle whatever its kind, and each one's value. */
const COLUMNS: [string, (p: PoleActivity, f: ActivityFigures) => OutCell][] = [
  ['Pôle', (p) => p.poleCode],
  ['Nom', (p) => p.poleName],
  ['Type', (p) => (p.kind === null ? '' : POLE_KIND_LABELS[p.kind])],
  ['Du', (_p, f) => excelDay(f.from)],
  ['Au', (_p, f) => excelDay(f.to)],
  ['Semaines de classe', (p) => p.support.schoolWeeks],
  ['Saisines reçues', (p) => p.saisines.received],
  ...SAISINE_ORIGINS.map((o): [string, (p: PoleActivity) => OutCell] => [`Origine : ${SAISINE_ORIGIN_LABELS[o]}`, (p) => p.saisines.byOrigin[o]]),
  ['Saisines 1er degré', (p) => p.saisines.byDegree.first],
  ['Saisines 2nd degré', (p) => p.saisines.byDegree.second],
  ...delayColumns('Réception → 1er contact', (p) => p.saisines.delays.firstContact),
  ...delayColumns('Réception → plan d’action', (p) => p.saisines.delays.plan),
  ...delayColumns('Plan → bilan', (p) => p.saisines.delays.bilan),
  ['Plans soumis aux pilotes', (p) => p.saisines.plansSubmitted],
  ['Plans validés', (p) => p.saisines.plansValidated],
  ...SAISINE_STATUSES.map((s): [string, (p: PoleActivity) => OutCell] => [`Fin de période : ${SAISINE_STATUS_LABELS[s]}`, (p) => p.saisines.outcomes[s]]),
  ...REORIENTATIONS.map((r): [string, (p: PoleActivity) => OutCell] => [`Réorientées : ${REORIENTATION_LABELS[r]}`, (p) => p.saisines.reoriented[r]]),
  ['Heures notifiées', (p) => decimalHours(p.support.notifiedMinutes)],
  ['Heures programmées', (p) => decimalHours(p.support.scheduledMinutes)],
  ['Heures réalisées', (p) => decimalHours(p.support.deliveredMinutes)],
  ['Heures perdues (absences non remplacées)', (p) => decimalHours(p.support.lostMinutes)],
  ['Élèves en attente', (p) => p.support.waiting.length],
  ['Élèves en attente à la fin', (p) => p.support.waiting.filter((w) => w.waitingAtEnd).length],
  ['Attente médiane (jours)', (p) => p.support.medianWaitDays],
  ['Attente la plus longue (jours)', (p) => p.support.longestWaitDays],
  ['Ruptures d’accompagnement', (p) => p.support.breaks.length],
  ['AESH arrivés d’un autre pôle', (p) => p.aesh.movesIn.length],
  ['AESH partis vers un autre pôle', (p) => p.aesh.movesOut.length],
  ['Avenants (heures modifiées)', (p) => p.aesh.amendments.length],
  ['Arrivées d’AESH (contrats)', (p) => p.aesh.arrivals.length],
  ['Départs d’AESH (fins de contrat)', (p) => p.aesh.departures.length],
];
function delayColumns(label: string, delay: (p: PoleActivity) => Delay): [string, (p: PoleActivity) => OutCell][] {
  return [[`${label} : médiane (jours)`, (p) => delay(p).medianDays], [`${label} : maximum (jours)`, (p) => delay(p).worstDays]];
}
export const ACTIVITY_COLUMNS: readonly string[] = COLUMNS.map(([header]) => header);

/** The report as a workbook: the summary (one row per pôle, then the whole when there are several), then the details. */
export function activityWorkbook(figures: ActivityFigures): Uint8Array {
  const poles = figures.poles.length > 1 ? [...figures.poles, figures.total] : figures.poles;
  const summary = sheetOf([...ACTIVITY_COLUMNS], poles.map((p) => COLUMNS.map(([, value]) => value(p, figures))), {
    widths: ACTIVITY_COLUMNS.map((h, i) => (i === 1 ? 28 : Math.max(12, Math.min(h.length + 2, 30)))),
  });
  const detail = (header: string[], rows: (p: PoleActivity) => OutCell[][]): XLSX.WorkSheet =>
    sheetOf(['Pôle', ...header], figures.poles.flatMap((p) => rows(p).map((row) => [p.poleCode, ...row])));
  const sheets: [string, XLSX.WorkSheet][] = [
    ['Rapport', summary],
    ['Saisines par mois', detail(['Mois', 'Saisines'], (p) => p.saisines.byMonth.map((m) => [m.month, m.count]))],
    ['Saisines par nature', detail(['Nature', 'Saisines'], (p) => p.saisines.byNature.map((n) => [n.label, n.count]))],
    ['Saisines par établissement', detail(['UAI', 'Établissement', 'Saisines'], (p) => p.saisines.bySchool.map((s) => [s.uai, s.label, s.count]))],
    ['Semaines', detail(['Semaine du', 'Heures notifiées', 'Heures programmées', 'Heures réalisées', 'Élèves en attente'], (p) =>
      p.support.weeks.map((w) => [excelDay(w.week), decimalHours(w.notifiedMinutes), decimalHours(w.scheduledMinutes), decimalHours(w.deliveredMinutes), w.waiting]))],
    ['Attentes', detail(['Identifiant', 'Élève', 'Notifié depuis le', 'Jours d’attente', 'En attente à la fin'], (p) =>
      p.support.waiting.map((w) => [w.identifier, w.name, excelDay(w.since), w.days, w.waitingAtEnd ? 'oui' : 'non']))],
    ['Ruptures', detail(['Identifiant', 'Élève', 'Sans accompagnement à partir du', 'Semaines'], (p) =>
      p.support.breaks.map((b) => [b.identifier, b.name, excelDay(b.from), b.weeks]))],
    ['AESH', detail(['Événement', 'Matricule', 'AESH', 'Date', 'Détail'], (p) => [
      ...p.aesh.arrivals.map((e) => ['arrivée', e.matricule, e.name, excelDay(e.date), e.detail]),
      ...p.aesh.departures.map((e) => ['départ', e.matricule, e.name, excelDay(e.date), e.detail]),
      ...p.aesh.movesIn.map((e) => ['mouvement entrant', e.matricule, e.name, excelDay(e.date), e.detail]),
      ...p.aesh.movesOut.map((e) => ['mouvement sortant', e.matricule, e.name, excelDay(e.date), e.detail]),
      ...p.aesh.amendments.map((e) => ['avenant', e.matricule, e.name, excelDay(e.date), e.detail]),
    ])],
  ];
  return workbookBytes(sheets);
}

export function activityFileName(figures: ActivityFigures, format: 'xlsx' | 'pdf'): string {
  const who = figures.poles.length === 1 ? figures.poles[0]!.poleCode : 'departement';
  return `rapport-activite-${who}-${figures.from}-${figures.to}.${format}`;
}

// WinAnsi (Helvetica's encoding) has every French letter, the apostrophe ’ and « »; not the narrow
// no-break space of French numbers, the arrow or the minus sign.
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
function winAnsi(text: string): string {
  return text
    .replace(/[\u202f\u2009]/g, ' ')
    .replace(/→/g, '-')
    .replace(/−/g, '-')
    .replace(/[^\u0020-\u007e\u00a0-\u00ff]/gu, (c) => (WIN_ANSI_EXTRA.includes(c) ? c : '?'));
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const INK = rgb(0.12, 0.14, 0.2);
const MUTED = rgb(0.38, 0.4, 0.46);
const BAR = rgb(0.16, 0.38, 0.67);
const BAR_LIGHT = rgb(0.72, 0.8, 0.9);

/** Writes down the page, starting a new one when the page is full. */
class Writer {
  page!: PDFPage;
  y = 0;
  private readonly doc: PDFDocument;
  private readonly font: PDFFont;
  private readonly bold: PDFFont;
  constructor(doc: PDFDocument, font: PDFFont, bold: PDFFont) {
    this.doc = doc;
    this.font = font;
    this.bold = bold;
  }
  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
  room(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }
  text(text: string, options: { size?: number; bold?: boolean; color?: ReturnType<typeof rgb>; indent?: number } = {}): void {
    const size = options.size ?? 10;
    this.room(size + 4);
    this.y -= size + 4;
    this.page.drawText(winAnsi(text), { x: MARGIN + (options.indent ?? 0), y: this.y, size, font: options.bold ? this.bold : this.font, color: options.color ?? INK });
  }
  heading(text: string): void {
    this.room(40);
    this.y -= 10;
    this.text(text, { size: 13, bold: true });
    this.page.drawLine({ start: { x: MARGIN, y: this.y - 4 }, end: { x: A4[0] - MARGIN, y: this.y - 4 }, thickness: 0.5, color: MUTED });
    this.y -= 6;
  }
  /** A figure and its label on one line, the figure right-aligned in a column. */
  figure(label: string, value: string): void {
    this.text(label, { indent: 8 });
    const width = this.bold.widthOfTextAtSize(winAnsi(value), 10);
    // A long value (the statuses at the end) goes under its label rather than over it.
    if (MARGIN + 16 + this.font.widthOfTextAtSize(winAnsi(label), 10) + width > A4[0] - MARGIN) this.text('');
    this.page.drawText(winAnsi(value), { x: A4[0] - MARGIN - width, y: this.y, size: 10, font: this.bold, color: INK });
  }
  /** Vertical bars with a label under each (every `labelEvery`-th) and the largest value written. */
  bars(title: string, values: { label: string; value: number; background?: number }[], labelEvery = 1): void {
    const height = 70;
    this.room(height + 40);
    this.text(title, { bold: true, size: 10 });
    const top = this.y - 8;
    const bottom = top - height;
    const max = Math.max(1, ...values.map((v) => Math.max(v.value, v.background ?? 0)));
    const slot = (A4[0] - 2 * MARGIN) / Math.max(1, values.length);
    const width = Math.max(2, slot * 0.7);
    values.forEach((v, i) => {
      const x = MARGIN + i * slot + (slot - width) / 2;
      if (v.background !== undefined) this.page.drawRectangle({ x, y: bottom, width, height: (v.background / max) * height, color: BAR_LIGHT });
      this.page.drawRectangle({ x, y: bottom, width, height: (v.value / max) * height, color: BAR });
      if (i % labelEvery === 0) this.page.drawText(winAnsi(v.label), { x: MARGIN + i * slot, y: bottom - 10, size: 7, font: this.font, color: MUTED });
    });
    this.page.drawLine({ start: { x: MARGIN, y: bottom }, end: { x: A4[0] - MARGIN, y: bottom }, thickness: 0.5, color: MUTED });
    this.page.drawText(winAnsi(`max. ${Math.round(max)}`), { x: A4[0] - MARGIN - 40, y: top + 2, size: 7, font: this.font, color: MUTED });
    this.y = bottom - 16;
  }
}

const days = (value: number | null): string => (value === null ? '—' : `${String(value).replace('.', ',')} j`);
const delayText = (d: Delay): string => (d.count === 0 ? '—' : `médiane ${days(d.medianDays)}, au plus ${days(d.worstDays)} (${d.count})`);

function poleSummary(w: Writer, pole: PoleActivity, figures: ActivityFigures): void {
  w.newPage();
  w.text('Rapport d’activités', { size: 11, color: MUTED });
  w.text(`${pole.poleCode} — ${pole.poleName}`, { size: 18, bold: true });
  w.text(`${pole.kind === null ? 'Ensemble des pôles' : POLE_KIND_LABELS[pole.kind]} · du ${formatDate(figures.from)} au ${formatDate(figures.to)} · ${pole.support.schoolWeeks} semaines de classe`, { color: MUTED });
  const s = pole.saisines;
  if (pole.kind === 'PAS' || s.received > 0) {
    w.heading('Saisines');
    w.figure('Saisines reçues', String(s.received));
    for (const o of SAISINE_ORIGINS) w.figure(`dont ${SAISINE_ORIGIN_LABELS[o]}`, String(s.byOrigin[o]));
    w.figure('1er degré / 2nd degré', `${s.byDegree.first} / ${s.byDegree.second}`);
    w.figure('De la réception au premier contact', delayText(s.delays.firstContact));
    w.figure('De la réception au plan d’action', delayText(s.delays.plan));
    w.figure('Du plan d’action au bilan', delayText(s.delays.bilan));
    w.figure('Plans soumis aux pilotes / validés', `${s.plansSubmitted} / ${s.plansValidated}`);
    const outcomes = SAISINE_STATUSES.filter((st) => s.outcomes[st] > 0).map((st) => `${SAISINE_STATUS_LABELS[st]} ${s.outcomes[st]}`);
    w.figure('En fin de période', outcomes.join(', ') || '—');
    for (const n of s.byNature.slice(0, 5)) w.figure(`Nature : ${n.label}`, String(n.count));
    w.bars('Saisines reçues par mois', s.byMonth.map((m) => ({ label: monthLabel(m.month), value: m.count })));
  }
  const p = pole.support;
  w.heading('Accompagnement des élèves notifiés');
  w.figure('Heures notifiées (aide individuelle)', formatHours(p.notifiedMinutes));
  w.figure('Heures programmées', formatHours(p.scheduledMinutes));
  w.figure('Heures réalisées', formatHours(p.deliveredMinutes));
  w.figure('Heures perdues (absences non remplacées)', formatHours(p.lostMinutes));
  w.figure('Élèves en attente (dont encore à la fin)', `${p.waiting.length} (${p.waiting.filter((x) => x.waitingAtEnd).length})`);
  w.figure('Attente : médiane / la plus longue', `${days(p.medianWaitDays)} / ${days(p.longestWaitDays)}`);
  w.figure('Ruptures d’accompagnement', String(p.breaks.length));
  if (p.weeks.length > 0) {
    w.bars('Heures réalisées (foncé) sur heures notifiées (clair), par semaine de classe',
      p.weeks.map((week) => ({ label: formatDate(week.week).slice(0, 5), value: week.deliveredMinutes / 60, background: week.notifiedMinutes / 60 })),
      Math.ceil(p.weeks.length / 9));
  }
  const a = pole.aesh;
  w.heading('AESH');
  w.figure('Arrivées (nouveaux contrats) / départs (fins de contrat)', `${a.arrivals.length} / ${a.departures.length}`);
  w.figure('Mouvements entre pôles : arrivés / partis', `${a.movesIn.length} / ${a.movesOut.length}`);
  w.figure('Avenants (heures modifiées)', String(a.amendments.length));
}

/** One A4 summary per pôle (and the whole first, when there are several). */
export async function activityPdf(figures: ActivityFigures): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsi(`Rapport d’activités du ${formatDate(figures.from)} au ${formatDate(figures.to)}`));
  doc.setLanguage('fr-FR');
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  for (const pole of figures.poles.length > 1 ? [figures.total, ...figures.poles] : figures.poles) poleSummary(w, pole, figures);
  // A fixed date: the same figures give the same file.
  doc.setCreationDate(new Date(`${figures.to}T00:00:00Z`));
  doc.setModificationDate(new Date(`${figures.to}T00:00:00Z`));
  return doc.save();
}
