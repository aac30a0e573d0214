// Activité: every pôle's activity over a period (a term, the school year, any dates) — a PAS's
// saisines and delays, a pôle's hours notified, scheduled and delivered week by week, the pupils
// who waited, the breaks in support, the AESH's comings and goings — computed as a job by the
// services, with the rapport d'activités to export as a workbook or as an A4 summary.
import { useEffect, useState, type ReactNode } from 'react';
import type { ActivityFigures, PoleActivity } from '../../../shared/api/activity.ts';
import { publicHolidaysBetween, termsOf } from '../../../shared/activity/calendar.ts';
import type { Settings } from '../../../shared/domain/settings.ts';
import { formatDate, type IsoDate } from '../../../shared/domain/dates.ts';
import { POLE_KIND_LABELS } from '../../../shared/domain/enums.ts';
import { countOf } from '../../../shared/domain/french.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import { SAISINE_ORIGINS, SAISINE_ORIGIN_LABELS, SAISINE_STATUSES, SAISINE_STATUS_LABELS } from '../../../shared/domain/saisines.ts';
import { useApi } from '../api.ts';
import { Loading, ScreenHeader } from '../components/common.tsx';
import { DateInput } from '../components/DateInput.tsx';
import { JobProgress, type JobStatus } from '../components/JobProgress.tsx';
import { download } from '../files.ts';
import { useUi } from '../store.ts';
import { useApiData } from '../useApiData.ts';
import { MonthlySaisines, ProtocolDelays, WeeklyCoverage } from './ActivityCharts.tsx';
import './activity.css';

interface Period { pole: string; from: IsoDate; to: IsoDate }

