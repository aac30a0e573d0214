// A timetable to print, A4 landscape: one AESH's week (with the schools they go to) or one
// school's week (who is where, when). Pupils appear by first name and initial only: the sheet
// leaves the office, the record does not.
import { useMemo, type ReactNode } from 'react';
import { formatDate } from '../../../shared/domain/dates.ts';
import { SCHOOL_KIND_LABELS } from '../../../shared/domain/enums.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import { analyse, workedMinutes } from '../../../shared/gaps/analysis.ts';
import { schoolWeek } from '../../../shared/gaps/week.ts';
import { printPage } from '../api.ts';
import { Loading } from '../components/common.tsx';
import { useUi, type PrintRequest } from '../store.ts';
import { useApiData } from '../useApiData.ts';
import { fullName, buildView, shadingOf } from './model.ts';
import { WeekGrid } from './WeekGrid.tsx';

const ignore = (): void => undefined;

export function PrintView({ request }: { request: PrintRequest }): ReactNode {
  const { date, today, print } = useUi();
  const workspace = useApiData('timetable.workspace', { poleId: request.poleId });
  const analysis = useMemo(() => (workspace.data ? analyse(workspace.data.record, date) : null), [workspace.data, date]);
  if (analysis === null) return <Loading error={workspace.error} />;
  const model = buildView(analysis, new Map(), request.kind, request.id, [], null);
  const aesh = analysis.aeshById.get(request.id);
  const school = analysis.schoolById.get(request.id);
  const title = request.kind === 'aesh' ? `Emploi du temps de ${aesh ? fullName(aesh) : '?'}` : `Emploi du temps des AESH — ${school?.name ?? '?'}`;
  const week = schoolWeek(date);
  const schools = [...new Set(model.slots.map((s) => s.slot.schoolId))].map((id) => analysis.schoolById.get(id)!).filter(Boolean);
  const load = analysis.loads.find((l) => l.aesh.id === request.id);
  const pole = analysis.poleById.get(request.poleId);
  const fileName = `${title} — semaine du ${formatDate(week[1]).replaceAll('/', '-')}.pdf`;
  return (
    <div className="print-page">
      <div className="print-tools">
        <button type="button" className="primary" onClick={() => void printPage(fileName)}>Imprimer / PDF</button>
        <button type="button" onClick={() => print(null)}>Retour</button>
      </div>
      <header className="print-header">
        <h1>{title}</h1>
        <p>
          Semaine du {formatDate(week[1])} · {pole ? `${pole.code} — ${pole.name}` : ''}
          {request.kind === 'aesh' && load ? ` · ${formatHours(workedMinutes(load))} planifiées${load.contract ? ` sur ${formatHours(load.contract.weeklyMinutes)} au contrat` : ''}` : ''}
        </p>
      </header>
      <WeekGrid
        days={model.days} dates={week} lanes={model.lanes} slots={model.slots} selectedId={null} shading={shadingOf(model.grid)}
        onDraft={ignore} onCreate={ignore} onChange={ignore} onSelect={ignore} onDelete={ignore} onDropPupil={ignore}
      />
      <footer className="print-footer">
        <h2>Établissements</h2>
        <ul>
          {schools.map((s) => <li key={s.id}><strong>{s.name}</strong> ({SCHOOL_KIND_LABELS[s.kind]}, UAI {s.uai}){s.commune ? ` — ${s.commune}` : ''}</li>)}
        </ul>
        <p className="muted">Document de travail contenant des données personnelles : à ne pas diffuser au-delà des personnes concernées. Imprimé le {formatDate(today)}.</p>
      </footer>
    </div>
  );
}
