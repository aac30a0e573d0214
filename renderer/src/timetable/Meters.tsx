// The counters beside the grid, recomputed with every change: the AESH's week against the
// contract, each pupil's scheduled against notified hours, the pôle's pupils without support,
// and the pupils still to place (dragged onto the grid, or placed with the button).
import type { ReactNode } from 'react';
import { countOf } from '../../../shared/domain/french.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import { workedMinutes, type Analysis, type PupilCoverage } from '../../../shared/gaps/analysis.ts';
import type { Gap } from '../../../shared/gaps/types.ts';
import { fullName, type ToServe, type View } from './model.ts';

interface Props {
  analysis: Analysis;
  gaps: readonly Gap[];
  view: View;
  focusId: number;
  poleId: number;
  toServe: readonly ToServe[];
  onServe(item: ToServe): void;
}

function Meter({ label, value, of, unit = formatHours }: { label: string; value: number; of: number | null; unit?: (n: number) => string }): ReactNode {
  const over = of !== null && value > of;
  return (
    <div className={over ? 'meter-row over' : 'meter-row'}>
      <span>{label}</span>
      <strong>{unit(value)}{of !== null ? ` / ${unit(of)}` : ''}</strong>
      {of !== null && of > 0 ? <progress value={Math.min(value, of)} max={of} aria-label={label} /> : null}
    </div>
  );
}

function PupilMeter({ coverage }: { coverage: PupilCoverage }): ReactNode {
  const n = coverage.notification;
  if (n === null) return <Meter label={`${fullName(coverage.pupil)} (sans notification)`} value={coverage.plannedMinutes} of={null} />;
  if (n.kind === 'shared') return <div className="meter-row"><span>{fullName(coverage.pupil)} (mutualisée)</span><strong>{coverage.plannedMinutes > 0 ? formatHours(coverage.plannedMinutes) : 'sans AESH'}</strong></div>;
  return <Meter label={fullName(coverage.pupil)} value={coverage.plannedMinutes} of={n.weeklyMinutes} />;
}

export function Meters({ analysis, gaps, view, focusId, poleId, toServe, onServe }: Props): ReactNode {
  const load = view === 'aesh' ? analysis.loads.find((l) => l.aesh.id === focusId) : undefined;
  const served = new Set((view === 'aesh' ? load?.slots ?? [] : view === 'school' ? analysis.weekSlots.filter((s) => s.schoolId === focusId) : []).flatMap((s) => s.pupilIds));
  if (view === 'school') for (const c of analysis.pupils) if (c.school.id === focusId && c.notification !== null) served.add(c.pupil.id);
  if (view === 'pupil') served.add(focusId);
  const pupils = [...served].map((id) => analysis.coverageByPupil.get(id)).filter((c) => c !== undefined);
  const withoutSupport = gaps.filter((g) => g.code === 'NO_SUPPORT' && g.poleId === poleId).length;
  return (
    <aside className="meters" aria-label="Compteurs">
      {load !== undefined ? (
        <section aria-label="Heures de l’AESH">
          <h2>{fullName(load.aesh)}</h2>
          {load.contract === null ? <p className="warning">Aucun contrat en cours cette semaine.</p> : null}
          <Meter label="Total planifié" value={workedMinutes(load)} of={load.contract?.weeklyMinutes ?? null} />
          <Meter label="Accompagnement" value={load.schoolMinutes} of={null} />
          <Meter label="Pause méridienne" value={load.lunchMinutes} of={null} />
          <Meter label="Trajets" value={load.travelMinutes} of={null} />
        </section>
      ) : null}
      <section aria-label="Heures des élèves">
        <h2>Élèves</h2>
        {pupils.length === 0 ? <p className="muted">Aucun élève servi cette semaine.</p> : pupils.map((c) => <PupilMeter key={c.pupil.id} coverage={c} />)}
      </section>
      <section aria-label="À placer">
        <h2>À placer <span className="muted">({toServe.length})</span></h2>
        <p className="muted">Pôle : {countOf(withoutSupport, 'élève')} sans AESH. Glissez un élève sur un créneau ou une heure libre.</p>
        <ul className="to-serve">
          {toServe.slice(0, 60).map((t) => (
            <li
              key={t.coverage.pupil.id}
              draggable
              onDragStart={(event) => { event.dataTransfer.setData('application/x-planif-pupil', String(t.coverage.pupil.id)); event.dataTransfer.effectAllowed = 'copy'; }}
            >
              <span>
                <strong>{fullName(t.coverage.pupil)}</strong> <span className="muted">{t.coverage.school.name}</span>
                <br /><span className="muted">{t.reason}{t.missingMinutes > 0 ? ` · il manque ${formatHours(t.missingMinutes)}` : ''}</span>
              </span>
              <button type="button" onClick={() => onServe(t)} aria-label={`Placer ${fullName(t.coverage.pupil)}`}>Placer</button>
            </li>
          ))}
        </ul>
      </section>
    </aside>
  );
}
