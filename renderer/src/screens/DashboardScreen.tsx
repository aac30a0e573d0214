// The headline figures of the chosen date and pôle, all computed by the engine, never typed in,
// each opening the list of pupils or AESH it counts; the charts; and the snapshots that keep
// reported figures reproducible.
import { useState, type ReactNode } from 'react';
import type { RecordCounts } from '../../../shared/api/entities.ts';
import { SUPPORT_CATEGORY_LABELS, type PoleIndicators, type StatusCounts, type SupportCategory, type SupportStatus } from '../../../shared/gaps/indicators.ts';
import { formatDate } from '../../../shared/domain/dates.ts';
import { countOf } from '../../../shared/domain/french.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import { Loading, ScreenHeader } from '../components/common.tsx';
import { CoverageByPole, NeedsVsCapacity, Trend, trendPoints, WaitingByDays } from '../dashboard/Charts.tsx';
import { DrillPanel, STATUS_LABELS, type Drill } from '../dashboard/DrillPanel.tsx';
import { SnapshotForm } from '../dashboard/SnapshotForm.tsx';
import { Targets } from '../dashboard/Targets.tsx';
import { DateInput } from '../components/DateInput.tsx';
import { useUi, type Screen } from '../store.ts';
import { useApiData } from '../useApiData.ts';
import { JournalList } from './JournalList.tsx';

