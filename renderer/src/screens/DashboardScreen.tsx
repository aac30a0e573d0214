// The headline figures of the chosen date and pôle, all computed by the engine, never typed in;
// and the snapshots that keep reported figures reproducible.
import { useState, type ReactNode } from 'react';
import type { PoleIndicators, StatusCounts } from '../../../shared/gaps/indicators.ts';
import { formatDate } from '../../../shared/domain/dates.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import { Loading, ScreenHeader } from '../components/common.tsx';
import { DateInput } from '../components/DateInput.tsx';
import { useUi } from '../store.ts';
import { useApiData } from '../useApiData.ts';
import { useMutation } from '../useSave.ts';
import { JournalList } from './JournalList.tsx';

const percent = (part: number, whole: number): string => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)} %`);
const number = (value: number): string => value.toLocaleString('fr-FR');

function Figure({ value, label, detail, tone }: { value: string; label: string; detail?: string; tone?: 'ok' | 'warn' | 'bad' }): ReactNode {
  return (
    <div className={`figure${tone ? ` figure-${tone}` : ''}`} role="group" aria-label={label}>
      <span className="figure-value">{value}</span>
      <span className="figure-label">{label}</span>
      {detail ? <span className="figure-detail">{detail}</span> : null}
    </div>
  );
}

function StatusRow({ label, counts }: { label: string; counts: StatusCounts }): ReactNode {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">{number(counts.notified)}</td>
      <td className="num">{number(counts.full)}</td>
      <td className="num">{number(counts.partial)}</td>
      <td className="num">{number(counts.none)}</td>
      <td className="num">{percent(counts.full, counts.notified)}</td>
    </tr>
  );
}

function Headline({ figures }: { figures: PoleIndicators }): ReactNode {
  const { pupils, hours, aesh } = figures;
  return (
    <>
      <h2>Élèves</h2>
      <div className="figures">
        <Figure value={number(pupils.notified)} label="élèves notifiés" detail="aide individuelle, mutualisée ou ULIS" />
        <Figure value={number(pupils.full)} label="accompagnés en totalité" detail={percent(pupils.full, pupils.notified)} tone="ok" />
        <Figure value={number(pupils.partial)} label="accompagnés en partie" detail={percent(pupils.partial, pupils.notified)} tone="warn" />
        <Figure value={number(pupils.none)} label="sans AESH" detail={percent(pupils.none, pupils.notified)} tone="bad" />
      </div>
      <table className="plain figures-table">
        <thead><tr><th /><th className="num">Notifiés</th><th className="num">En totalité</th><th className="num">En partie</th><th className="num">Sans AESH</th><th className="num">Taux</th></tr></thead>
        <tbody>
          <StatusRow label="Aide individuelle" counts={figures.byCategory.individual} />
          <StatusRow label="Aide mutualisée" counts={figures.byCategory.shared} />
          <StatusRow label="ULIS (aide collective)" counts={figures.byCategory.ulis} />
          <StatusRow label="1er degré" counts={figures.byDegree.first} />
          <StatusRow label="2nd degré" counts={figures.byDegree.second} />
        </tbody>
      </table>
      <h2>Heures d’aide individuelle, par semaine</h2>
      <div className="figures">
        <Figure value={formatHours(hours.notifiedMinutes)} label="notifiées" detail={figures.averageIndividualMinutes === null ? undefined : `${formatHours(figures.averageIndividualMinutes)} par élève en moyenne`} />
        <Figure value={formatHours(hours.scheduledMinutes)} label="planifiées" detail={percent(hours.scheduledMinutes, hours.notifiedMinutes)} />
        <Figure value={formatHours(hours.deliveredMinutes)} label="réalisées (après absences)" detail={percent(hours.deliveredMinutes, hours.notifiedMinutes)} />
        <Figure value={formatHours(hours.lunchMinutes)} label="pause méridienne" detail="hors heures notifiées" />
      </div>
      <h2>AESH</h2>
      <div className="figures">
        <Figure value={number(aesh.headcount)} label="AESH sous contrat" detail={`${number(aesh.cdd)} CDD, ${number(aesh.cdi)} CDI, ${number(aesh.referents)} référent(s)`} />
        <Figure value={aesh.etp.toLocaleString('fr-FR')} label="ETP" detail="quotité : heures × 41 semaines / 1 607 h" />
        <Figure value={formatHours(aesh.contractMinutes)} label="heures au contrat" detail={`${formatHours(aesh.scheduledMinutes)} planifiées, trajets compris`} />
        <Figure value={formatHours(aesh.spareMinutes)} label="heures disponibles" tone={aesh.spareMinutes < 0 ? 'bad' : undefined} />
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
            <td>{w.category === 'individual' ? 'individuelle' : 'mutualisée'}</td>
            <td>{formatDate(w.since)}</td>
            <td className="num">{w.days} jours</td>
          </tr>
        ))}
      </tbody>
      {figures.waiting.length > 10 ? <caption className="muted">… et {figures.waiting.length - 10} autres (voir Alertes).</caption> : null}
    </table>
  );
}

const SNAPSHOT_LABELS = ['Rentrée', '1er octobre', 'Toussaint', 'Noël', 'Fin d’année'];

function Snapshots(): ReactNode {
  const date = useUi((s) => s.date);
  const snapshots = useApiData('snapshots.list', {});
  const mutate = useMutation();
  const [label, setLabel] = useState(SNAPSHOT_LABELS[0]!);
  return (
    <>
      <form className="filters" onSubmit={(e) => { e.preventDefault(); void mutate('snapshots.create', { date, label }, `Relevé « ${label} » enregistré.`); }}>
        <label htmlFor="snapshot-label">Enregistrer les chiffres du {formatDate(date)} sous le nom</label>
        <input id="snapshot-label" list="snapshot-labels" value={label} onChange={(e) => setLabel(e.target.value)} />
        <datalist id="snapshot-labels">{SNAPSHOT_LABELS.map((l) => <option key={l} value={l} />)}</datalist>
        <button type="submit">Enregistrer le relevé</button>
      </form>
      {snapshots.data === undefined ? <Loading error={snapshots.error} /> : snapshots.data.length === 0 ? <p className="muted">Aucun relevé enregistré.</p> : (
        <table className="plain">
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

export function DashboardScreen(): ReactNode {
  const { date, setDate } = useUi();
  const [pole, setPole] = useState('');
  const indicators = useApiData('indicators.get', { date });
  const figures = indicators.data === undefined ? undefined : pole === '' ? indicators.data.total : indicators.data.poles.find((p) => p.poleCode === pole);
  return (
    <div className="page">
      <ScreenHeader title="Tableau de bord">
        <DateInput value={date} onChange={setDate} />
        <select aria-label="Pôle" value={pole} onChange={(e) => setPole(e.target.value)}>
          <option value="">Tout le département</option>
          {(indicators.data?.poles ?? []).map((p) => <option key={p.poleCode} value={p.poleCode ?? ''}>{p.poleCode} — {p.poleName}</option>)}
        </select>
      </ScreenHeader>
      {figures === undefined ? <Loading error={indicators.error} /> : (
        <>
          <Headline figures={figures} />
          <h2>Élèves en attente d’AESH</h2>
          <Waiting figures={figures} />
        </>
      )}
      <h2>Relevés datés</h2>
      <Snapshots />
      <h2>Dernières modifications</h2>
      <JournalList limit={5} />
    </div>
  );
}
