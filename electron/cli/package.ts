// Packages from the command line:
//   export package --pole CODE --out FILE.xlsx [--package-passphrase-file F]
//   import package FILE [--package-passphrase-file F] [--keep here|package] [--dry-run]
// The package's passphrase has an option of its own: --passphrase-file is the record's.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ApiCall } from '../../shared/api/contract.ts';
import type { PackagePreview } from '../../shared/api/packages.ts';
import { countOf } from '../../shared/domain/french.ts';
import { CONFLICT_CHOICES, PACKAGE_NOTICE, type ConflictChoice } from '../../shared/exchange/package.ts';
import { passphraseFrom } from '../record/passphrase.ts';

export interface PackageArgs {
  pole: string | undefined;
  out: string | undefined;
  file: string | undefined;
  passphraseFile: string | undefined;
  keep: string | undefined;
  dryRun: boolean;
  json: boolean;
}

/** The package's passphrase, from its file only (never PLANIF_PASSPHRASE, which is the record's). */
const passphraseOf = (args: PackageArgs): string | undefined => passphraseFrom(args.passphraseFile, {});

export async function exportPackageCommand(call: ApiCall, args: PackageArgs, usage: (message: string) => Error): Promise<number> {
  if (args.pole === undefined) throw usage('export package attend --pole CODE');
  if (args.out === undefined) throw usage('export package attend --out FICHIER.xlsx');
  const passphrase = passphraseOf(args);
  const file = await call('packages.export', { pole: args.pole, passphrase });
  writeFileSync(args.out, Buffer.from(file.dataBase64, 'base64'));
  const said = `Paquet du pôle ${args.pole} écrit dans ${args.out}${passphrase === undefined ? ' (non chiffré)' : ', chiffré avec la phrase de passe donnée'}. ${PACKAGE_NOTICE}`;
  console.log(args.json ? JSON.stringify({ out: args.out, pole: args.pole, encrypted: passphrase !== undefined }) : said);
  return 0;
}

function summary(preview: PackagePreview): string[] {
  return [
    `Paquet du pôle ${preview.header.pole} (${preview.header.poleName}), fait le ${preview.header.madeAt.slice(0, 10).split('-').reverse().join('/')}`,
    ...preview.sheets.map((s) => `${s.sheet} : ${countOf(s.created, 'créé')}, ${countOf(s.updated, 'modifié')}, ${countOf(s.unchanged, 'inchangé')}, ${countOf(s.deleted, 'supprimé')}`),
    ...preview.sheets.flatMap((s) => s.deletions.map((row) => `  supprimé : ${row}`)),
    ...preview.refusals.map((r) => `  refusé : ${r}`),
    ...preview.conflicts.map((c) => `  conflit : ${c.row} (${c.here} ici ; ${c.change} dans le paquet) — ${c.fields.filter((f) => f.differs).map((f) => `${f.label} : ${f.here ?? '—'} ici, ${f.package ?? '—'} dans le paquet`).join(' ; ')}`),
  ];
}

/** Previews, then writes unless --dry-run; conflicts need --keep, which decides them all alike. */
export async function importPackageCommand(call: ApiCall, args: PackageArgs, usage: (message: string) => Error): Promise<number> {
  if (args.file === undefined) throw usage('import package attend le fichier du paquet');
  if (args.keep !== undefined && !CONFLICT_CHOICES.includes(args.keep as ConflictChoice)) throw usage(`--keep attend ${CONFLICT_CHOICES.join(' ou ')}`);
  const input = { fileName: basename(args.file), dataBase64: readFileSync(args.file).toString('base64'), passphrase: passphraseOf(args) };
  const preview = await call('packages.preview', input);
  const blocked = preview.refusals.length > 0 || (preview.conflicts.length > 0 && args.keep === undefined);
  if (args.dryRun || blocked) {
    const why = preview.refusals.length > 0 ? 'Le paquet a des lignes refusées.'
      : blocked ? `${countOf(preview.conflicts.length, 'conflit')} : relancez avec --keep here (garder ce dossier) ou --keep package (garder le paquet).` : '';
    console.log(args.json ? JSON.stringify({ written: false, ...preview }, null, 2) : [...summary(preview), why, 'Rien n’a été écrit.'].filter((l) => l !== '').join('\n'));
    return blocked ? 1 : 0;
  }
  const choices = Object.fromEntries(preview.conflicts.map((c) => [c.id, args.keep as ConflictChoice]));
  const result = await call('packages.import', { ...input, choices });
  console.log(args.json ? JSON.stringify({ written: true, ...result }, null, 2) : [...summary(result), `Paquet importé (modification n° ${result.changeId} du journal, annulable dans l’application).`].join('\n'));
  return 0;
}
