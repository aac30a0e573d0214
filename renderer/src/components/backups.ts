import type { BackupReason } from '../../../shared/api/contract.ts';

export const BACKUP_REASON_LABELS: Record<BackupReason, string> = {
  demarrage: 'au démarrage', import: 'avant un import', migration: 'avant une mise à jour de la base', edition: 'en cours de saisie',
  restauration: 'avant une restauration', manuelle: 'à la demande', chiffrement: 'après le chiffrement',
};

/** A backup's instant as a French reader writes it, in local time: 23/11/2026 à 11 h 40. */
export function formatBackupDate(iso: string): string {
  const at = new Date(iso);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(at.getDate())}/${two(at.getMonth() + 1)}/${at.getFullYear()} à ${at.getHours()} h ${two(at.getMinutes())}`;
}
