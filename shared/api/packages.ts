// Packages between coordinators over the API (electron/services/packages.ts): making one for a
// pôle, previewing one received (creations, updates, deletions, conflicts with both versions),
// importing it with a choice for each conflict.
import { z } from 'zod';
import { CONFLICT_CHOICES, type ConflictChoice } from '../exchange/package.ts';

/** A package's passphrase: the same rule as the record's, typed again by the receiver. */
const packagePassphrase = z.string().min(8, 'Au moins 8 caractères.').max(200, '200 caractères au plus.');

export const packageExportInput = z.object({
  pole: z.string().min(1, 'Choisissez un pôle.'),
  /** Encrypts the workbook (Excel's "Chiffrer avec mot de passe"); none gives a plain one. */
  passphrase: packagePassphrase.optional(),
});

export const packageFileInput = z.object({
  fileName: z.string().min(1),
  dataBase64: z.string().max(82 * 1024 * 1024, 'Fichier trop volumineux (60 Mo au plus).'),
  /** For an encrypted package; asked for once the preview says so. */
  passphrase: z.string().max(200).optional(),
});

export const packageImportInput = packageFileInput.extend({
  /** For each conflict of the preview, by its `id`: which version to keep. */
  choices: z.record(z.string(), z.enum(CONFLICT_CHOICES)).default({}),
});

/** What a package says of itself, from its header sheet. */
export interface PackageHeaderView {
  pole: string;
  poleName: string;
  /** The id of the record it was made from. */
  record: string;
  /** ISO date and time it was made. */
  madeAt: string;
}

/** One line of a row shown in the preview: a field, its value here and in the package (null: no such row). */
export interface VersionField { label: string; here: string | null; package: string | null; differs: boolean }

export interface PackageConflictView {
  /** Names the conflict in the import's `choices`. */
  id: string;
  sheet: string;
  /** The row in words: "AESH 12345 — Durand Sophie". */
  row: string;
  /** What was done here since the last package received from that record. */
  here: 'modifiée' | 'créée' | 'supprimée';
  /** What the package does with it. */
  change: 'création' | 'modification' | 'suppression';
  fields: VersionField[];
}

export interface PackageSheetView {
  sheet: string;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** The rows deleted, in words. */
  deletions: string[];
  /** Rows created or updated, in words, for the preview's filters. */
  creations: string[];
  updates: string[];
}

export interface PackagePreview {
  header: PackageHeaderView;
  /** True when this record made the package itself (nothing to import). */
  ownRecord: boolean;
  /** The last package of this pôle received from that record (ISO), if any: conflicts are judged since then. */
  lastReceived: string | null;
  sheets: PackageSheetView[];
  conflicts: PackageConflictView[];
  /** Why the package cannot be written as it is (refused rows, rows of another pôle), in French. */
  refusals: string[];
}

export interface PackageImportResult extends PackagePreview {
  changeId: number;
}

export type PackageChoices = Record<string, ConflictChoice>;
