import type { ReactNode } from 'react';
import type { RecordCounts } from '../../../shared/api/entities.ts';
import { Loading, ScreenHeader } from '../components/common.tsx';
import { useUi, type Screen } from '../store.ts';
import { useApiData } from '../useApiData.ts';
import { JournalList } from './JournalList.tsx';

const TILES: readonly { key: keyof RecordCounts; label: string; screen: Screen }[] = [
  { key: 'pupils', label: 'élèves', screen: 'pupils' },
  { key: 'notifications', label: 'notifications CDAPH', screen: 'pupils' },
  { key: 'aesh', label: 'AESH', screen: 'aesh' },
  { key: 'contracts', label: 'contrats', screen: 'aesh' },
  { key: 'schools', label: 'établissements', screen: 'schools' },
  { key: 'poles', label: 'pôles', screen: 'poles' },
  { key: 'slots', label: 'créneaux d’emploi du temps', screen: 'timetables' },
  { key: 'absences', label: 'absences', screen: 'aesh' },
];

export function DashboardScreen(): ReactNode {
  const info = useApiData('app.info', {});
  const go = useUi((s) => s.go);
  if (info.data === undefined) return <Loading error={info.error} />;
  const counts = info.data.counts;
  return (
    <div className="page">
      <ScreenHeader title="Tableau de bord" />
      <p className="muted">Ce que contient la base. Les indicateurs d’accompagnement (élèves accompagnés, heures notifiées et planifiées) viendront avec le moteur de détection des ruptures.</p>
      <div className="tiles">
        {TILES.map((tile) => (
          <button type="button" key={tile.key} className="tile" onClick={() => go(tile.screen)}>
            <span className="tile-figure">{counts[tile.key].toLocaleString('fr-FR')}</span>
            <span className="tile-label">{tile.label}</span>
          </button>
        ))}
      </div>
      <h2>Dernières modifications</h2>
      <JournalList limit={10} />
    </div>
  );
}
