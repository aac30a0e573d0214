// `cli allocate`: the allocation assistant from the command line, through the same API calls as the
// screens (allocation.start, jobs.status, allocation.result, allocation.accept). Without --apply it
// writes nothing; with it, the whole proposal is one change of the journal, undoable in the app.
// The hours a pôle still lacks are given with the recruitment they call for, Répartition's figure.
import type { ApiCall } from '../../shared/api/contract.ts';
import type { AllocationProposalView, CoverageFigures, JobStatus } from '../../shared/api/allocation.ts';
import { WEEKDAY_LABELS } from '../../shared/domain/enums.ts';
import { countOf } from '../../shared/domain/french.ts';
import { formatClockInput, formatHours } from '../../shared/domain/hours.ts';
import type { Settings } from '../../shared/domain/settings.ts';
import { recruitmentOf, recruitmentText, type Recruitment } from '../../shared/repartition/balance.ts';

export interface AllocateArgs {
  poles: readonly string[];
  all: boolean;
  date: string | undefined;
  replan: boolean;
  timeLimit: string | undefined;
  apply: boolean;
  json: boolean;
}

const POLL_MS = 200;
const hoursOf = (minutes: number): number => Math.round((minutes / 60) * 100) / 100;
const jsonFigures = (f: CoverageFigures): { pupilsWithout: number; pupilsPartial: number; missingHours: number } =>
  ({ pupilsWithout: f.pupilsWithout, pupilsPartial: f.pupilsPartial, missingHours: hoursOf(f.missingMinutes) });

/** The recruitment each pôle's lacking hours call for, by id: Répartition's rule. */
function recruitmentByPole(view: AllocationProposalView, settings: Settings): Map<number, Recruitment> {
  return new Map(view.poles.map((p) => [p.poleId, recruitmentOf(p.lackingMinutes, settings)] as const));
}

/** What --json prints: codes, UAI, matricules and identifiers, times as HH:MM, hours as numbers. */
function jsonOf(view: AllocationProposalView, recruitment: ReadonlyMap<number, Recruitment>, applied: boolean): unknown {
  return {
    date: view.date,
    applied,
    poles: view.poles.map((p) => ({
      pole: p.poleCode, before: jsonFigures(p.before), after: jsonFigures(p.after),
      bound: p.boundMinutes === null ? null : hoursOf(p.boundMinutes), seconds: Math.round(p.seconds * 100) / 100,
      recruitment: recruitment.get(p.poleId)!,
    })),
    slots: view.slots.map((s) => ({
      aesh: s.matricule, uai: s.uai, day: WEEKDAY_LABELS[s.weekday], start: formatClockInput(s.start), end: formatClockInput(s.end),
      pupils: s.pupilIdentifiers, nature: s.nature,
    })),
    unplaced: view.unplaced.map((u) => ({ pupil: u.identifier, missingHours: hoursOf(u.missingMinutes), reason: u.reason })),
  };
}

function summaryOf(view: AllocationProposalView, recruitment: ReadonlyMap<number, Recruitment>, settings: Settings): string {
  const lines = view.poles.map((p) => {
    const slots = view.slots.filter((s) => s.poleId === p.poleId).length;
    const left = view.unplaced.filter((u) => u.poleId === p.poleId).length;
    const bound = p.boundMinutes === null ? '' : ` (au mieux ${formatHours(p.boundMinutes)})`;
    return [
      `Pôle ${p.poleCode} — ${p.poleName} (${p.seconds.toFixed(1).replace('.', ',')} s)`,
      `  élèves sans AESH : ${p.before.pupilsWithout} → ${p.after.pupilsWithout} ; accompagnés en partie : ${p.before.pupilsPartial} → ${p.after.pupilsPartial}`,
      `  heures individuelles couvertes : ${formatHours(p.before.individualMinutesCovered)} → ${formatHours(p.after.individualMinutesCovered)}${bound}`,
      `  ${countOf(slots, 'créneau proposé', 'créneaux proposés')} ; ${left === 0 ? 'chaque élève a ses heures' : `${countOf(left, 'élève reste', 'élèves restent')} sans toutes ses heures`}`,
      ...(p.lackingMinutes > 0 ? [`  Heures que le pôle n’a pas : ${formatHours(p.lackingMinutes)} → ${recruitmentText(recruitment.get(p.poleId)!, settings)}`] : []),
    ].join('\n');
  });
  const unplaced = view.unplaced.map((u) => `  ${u.pupilName} (${u.identifier}) : ${formatHours(u.missingMinutes)} manquantes — ${u.reason}`);
  return [...lines, ...(unplaced.length > 0 ? ['Élèves restant sans toutes leurs heures :', ...unplaced] : [])].join('\n');
}

