// A package: one pôle's share of the exchange workbook, sent between the département's record and
// a PIAL or PAS coordinator's, with a header sheet saying which pôle, from which record and when
// (electron/exchange/package.ts makes and reads it). Here: what both sides and the screens share.
import type { SheetKey } from './sheets.ts';

/** The header sheet, first of a package: a label and a value per line. */
export const PACKAGE_SHEET = 'Paquet';

export const PACKAGE_LINES = {
  pole: 'Pôle',
  poleName: 'Nom du pôle',
  record: 'Dossier d’origine',
  madeOn: 'Fait le',
  madeAt: 'Horodatage',
  notice: 'Données personnelles',
} as const;

/** Said in the file and wherever a package is made, as for the other exports. */
export const PACKAGE_NOTICE =
  'Ce paquet contient des données personnelles de santé (décisions de la CDAPH) : ne le transmettez qu’aux coordonnateurs habilités, chiffré de préférence.';

/**
 * How each sheet's rows belong to a pôle: by the pôle's code in a column, or by the natural key of
 * a record of the pôle (its schools' UAI, its pupils' identifiers, its AESH's matricules, its
 * saisines' numbers). A sheet added to the workbook must say it here, so that it travels too.
 */
export type PackageOwner = 'pole' | 'schools' | 'pupils' | 'aesh' | 'saisines';
export const PACKAGE_SCOPE: Record<SheetKey, { column: string; owner: PackageOwner }> = {
  poles: { column: 'Code', owner: 'pole' },
  schools: { column: 'UAI', owner: 'schools' },
  pupils: { column: 'Identifiant', owner: 'pupils' },
  notifications: { column: 'Identifiant élève', owner: 'pupils' },
  aesh: { column: 'Matricule', owner: 'aesh' },
  absences: { column: 'Matricule', owner: 'aesh' },
  // An AESH's week is their pôle's work, wherever a slot is (OUT_OF_POLE says when it is elsewhere).
  slots: { column: 'Matricule', owner: 'aesh' },
  saisines: { column: 'Pôle', owner: 'pole' },
  steps: { column: 'Saisine', owner: 'saisines' },
  actions: { column: 'Saisine', owner: 'saisines' },
};

/** "planif-aesh-paquet-PIAL-01-2026-11-23.xlsx" */
export function packageFileName(poleCode: string, date: string): string {
  return `planif-aesh-paquet-${poleCode.replace(/[^\w-]+/g, '_')}-${date}.xlsx`;
}

/** Which version of a conflicting row the user keeps: the one of this record, or the package's. */
export const CONFLICT_CHOICES = ['here', 'package'] as const;
export type ConflictChoice = (typeof CONFLICT_CHOICES)[number];
