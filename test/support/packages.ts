// The département of the package tests (test/db/packages.test.ts, test/e2e/package.test.ts): two
// PIAL with a school, pupils, notifications, AESH, an absence and a week each.
import { makeUai } from '../../shared/domain/uai.ts';
import { workbook } from './workbook.ts';

export const SA = makeUai('0840001');
export const SB = makeUai('0840002');
export const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** The département as it stands at the start: two pôles, a school, pupils, AESH and a week each. */
export function department(): string {
  return workbook({
    'Pôles': [['Code', 'Nom', 'Type'], ['PIAL-A', 'PIAL d’Apt', 'PIAL 1D'], ['PIAL-B', 'PIAL de Bollène', 'PIAL 1D']],
    'Établissements': [['UAI', 'Nom', 'Type', 'Commune', 'Pôle'], [SA, 'École Jean Moulin', 'école élémentaire', 'Apt', 'PIAL-A'], [SB, 'École Giono', 'école élémentaire', 'Bollène', 'PIAL-B']],
    'Élèves': [
      ['Identifiant', 'Nom', 'Prénom', 'UAI', 'Niveau', 'Classe'],
      ['PA1', 'Martin', 'Léa', SA, 'CE1', 'CE1 A'], ['PA2', 'Petit', 'Hugo', SA, 'CP', 'CP B'], ['PB1', 'Roux', 'Zoé', SB, 'CM1', 'CM1'],
    ],
    'Notifications': [
      ['Identifiant élève', 'Type', 'Heures hebdomadaires', 'Début', 'Fin'],
      ['PA1', 'individuelle', 10, d('2026-09-01'), d('2027-08-31')], ['PA2', 'mutualisée', null, d('2026-09-01'), d('2027-08-31')],
      ['PB1', 'individuelle', 8, d('2026-09-01'), d('2027-08-31')],
    ],
    'AESH': [
      ['Matricule', 'Nom', 'Prénom', 'Pôle', 'Contrat', 'Début contrat', 'Fin contrat', 'Heures hebdomadaires'],
      ['XA1', 'Durand', 'Sophie', 'PIAL-A', 'CDD', d('2025-09-01'), d('2028-08-31'), 24],
      ['XA2', 'Blanc', 'Paul', 'PIAL-A', 'CDI', d('2024-09-01'), null, 20],
      ['XB1', 'Noir', 'Anne', 'PIAL-B', 'CDI', d('2024-09-01'), null, 24],
    ],
    'Absences': [['Matricule', 'Début', 'Fin', 'Motif'], ['XA1', d('2026-12-01'), d('2026-12-04'), 'formation']],
    'Créneaux': [
      ['Matricule', 'UAI', 'Jour', 'Début', 'Fin', 'Élèves'],
      ['XA1', SA, 'lundi', '08:30', '11:30', 'PA1'], ['XA2', SA, 'jeudi', '09:00', '11:00', 'PA2'], ['XB1', SB, 'mardi', '09:00', '12:00', 'PB1'],
    ],
  });
}
