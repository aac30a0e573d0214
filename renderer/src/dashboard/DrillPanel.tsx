// The list behind a dashboard figure: the pupils or the AESH it counts, each opening its record.
import { useMemo, type ReactNode } from 'react';
import type { ApiInput, CountedAesh, CountedPupil } from '../../../shared/api/contract.ts';
import { formatDate } from '../../../shared/domain/dates.ts';
import { countOf } from '../../../shared/domain/french.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import { SUPPORT_CATEGORY_LABELS, type SupportStatus } from '../../../shared/gaps/indicators.ts';
import { Loading } from '../components/common.tsx';
import { SidePanel } from '../components/SidePanel.tsx';
import { Named, poleName, usePoleNames, type PoleNames } from '../lists/names.tsx';
import { VirtualTable, type Column } from '../components/VirtualTable.tsx';
import { useUi } from '../store.ts';
import { useApiData } from '../useApiData.ts';

/** A figure the user clicked: what it counts, and how many the dashboard said. */
export type Drill =
  | { kind: 'pupils'; title: string; filter: Omit<ApiInput<'indicators.pupils'>, 'date'> }
  | { kind: 'aesh'; title: string; filter: Omit<ApiInput<'indicators.aesh'>, 'date'> };

export const STATUS_LABELS: Record<SupportStatus, string> = { full: 'en totalité', partial: 'en partie', none: 'sans AESH' };
const hoursOrDash = (minutes: number | null): string => (minutes === null ? '—' : formatHours(minutes));

const PUPIL_COLUMNS: Column<CountedPupil>[] = [
  { header: 'Élève', width: 3, min: 130, render: (p) => p.name },
  { header: 'Établissement', width: 3, render: (p) => p.schoolName },
  { header: 'Aide', width: 2, min: 80, render: (p) => SUPPORT_CATEGORY_LABELS[p.category] },
  { header: 'Notifiées', width: 1.5, min: 72, align: 'right', render: (p) => hoursOrDash(p.notifiedMinutes) },
  { header: 'Planifiées', width: 1.5, min: 72, align: 'right', render: (p) => formatHours(p.plannedMinutes) },
  { header: 'Situation', width: 2, min: 90, render: (p) => STATUS_LABELS[p.status] },
  { header: 'Depuis le', width: 2, min: 84, render: (p) => formatDate(p.since) },
];
/** The AESH columns, the pôle shown by name (the rows carry its code). */
const aeshColumns = (names: PoleNames): Column<CountedAesh>[] => [
  { header: 'AESH', width: 3, min: 130, render: (a) => a.name },
  { header: 'Matricule', width: 2, min: 80, render: (a) => a.matricule },
  { header: 'Pôle', width: 2, min: 100, render: (a) => <Named name={poleName(names, a.poleCode)} code={a.poleCode} /> },
  { header: 'Contrat', width: 1.5, min: 70, render: (a) => `${a.contractKind}${a.referent ? ' (réf.)' : ''}` },
  { header: 'Au contrat', width: 1.5, min: 72, align: 'right', render: (a) => formatHours(a.contractMinutes) },
  { header: 'Planifiées', width: 1.5, min: 72, align: 'right', render: (a) => formatHours(a.scheduledMinutes) },
  { header: 'Disponibles', width: 1.5, min: 80, align: 'right', render: (a) => formatHours(a.spareMinutes) },
];

function PupilList({ drill, date }: { drill: Extract<Drill, { kind: 'pupils' }>; date: string }): ReactNode {
  const open = useUi((s) => s.open);
  const pupils = useApiData('indicators.pupils', { ...drill.filter, date });
  if (pupils.data === undefined) return <Loading error={pupils.error} />;
  return (
    <>
      <p className="drill-count">{countOf(pupils.data.length, 'élève')}</p>
      <VirtualTable label={drill.title} rows={pupils.data} columns={PUPIL_COLUMNS} rowKey={(p) => p.pupilId} onOpen={(p) => open({ screen: 'pupils', id: p.pupilId })} />
    </>
  );
}

function AeshList({ drill, date }: { drill: Extract<Drill, { kind: 'aesh' }>; date: string }): ReactNode {
  const open = useUi((s) => s.open);
  const aesh = useApiData('indicators.aesh', { ...drill.filter, date });
  const names = usePoleNames();
  const columns = useMemo(() => aeshColumns(names ?? new Map()), [names]);
  if (aesh.data === undefined) return <Loading error={aesh.error} />;
  return (
    <>
      <p className="drill-count">{aesh.data.length.toLocaleString('fr-FR')} AESH sous contrat</p>
      <VirtualTable label={drill.title} rows={aesh.data} columns={columns} rowKey={(a) => a.aeshId} onOpen={(a) => open({ screen: 'aesh', id: a.aeshId })} />
    </>
  );
}

export function DrillPanel({ drill, date, onClose }: { drill: Drill; date: string; onClose(): void }): ReactNode {
  return (
    <SidePanel title={drill.title} onClose={onClose}>
      <p className="muted">Au {formatDate(date)}. Cliquez sur une ligne pour ouvrir la fiche.</p>
      <div className="drill-list">
        {drill.kind === 'pupils' ? <PupilList drill={drill} date={date} /> : <AeshList drill={drill} date={date} />}
      </div>
    </SidePanel>
  );
}