const DEGREE_LABELS = { first: '1er degré', second: '2nd degré' } as const;
const percent = (part: number, whole: number): string => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)} %`);
const number = (value: number): string => value.toLocaleString('fr-FR');

type OnDrill = (drill: Drill) => void;

interface FigureProps { value: string; label: string; detail?: string; tone?: 'ok' | 'warn' | 'bad'; drill?: Drill; onDrill?: OnDrill }

function Figure({ value, label, detail, tone, drill, onDrill }: FigureProps): ReactNode {
  return (
    <div className={`figure${tone ? ` figure-${tone}` : ''}`} role="group" aria-label={label}>
      {drill && onDrill
        ? <button type="button" className="figure-value figure-open" title={`Voir la liste : ${drill.title}`} onClick={() => onDrill(drill)}>{value}</button>
        : <span className="figure-value">{value}</span>}
      <span className="figure-label">{label}</span>
      {detail ? <span className="figure-detail">{detail}</span> : null}
    </div>
  );
}

/** A count in the table by category or degree: a link to its pupils. */
function CountCell({ value, drill, onDrill }: { value: number; drill: Drill; onDrill: OnDrill }): ReactNode {
  return <td className="num">{value === 0 ? number(value) : <button type="button" className="link" title={drill.title} onClick={() => onDrill(drill)}>{number(value)}</button>}</td>;
}

function StatusRow({ label, counts, pupilsOf, onDrill }: { label: string; counts: StatusCounts; pupilsOf(status?: SupportStatus): Drill; onDrill: OnDrill }): ReactNode {
  return (
    <tr>
      <th scope="row">{label}</th>
      <CountCell value={counts.notified} drill={pupilsOf()} onDrill={onDrill} />
      <CountCell value={counts.full} drill={pupilsOf('full')} onDrill={onDrill} />
      <CountCell value={counts.partial} drill={pupilsOf('partial')} onDrill={onDrill} />
      <CountCell value={counts.none} drill={pupilsOf('none')} onDrill={onDrill} />
      <td className="num">{percent(counts.full, counts.notified)}</td>
    </tr>
  );
}

function Headline({ figures, etpBasis, onDrill }: { figures: PoleIndicators; etpBasis: string; onDrill: OnDrill }): ReactNode {
  const { pupils, hours, aesh } = figures;
  const where = figures.poleCode ?? 'département';
  const poleId = figures.poleId ?? undefined;
  const pupilsOf = (status?: SupportStatus, category?: SupportCategory, degree?: 'first' | 'second'): Drill => ({
    kind: 'pupils',
    title: `Élèves ${category ? `en aide ${SUPPORT_CATEGORY_LABELS[category]} ` : 'notifiés '}${degree ? `du ${DEGREE_LABELS[degree]} ` : ''}${status ? `${STATUS_LABELS[status]} ` : ''}— ${where}`,
    filter: { poleId, status, category, degree },
  });
  const aeshDrill: Drill = { kind: 'aesh', title: `AESH sous contrat — ${where}`, filter: { poleId } };
  const individual = pupilsOf(undefined, 'individual');
  return (
    <>
      <h2>Élèves</h2>
      <div className="figures">
        <Figure value={number(pupils.notified)} label="élèves notifiés" detail="aide individuelle, mutualisée ou ULIS" drill={pupilsOf()} onDrill={onDrill} />
        <Figure value={number(pupils.full)} label="accompagnés en totalité" detail={percent(pupils.full, pupils.notified)} tone="ok" drill={pupilsOf('full')} onDrill={onDrill} />
        <Figure value={number(pupils.partial)} label="accompagnés en partie" detail={percent(pupils.partial, pupils.notified)} tone="warn" drill={pupilsOf('partial')} onDrill={onDrill} />
        <Figure value={number(pupils.none)} label="sans AESH" detail={percent(pupils.none, pupils.notified)} tone="bad" drill={pupilsOf('none')} onDrill={onDrill} />
      </div>
      <table className="plain figures-table" aria-label="Élèves par aide et par degré">
        <thead><tr><th><span className="sr-only">Aide</span></th><th className="num">Notifiés</th><th className="num">En totalité</th><th className="num">En partie</th><th className="num">Sans AESH</th><th className="num">Taux</th></tr></thead>
        <tbody>
          <StatusRow label="Aide individuelle" counts={figures.byCategory.individual} pupilsOf={(status) => pupilsOf(status, 'individual')} onDrill={onDrill} />
          <StatusRow label="Aide mutualisée" counts={figures.byCategory.shared} pupilsOf={(status) => pupilsOf(status, 'shared')} onDrill={onDrill} />
          <StatusRow label="ULIS (aide collective)" counts={figures.byCategory.ulis} pupilsOf={(status) => pupilsOf(status, 'ulis')} onDrill={onDrill} />
          <StatusRow label="1er degré" counts={figures.byDegree.first} pupilsOf={(status) => pupilsOf(status, undefined, 'first')} onDrill={onDrill} />
          <StatusRow label="2nd degré" counts={figures.byDegree.second} pupilsOf={(status) => pupilsOf(status, undefined, 'second')} onDrill={onDrill} />
        </tbody>
      </table>
      <h2>Heures d’aide individuelle, par semaine</h2>
      <div className="figures">
        <Figure value={formatHours(hours.notifiedMinutes)} label="notifiées" detail={figures.averageIndividualMinutes === null ? undefined : `${formatHours(figures.averageIndividualMinutes)} par élève en moyenne`} drill={individual} onDrill={onDrill} />
        <Figure value={formatHours(hours.scheduledMinutes)} label="planifiées" detail={percent(hours.scheduledMinutes, hours.notifiedMinutes)} drill={individual} onDrill={onDrill} />
        <Figure value={formatHours(hours.deliveredMinutes)} label="réalisées (après absences)" detail={percent(hours.deliveredMinutes, hours.notifiedMinutes)} drill={individual} onDrill={onDrill} />
        <Figure value={formatHours(hours.lunchMinutes)} label="pause méridienne" detail="hors heures notifiées" />
      </div>
      <h2>AESH</h2>
      <div className="figures">
        <Figure value={number(aesh.headcount)} label="AESH sous contrat" detail={`${number(aesh.cdd)} CDD, ${number(aesh.cdi)} CDI, ${countOf(aesh.referents, 'référent')}`} drill={aeshDrill} onDrill={onDrill} />
        <Figure value={aesh.etp.toLocaleString('fr-FR')} label="ETP" detail={etpBasis} drill={aeshDrill} onDrill={onDrill} />
        <Figure value={formatHours(aesh.contractMinutes)} label="heures au contrat" detail={`${formatHours(aesh.scheduledMinutes)} planifiées, trajets compris`} drill={aeshDrill} onDrill={onDrill} />
        <Figure value={formatHours(aesh.spareMinutes)} label="heures disponibles" tone={aesh.spareMinutes < 0 ? 'bad' : undefined} drill={aeshDrill} onDrill={onDrill} />
      </div>
    </>
  );
}

function Waiting({ figures }: { figures: PoleIndicators }): ReactNode {
  const open = useUi((s) => s.open);
  if (figures.waiting.length === 0) return <p className="muted">Aucun élève notifié n’attend d’AESH.</p>;
  return (
    <table className="plain">
      <thead><tr><th>Élève</th><th>Aide</th><th>Notifiée depuis le</th><th className="num">Attente</th></tr></thead>
      <tbody>
        {figures.waiting.slice(0, 10).map((w) => (
          <tr key={w.pupilId}>
            <td><button type="button" className="link" onClick={() => open({ screen: 'pupils', id: w.pupilId })}>{w.name}</button> <span className="muted">{w.identifier}</span></td>
            <td>{SUPPORT_CATEGORY_LABELS[w.category]}</td>
            <td>{formatDate(w.since)}</td>
            <td className="num">{w.days} jours</td>
          </tr>
        ))}
      </tbody>
      {figures.waiting.length > 10 ? <caption className="muted">… et {figures.waiting.length - 10} autres (voir Alertes).</caption> : null}
    </table>
  );
}

function Snapshots(): ReactNode {
  const date = useUi((s) => s.date);
  const snapshots = useApiData('snapshots.list', {});
  return (
    <>
      <SnapshotForm date={date} />
      {snapshots.data === undefined ? <Loading error={snapshots.error} /> : snapshots.data.length === 0 ? <p className="muted">Aucun relevé enregistré.</p> : (
        <table className="plain" aria-label="Relevés datés">
          <thead><tr><th>Relevé</th><th>Date</th><th className="num">Notifiés</th><th className="num">En totalité</th><th className="num">En partie</th><th className="num">Sans AESH</th></tr></thead>
          <tbody>
            {snapshots.data.map((s) => (
              <tr key={s.id}>
                <td>{s.label}</td><td>{formatDate(s.date)}</td>
                <td className="num">{number(s.pupils.notified)}</td>
                <td className="num">{number(s.pupils.full)} ({percent(s.pupils.full, s.pupils.notified)})</td>
                <td className="num">{number(s.pupils.partial)}</td>
                <td className="num">{number(s.pupils.none)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Charts({ all, figures, onPole }: { all: PoleIndicators[]; figures: PoleIndicators; onPole(code: string): void }): ReactNode {
  const snapshots = useApiData('snapshots.list', {});
  const settings = useApiData('settings.get', {});
  return (
    <>
      <h2>En graphiques</h2>
      <div className="charts">
        <CoverageByPole poles={all} onPole={onPole} />
        <NeedsVsCapacity poles={all} />
        <WaitingByDays waiting={figures.waiting} />
        <div className="chart-with-form">
          {snapshots.data === undefined || settings.data === undefined
            ? <Loading error={snapshots.error ?? settings.error} />
            : (
              <>
                <Trend points={trendPoints(snapshots.data, figures.poleCode, settings.data.coverageTargets)} />
                <details>
                  <summary>Objectifs</summary>
                  <Targets key={JSON.stringify(settings.data.coverageTargets)} settings={settings.data} />
                </details>
              </>
            )}
        </div>
      </div>
    </>
  );
}

interface FirstStep { title: string; detail: string; action: string; screen: Screen; done: string | null }

/**
 * An empty record's dashboard: every figure would be a zero, so it shows what to do next instead,
 * each step with the button to the screen that does it, ticked off as the record fills.
 */
function FirstSteps({ counts }: { counts: RecordCounts }): ReactNode {
  const go = useUi((s) => s.go);
  const doneWhen = (count: number, one: string, other: string): string | null => (count > 0 ? `Fait : ${countOf(count, one, other)}.` : null);
  const steps: FirstStep[] = [
    {
      title: 'Créer les pôles', detail: 'Les PIAL et les PAS du département, avec leur coordonnateur.',
      action: 'Créer les pôles', screen: 'poles', done: doneWhen(counts.poles, 'pôle', 'pôles'),
    },
    {
      title: 'Créer les établissements', detail: 'Leur UAI, leur commune (pour estimer les trajets) et leur pôle ; un classeur peut aussi les apporter.',
      action: 'Créer les établissements', screen: 'schools', done: doneWhen(counts.schools, 'établissement', 'établissements'),
    },
    {
      title: 'Importer les notifications', detail: 'L’export de la MDPH : les élèves et leurs notifications de la CDAPH.',
      action: 'Importer les notifications', screen: 'exchange', done: doneWhen(counts.notifications, 'notification', 'notifications'),
    },
    {
      title: 'Importer les AESH', detail: 'La liste du service RH : les AESH et leurs contrats.',
      action: 'Importer les AESH', screen: 'exchange', done: doneWhen(counts.aesh, 'AESH', 'AESH'),
    },
  ];
  return (
    <>
      <p>La base ne contient encore ni élève ni AESH : les chiffres apparaîtront ici une fois ces étapes faites.</p>
      <ol className="first-steps" aria-label="Prochaines étapes">
        {steps.map((step, index) => (
          <li key={step.title} className={step.done ? 'first-step first-step-done' : 'first-step'}>
            <span className="first-step-mark" aria-hidden="true">{step.done ? '✓' : index + 1}</span>
            <div>
              <h3>{step.title}</h3>
              <p className="muted">{step.done ?? step.detail}</p>
            </div>
            <button type="button" className={step.done ? undefined : 'primary'} onClick={() => go(step.screen)}>{step.action}</button>
          </li>
        ))}
      </ol>
    </>
  );
}

/** The dashboard, or the next steps while the record holds neither pupil nor AESH. */
export function DashboardScreen(): ReactNode {
  const info = useApiData('app.info', {});
  if (info.data === undefined) return <div className="page"><Loading error={info.error} /></div>;
  const { counts } = info.data;
  if (counts.pupils + counts.aesh > 0) return <Dashboard />;
  return (
    <div className="page dashboard">
      <ScreenHeader title="Tableau de bord" />
      <FirstSteps counts={counts} />
      <h2>Dernières modifications</h2>
      <JournalList limit={5} />
    </div>
  );
}

function Dashboard(): ReactNode {
  const { date, setDate } = useUi();
  const [pole, setPole] = useState('');
  const [drill, setDrill] = useState<Drill | null>(null);
  const indicators = useApiData('indicators.get', { date });
  const figures = indicators.data === undefined ? undefined : pole === '' ? indicators.data.total : indicators.data.poles.find((p) => p.poleCode === pole);
  const choosePole = (code: string): void => {
    setPole(code);
    setDrill(null);
  };
  return (
    <div className="list-screen">
      <div className="page dashboard">
        <ScreenHeader title="Tableau de bord">
          <DateInput value={date} onChange={setDate} />
          <select aria-label="Pôle" value={pole} onChange={(e) => choosePole(e.target.value)}>
            <option value="">Tout le département</option>
            {(indicators.data?.poles ?? []).map((p) => <option key={p.poleCode} value={p.poleCode ?? ''}>{p.poleCode} — {p.poleName}</option>)}
          </select>
        </ScreenHeader>
        {figures === undefined || indicators.data === undefined ? <Loading error={indicators.error} /> : (
          <>
            <Headline figures={figures} etpBasis={indicators.data.etpBasis} onDrill={setDrill} />
            <Charts all={indicators.data.poles} figures={figures} onPole={choosePole} />
            <h2>Élèves en attente d’AESH</h2>
            <Waiting figures={figures} />
          </>
        )}
        <h2>Relevés datés</h2>
        <Snapshots />
        <h2>Dernières modifications</h2>
        <JournalList limit={5} />
      </div>
      {drill === null ? null : <DrillPanel key={JSON.stringify(drill)} drill={drill} date={date} onClose={() => setDrill(null)} />}
    </div>
  );
}