/**
 * Polls the job until it ends, with a progress line on stderr when that is a terminal; Ctrl+C
 * cancels it meanwhile (an import then writes nothing, an export gives no file, the solver stops).
 */
export async function waitFor(call: ApiCall, jobId: string): Promise<JobStatus> {
  const tty = process.stderr.isTTY;
  const interrupt = (): void => void call('jobs.cancel', { jobId });
  process.once('SIGINT', interrupt);
  try {
    for (;;) {
      const status = await call('jobs.status', { jobId });
      const best = status.best === null ? '' : ` — meilleure proposition : ${countOf(status.best.pupilsWithout, 'élève', 'élèves')} sans AESH, ${formatHours(status.best.missingMinutes)} manquantes`;
      if (tty) process.stderr.write(`\r\x1b[2K${status.step}${status.total > 0 ? ` [${status.done}/${status.total}]` : ''}${best}`);
      if (status.state !== 'running') {
        if (tty) process.stderr.write('\n');
        return status;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    process.off('SIGINT', interrupt);
  }
}

/** Runs `allocate`; `usage` makes the error that main.ts reports as a usage error (exit 2). */
export async function allocateCommand(call: ApiCall, args: AllocateArgs, usage: (message: string) => Error): Promise<number> {
  if (!args.all && args.poles.length === 0) throw usage('allocate attend --pole CODE (une ou plusieurs fois) ou --all');
  const timeLimitSeconds = args.timeLimit === undefined ? undefined : Number(args.timeLimit);
  if (timeLimitSeconds !== undefined && !(timeLimitSeconds > 0)) throw usage(`--time-limit attend un nombre de secondes, reçu « ${args.timeLimit} »`);
  const poles = await call('poles.list', {});
  const chosen = args.all ? poles : args.poles.map((code) => {
    const pole = poles.find((p) => p.code === code);
    if (pole === undefined) throw usage(`pôle inconnu : ${code} (pôles : ${poles.map((p) => p.code).join(', ') || 'aucun'})`);
    return pole;
  });
  if (chosen.length === 0) throw usage('aucun pôle dans la base');
  const date = args.date ?? await call('clock.today', {});
  const { jobId } = await call('allocation.start', { poleIds: chosen.map((p) => p.id), date, replan: args.replan, timeLimitSeconds });
  // Ctrl+C stops the solver threads; nothing has been written before --apply's single change.
  await waitFor(call, jobId);
  const view = await call('allocation.result', { jobId });
  const settings = await call('settings.get', {});
  const recruitment = recruitmentByPole(view, settings);
  const writes = view.slots.length + view.ended.length + view.removed.length > 0;
  const done = args.apply && writes ? await call('allocation.accept', { jobId }) : null;
  const after = done === null
    ? (args.apply ? 'Rien à enregistrer : la proposition ne change aucun créneau.' : 'Rien n’a été écrit : relancez avec --apply pour enregistrer la proposition.')
    : `Proposition enregistrée : ${countOf(done.slots.length, 'créneau', 'créneaux')} (modification n° ${done.changeId} du journal, annulable dans l’application).`;
  console.log(args.json ? JSON.stringify(jsonOf(view, recruitment, done !== null), null, 2) : `${summaryOf(view, recruitment, settings)}\n${after}`);
  return 0;
}
