import type { ReactNode } from 'react';
import type { JournalEntry } from '../../../shared/api/entities.ts';
import { assertNever } from '../../../shared/domain/never.ts';
import { Loading } from '../components/common.tsx';
import { useApiData } from '../useApiData.ts';

const ENTITY_LABELS: Record<string, string> = {
  poles: 'pôle', schools: 'établissement', pupils: 'élève', notifications: 'notification', aesh: 'AESH', contracts: 'contrat',
  absences: 'absence', slots: 'créneau', slotPupils: 'élèves d’un créneau', settings: 'paramètres', demo: 'démonstration',
};

function actionLabel(action: JournalEntry['action']): string {
  switch (action) {
    case 'create': return 'Création';
    case 'update': return 'Modification';
    case 'delete': return 'Suppression';
    case 'bulk': return 'Chargement';
    default: return assertNever(action, 'action');
  }
}

export function JournalList({ limit }: { limit: number }): ReactNode {
  const journal = useApiData('journal.list', { limit });
  if (journal.data === undefined) return <Loading error={journal.error} />;
  if (journal.data.length === 0) return <p className="muted">Aucune modification pour l’instant.</p>;
  return (
    <table className="plain">
      <thead><tr><th>Quand</th><th>Qui</th><th>Quoi</th></tr></thead>
      <tbody>
        {journal.data.map((entry) => (
          <tr key={entry.id}>
            <td>{new Date(entry.at).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' })}</td>
            <td>{entry.actor}</td>
            <td>{actionLabel(entry.action)} — {ENTITY_LABELS[entry.entity] ?? entry.entity}{entry.entityId !== null ? ` n° ${entry.entityId}` : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
