import type { ReactNode } from 'react';
import type { JournalEntry } from '../../../shared/api/entities.ts';
import { assertNever } from '../../../shared/domain/never.ts';
import { Loading } from '../components/common.tsx';
import { useApiData } from '../useApiData.ts';

/** What the journal records changes of: the record's tables, and the demonstration data loaded at once. */
const JOURNAL_ENTITIES = [
  'poles', 'schools', 'pupils', 'notifications', 'aesh', 'contracts', 'absences', 'slots', 'slotPupils',
  'settings', 'snapshots', 'aeshMoves', 'demo', 'saisines', 'saisineSteps', 'saisineActions', 'saisineNatures', 'packageBaselines',
] as const;
type JournalEntity = (typeof JOURNAL_ENTITIES)[number];

const isJournalEntity = (entity: string): entity is JournalEntity => (JOURNAL_ENTITIES as readonly string[]).includes(entity);

function entityLabel(entity: JournalEntity): string {
  switch (entity) {
    case 'poles': return 'pôle';
    case 'schools': return 'établissement';
    case 'pupils': return 'élève';
    case 'notifications': return 'notification';
    case 'aesh': return 'AESH';
    case 'contracts': return 'contrat';
    case 'absences': return 'absence';
    case 'slots': return 'créneau';
    case 'slotPupils': return 'élèves d’un créneau';
    case 'settings': return 'paramètres';
    case 'snapshots': return 'relevé';
    case 'aeshMoves': return 'déplacement d’AESH';
    case 'demo': return 'données de démonstration';
    case 'saisines': return 'saisine';
    case 'saisineSteps': return 'étape de saisine';
    case 'saisineActions': return 'action de saisine';
    case 'saisineNatures': return 'nature de saisine';
    case 'packageBaselines': return 'dernier paquet reçu d’un pôle';
    default: return assertNever(entity, 'entité du journal');
  }
}

function actionLabel(action: JournalEntry['action']): string {
  switch (action) {
    case 'create': return 'Création';
    case 'update': return 'Modification';
    case 'delete': return 'Suppression';
    case 'bulk': return 'Chargement';
    default: return assertNever(action, 'action');
  }
}

/** "jean.dupont" → "Jean Dupont"; the system's administrator account by its role. */
function readableUser(name: string): string {
  if (/^(root|administrateur|administrator)$/i.test(name)) return 'administrateur';
  return name.split(/[._-]+/).filter(Boolean).map((word) => word.slice(0, 1).toLocaleUpperCase('fr-FR') + word.slice(1)).join(' ');
}

/**
 * Who made a change, as the record stores it: the session's user name for the application (the
 * window or the browser mode, run by the person at this workstation), "cli:" and that name for the
 * command line.
 */
function actorLabel(actor: string): { who: string; session: string } {
  const cli = /^cli:(.*)$/.exec(actor);
  return cli === null
    ? { who: 'Vous (application)', session: readableUser(actor) }
    : { who: 'Ligne de commande', session: readableUser(cli[1]!) };
}

export function JournalList({ limit }: { limit: number }): ReactNode {
  const journal = useApiData('journal.list', { limit });
  if (journal.data === undefined) return <Loading error={journal.error} />;
  if (journal.data.length === 0) return <p className="muted">Aucune modification pour l’instant.</p>;
  return (
    <table className="plain" aria-label="Journal des modifications">
      <thead><tr><th>Quand</th><th>Qui</th><th>Quoi</th></tr></thead>
      <tbody>
        {journal.data.map((entry) => {
          const actor = actorLabel(entry.actor);
          return (
            <tr key={entry.id}>
              <td>{new Date(entry.at).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' })}</td>
              <td>{actor.who}{actor.session ? <span className="muted"> — session {actor.session}</span> : null}</td>
              <td>{actionLabel(entry.action)} — {isJournalEntity(entry.entity) ? entityLabel(entry.entity) : entry.entity}{entry.entityId !== null ? ` n° ${entry.entityId}` : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