const share = (part: number, whole: number): string => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)} %`);
const days = (value: number | null): string => (value === null ? '—' : `${value.toLocaleString('fr-FR')} j`);

/** A table's body, or one row saying there is nothing, so that an empty table does not read as a fault. */
function Rows({ columns, children }: { columns: number; children: ReactNode[] }): ReactNode {
  return <tbody>{children.length > 0 ? children : <tr><td className="activity-none" colSpan={columns}>aucun</td></tr>}</tbody>;
}

function Figure({ value, label, detail, tone }: { value: string; label: string; detail?: string; tone?: 'ok' | 'warn' | 'bad' }): ReactNode {
  return (
    <div className={`figure${tone ? ` figure-${tone}` : ''}`} role="group" aria-label={label}>
      <span className="figure-value">{value}</span>
      <span className="figure-label">{label}</span>
      {detail ? <span className="figure-detail">{detail}</span> : null}
    </div>
  );
}

function SaisinesSection({ activity }: { activity: PoleActivity }): ReactNode {
  const s = activity.saisines;
  const outcomes = SAISINE_STATUSES.filter((st) => s.outcomes[st] > 0);
  return (
    <section aria-labelledby="activity-saisines">
      <h2 id="activity-saisines">Saisines</h2>
      <div className="figures">
        <Figure value={String(s.received)} label="Saisines reçues" detail={SAISINE_ORIGINS.map((o) => `${SAISINE_ORIGIN_LABELS[o]} ${s.byOrigin[o]}`).join(' · ')} />
        <Figure value={days(s.delays.firstContact.medianDays)} label="Premier contact (médiane)" detail={`au plus ${days(s.delays.firstContact.worstDays)}`} />
        <Figure value={days(s.delays.plan.medianDays)} label="Plan d’action (médiane)" detail={`au plus ${days(s.delays.plan.worstDays)}`} />
        <Figure value={`${s.plansValidated} / ${s.plansSubmitted}`} label="Plans validés / soumis" />
        <Figure value={`${s.byDegree.first} / ${s.byDegree.second}`} label="1er degré / 2nd degré" />
      </div>
      <div className="charts activity-charts">
        <MonthlySaisines activity={activity} />
        <ProtocolDelays activity={activity} />
      </div>
      <div className="activity-tables">
        <table className="plain">
          <caption>Par nature</caption>
          <thead><tr><th scope="col">Nature</th><th scope="col" className="num">Saisines</th></tr></thead>
          <tbody>{s.byNature.map((n) => <tr key={n.label}><th scope="row">{n.label}</th><td className="num">{n.count}</td></tr>)}</tbody>
        </table>
        <table className="plain">
          <caption>En fin de période (saisines reçues dans la période)</caption>
          <thead><tr><th scope="col">Statut</th><th scope="col" className="num">Saisines</th></tr></thead>
          <tbody>{outcomes.map((st) => <tr key={st}><th scope="row">{SAISINE_STATUS_LABELS[st]}</th><td className="num">{s.outcomes[st]}</td></tr>)}</tbody>
        </table>
        <table className="plain">
          <caption>Par établissement (les dix premiers)</caption>
          <thead><tr><th scope="col">Établissement</th><th scope="col" className="num">Saisines</th></tr></thead>
          <tbody>{s.bySchool.slice(0, 10).map((e) => <tr key={e.uai}><th scope="row">{e.label} <span className="muted">{e.uai}</span></th><td className="num">{e.count}</td></tr>)}</tbody>
        </table>
      </div>
    </section>
  );
}

function SupportSection({ activity }: { activity: PoleActivity }): ReactNode {
  const p = activity.support;
  const stillWaiting = p.waiting.filter((w) => w.waitingAtEnd).length;
  return (
    <section aria-labelledby="activity-support">
      <h2 id="activity-support">Accompagnement des élèves notifiés</h2>
      <p className="muted">{countOf(p.schoolWeeks, 'semaine de classe', 'semaines de classe')}, vacances exclues ; heures de l’aide individuelle.</p>
      <div className="figures">
        <Figure value={formatHours(p.deliveredMinutes)} label="Heures réalisées" detail={`${share(p.deliveredMinutes, p.notifiedMinutes)} des ${formatHours(p.notifiedMinutes)} notifiées`}
          tone={p.deliveredMinutes >= p.notifiedMinutes ? 'ok' : 'warn'} />
        <Figure value={formatHours(p.scheduledMinutes)} label="Heures programmées" />
        <Figure value={formatHours(p.lostMinutes)} label="Heures perdues" detail="absences non remplacées" tone={p.lostMinutes > 0 ? 'warn' : 'ok'} />
        <Figure value={String(p.waiting.length)} label="Élèves en attente" detail={`${stillWaiting} encore à la fin ; attente médiane ${days(p.medianWaitDays)}, au plus ${days(p.longestWaitDays)}`}
          tone={stillWaiting > 0 ? 'bad' : 'ok'} />
        <Figure value={String(p.breaks.length)} label="Ruptures d’accompagnement" detail="une semaine de classe ou plus sans AESH" tone={p.breaks.length > 0 ? 'warn' : 'ok'} />
      </div>
      {p.weeks.length > 0 ? <div className="charts activity-charts"><WeeklyCoverage activity={activity} /></div> : null}
      <div className="activity-tables">
        <table className="plain">
          <caption>Élèves en attente, la plus longue attente d’abord</caption>
          <thead><tr><th scope="col">Élève</th><th scope="col">Notifié depuis le</th><th scope="col" className="num">Attente</th><th scope="col">À la fin</th></tr></thead>
          <Rows columns={4}>{p.waiting.slice(0, 15).map((w) => (
            <tr key={w.pupilId}><th scope="row">{w.name} <span className="muted">{w.identifier}</span></th><td>{formatDate(w.since)}</td><td className="num">{days(w.days)}</td><td>{w.waitingAtEnd ? 'en attente' : 'accompagné'}</td></tr>
          ))}</Rows>
        </table>
        <table className="plain">
          <caption>Ruptures d’accompagnement</caption>
          <thead><tr><th scope="col">Élève</th><th scope="col">À partir du</th><th scope="col" className="num">Semaines</th></tr></thead>
          <Rows columns={3}>{p.breaks.slice(0, 15).map((b) => (
            <tr key={`${b.pupilId}-${b.from}`}><th scope="row">{b.name} <span className="muted">{b.identifier}</span></th><td>{formatDate(b.from)}</td><td className="num">{b.weeks}</td></tr>
          ))}</Rows>
        </table>
      </div>
    </section>
  );
}

function AeshSection({ activity }: { activity: PoleActivity }): ReactNode {
  const a = activity.aesh;
  const events = [
    ...a.arrivals.map((e) => ({ ...e, what: 'arrivée' })), ...a.departures.map((e) => ({ ...e, what: 'départ' })),
    ...a.movesIn.map((e) => ({ ...e, what: 'changement de pôle (arrivé)' })), ...a.movesOut.map((e) => ({ ...e, what: 'changement de pôle (parti)' })),
    ...a.amendments.map((e) => ({ ...e, what: 'avenant' })),
  ].sort((x, y) => x.date.localeCompare(y.date));
  return (
    <section aria-labelledby="activity-aesh">
      <h2 id="activity-aesh">AESH</h2>
      <div className="figures">
        <Figure value={`${a.arrivals.length} / ${a.departures.length}`} label="Arrivées / départs" detail="contrats commencés / terminés" />
        <Figure value={`${a.movesIn.length} / ${a.movesOut.length}`} label="Changements de pôle" detail="arrivés / partis" />
        <Figure value={String(a.amendments.length)} label="Avenants" detail="heures du contrat modifiées" />
      </div>
      {events.length > 0 ? (
        <table className="plain activity-events">
          <caption>{countOf(events.length, 'événement')} (les trente premiers)</caption>
          <thead><tr><th scope="col">Date</th><th scope="col">Événement</th><th scope="col">AESH</th><th scope="col">Détail</th></tr></thead>
          <tbody>{events.slice(0, 30).map((e, i) => (
            <tr key={i}><td>{formatDate(e.date)}</td><td>{e.what}</td><th scope="row">{e.name} <span className="muted">{e.matricule}</span></th><td>{e.detail}</td></tr>
          ))}</tbody>
        </table>
      ) : null}
    </section>
  );
}

/** Every pôle side by side: the report's first sheet, the essentials. */
function PolesTable({ figures, onPole }: { figures: ActivityFigures; onPole(code: string): void }): ReactNode {
  return (
    <section aria-labelledby="activity-poles">
      <h2 id="activity-poles">Par pôle</h2>
      <div className="activity-poles">
        <table className="plain">
          <thead><tr>
            <th scope="col">Pôle</th><th scope="col" className="num">Saisines</th><th scope="col" className="num">Heures notifiées</th>
            <th scope="col" className="num">Heures réalisées</th><th scope="col" className="num">Heures perdues</th><th scope="col" className="num">En attente</th>
            <th scope="col" className="num">Ruptures</th><th scope="col" className="num">Arrivées</th><th scope="col" className="num">Départs</th>
          </tr></thead>
          <tbody>{figures.poles.map((p) => (
            <tr key={p.poleCode}>
              <th scope="row"><button type="button" className="link" onClick={() => onPole(p.poleCode)}>{p.poleName}</button> <span className="muted">{p.poleCode}</span></th>
              <td className="num">{p.kind === 'PAS' || p.saisines.received > 0 ? p.saisines.received : '—'}</td>
              <td className="num">{formatHours(p.support.notifiedMinutes)}</td><td className="num">{formatHours(p.support.deliveredMinutes)}</td>
              <td className="num">{formatHours(p.support.lostMinutes)}</td><td className="num">{p.support.waiting.length}</td><td className="num">{p.support.breaks.length}</td>
              <td className="num">{p.aesh.arrivals.length}</td><td className="num">{p.aesh.departures.length}</td>
            </tr>
          ))}</tbody>
        </table>
      </div>
    </section>
  );
}

function Report({ figures, onPole }: { figures: ActivityFigures; onPole(code: string): void }): ReactNode {
  const activity = figures.poles.length === 1 ? figures.poles[0]! : figures.total;
  const hasSaisines = activity.saisines.received > 0 || figures.poles.some((p) => p.kind === 'PAS');
  return (
    <div className="activity-report">
      <p className="activity-scope">
        <strong>{activity.poleName}</strong>{activity.kind === null ? '' : ` (${POLE_KIND_LABELS[activity.kind]}, ${activity.poleCode})`}
        {' '}du {formatDate(figures.from)} au {formatDate(figures.to)}
      </p>
      {hasSaisines ? <SaisinesSection activity={activity} /> : null}
      <SupportSection activity={activity} />
      <AeshSection activity={activity} />
      {figures.poles.length > 1 ? <PolesTable figures={figures} onPole={onPole} /> : null}
    </div>
  );
}

/**
 * Which school calendar the weeks were counted with (Paramètres' holidays), what in it is still to
 * be checked, and the jours fériés of the period, which do not remove hours: the figures go to the
 * pilots, so the calendar behind them is said, with the way to correct it.
 */
function CalendarNotice({ settings, from, to }: { settings: Settings; from: IsoDate; to: IsoDate }): ReactNode {
  const go = useUi((s) => s.go);
  const inPeriod = settings.schoolHolidays.filter((h) => h.start <= to && from <= h.end);
  const toVerify = inPeriod.filter((h) => !h.verified);
  const inYear = settings.schoolHolidays.some((h) => h.start <= settings.schoolYearEnd && settings.schoolYearStart <= h.end);
  // The jours fériés that would have been days of class: a weekday of the school year, outside the holidays.
  const feries = publicHolidaysBetween(from, to).filter((p) => {
    const weekday = new Date(`${p.date}T12:00:00Z`).getUTCDay();
    return weekday >= 1 && weekday <= 5 && settings.schoolYearStart <= p.date && p.date <= settings.schoolYearEnd
      && !settings.schoolHolidays.some((h) => h.start <= p.date && p.date <= h.end);
  });
  const span = (h: { label: string; start: IsoDate; end: IsoDate }): string => `${h.label} du ${formatDate(h.start)} au ${formatDate(h.end)}`;
  return (
    <section className="activity-calendar" aria-label="Calendrier scolaire">
      <p>
        Calendrier scolaire : vacances de la zone {settings.holidayZone} saisies dans Paramètres
        {inPeriod.length === 0 ? ', aucune dans la période' : ` (${inPeriod.map(span).join(' ; ')})`}.{' '}
        <button type="button" className="link" onClick={() => go('settings')}>Modifier le calendrier dans Paramètres</button>
      </p>
      {toVerify.length > 0 ? (
        <p className="form-error" role="status">
          {countOf(toVerify.length, 'période', 'périodes')} de vacances à vérifier auprès du calendrier officiel ({toVerify.map((h) => h.label).join(', ')}) :
          les semaines de classe comptées en dépendent. {toVerify.length === 1 ? 'Confirmez-la ou corrigez-la' : 'Confirmez-les ou corrigez-les'} dans Paramètres.
        </p>
      ) : null}
      {inYear ? null : (
        <p className="form-error" role="status">Aucune période de vacances n’est connue pour l’année scolaire : toutes ses semaines sont comptées comme semaines de classe.</p>
      )}
      <p className="muted">
        {feries.length === 0 ? 'Aucun jour férié en semaine de classe dans la période. ' : `Jours fériés en semaine de classe : ${feries.map((p) => `${formatDate(p.date)} (${p.label})`).join(', ')}. `}
        Une semaine compte entière dès qu’elle a un jour de classe : les heures notifiées sont hebdomadaires, un jour férié n’en retire pas.
      </p>
    </section>
  );
}

export function ActivityScreen(): ReactNode {
  const api = useApi();
  const today = useUi((s) => s.today);
  const notify = useUi((s) => s.notify);
  const settings = useApiData('settings.get', {});
  const poles = useApiData('poles.list', {});
  const [period, setPeriod] = useState<Period | null>(null);
  const [choice, setChoice] = useState('');
  /** The job computing the period asked (`key`), and the figures of the last one done, with the period they answer. */
  const [job, setJob] = useState<{ id: string; key: string } | null>(null);
  const [figures, setFigures] = useState<{ key: string; figures: ActivityFigures } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  const calendar = settings.data === undefined ? null : { yearStart: settings.data.schoolYearStart, yearEnd: settings.data.schoolYearEnd };
  const terms = settings.data === undefined || calendar === null ? [] : termsOf({ ...calendar, holidays: settings.data.schoolHolidays });
  const presets = calendar === null ? [] : [...terms, { label: 'Année scolaire', from: calendar.yearStart, to: calendar.yearEnd }];
  // The term running today, or the school year: the report asked for most often.
  if (period === null && calendar !== null) {
    const current = terms.find((t) => t.from <= today && today <= t.to) ?? presets.at(-1)!;
    setPeriod({ pole: '', from: current.from, to: current.to });
    setChoice(current.label);
  }

  const asked = period === null ? null : { pole: period.pole === '' ? undefined : period.pole, from: period.from, to: period.to };
  const key = JSON.stringify(asked);
  useEffect(() => {
    if (key === 'null') return;
    let live = true;
    let started: string | null = null;
    api('activity.start', JSON.parse(key) as NonNullable<typeof asked>).then(
      ({ jobId }) => {
        started = jobId;
        if (live) setJob({ id: jobId, key });
        else void api('jobs.cancel', { jobId });
      },
      (error: unknown) => live && setProblem((error as Error).message),
    );
    return () => {
      live = false;
      // A period changed while computing: the previous job is of no use any more.
      if (started !== null) void api('jobs.cancel', { jobId: started }).catch(() => undefined);
    };
  }, [api, key]);

  const ended = (status: JobStatus): void => {
    if (job === null || status.jobId !== job.id) return;
    const { key: answered } = job;
    setJob(null);
    if (status.state === 'done') {
      api('activity.result', { jobId: status.jobId }).then((result) => {
        setFigures({ key: answered, figures: result });
        setProblem(null);
      }, (error: unknown) => setProblem((error as Error).message));
    } else if (status.state === 'failed') setProblem(status.error ?? 'Le calcul a échoué.');
  };

  const exportAs = async (format: 'xlsx' | 'pdf'): Promise<void> => {
    if (asked === null) return;
    setExporting(true);
    try {
      const file = await api('activity.export', { ...asked, format });
      download(file.fileName, file.dataBase64, format === 'pdf' ? 'application/pdf' : undefined);
      notify(`Rapport d’activités exporté : ${file.fileName}`);
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      setExporting(false);
    }
  };

  if (period === null || poles.data === undefined || settings.data === undefined) return <div className="page"><Loading error={settings.error ?? poles.error} /></div>;
  const change = (next: Partial<Period>): void => setPeriod({ ...period, ...next });
  const choose = (label: string): void => {
    setChoice(label);
    const preset = presets.find((p) => p.label === label);
    if (preset !== undefined) change({ from: preset.from, to: preset.to });
  };
  const shown = figures !== null && figures.key === key ? figures.figures : null;
  return (
    <div className="page activity">
      <ScreenHeader title="Activité">
        <div className="toolbar">
          <button type="button" disabled={shown === null || exporting} onClick={() => void exportAs('xlsx')}>Exporter le rapport (Excel)</button>
          <button type="button" disabled={shown === null || exporting} onClick={() => void exportAs('pdf')}>Résumé A4 (PDF)</button>
        </div>
      </ScreenHeader>
      <form className="filters activity-period" aria-label="Période et pôle" onSubmit={(e) => e.preventDefault()}>
        <label className="inline-field">Période
          <select value={choice} onChange={(e) => choose(e.target.value)}>
            {presets.map((p) => <option key={p.label} value={p.label}>{p.label} ({formatDate(p.from)} – {formatDate(p.to)})</option>)}
            <option value="custom">Dates choisies</option>
          </select>
        </label>
        {choice === 'custom' ? (
          <>
            <DateInput label="Du" value={period.from} onChange={(from) => change({ from })} />
            <DateInput label="Au" value={period.to} onChange={(to) => change({ to })} />
          </>
        ) : null}
        <label className="inline-field">Pôle
          <select value={period.pole} onChange={(e) => change({ pole: e.target.value })}>
            <option value="">Tous les pôles</option>
            {poles.data.map((p) => <option key={p.id} value={p.code}>{p.name} ({p.code})</option>)}
          </select>
        </label>
      </form>
      <CalendarNotice settings={settings.data} from={period.from} to={period.to} />
      {problem !== null ? <p role="alert" className="form-error">{problem}</p> : null}
      {job !== null ? <JobProgress key={job.id} jobId={job.id} label="Calcul de l’activité de la période" onEnd={ended} /> : null}
      {shown !== null ? <Report figures={shown} onPole={(code) => change({ pole: code })} /> : null}
    </div>
  );
}
