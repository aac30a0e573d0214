// The headless command line over the same services as the window:
//   npm run -s cli -- <command> [--db PATH] [--json] [options]
// Exit 0 on success, 1 when the input was refused, 2 on a usage error.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { DEMO_SCALES, EXPORT_KINDS, type ApiInput, type ApiOutput, type ExportKind, type MethodName } from '../../shared/api/contract.ts';
import { unwrap } from '../../shared/api/dispatch.ts';
import { ApiError } from '../../shared/api/errors.ts';
import type { RecordCounts } from '../../shared/api/entities.ts';
import type { SavedMapping } from '../../shared/exchange/mapping.ts';
import { formatDate } from '../../shared/domain/dates.ts';
import { countOf } from '../../shared/domain/french.ts';
import { PRIVATE_DIRECTORY } from '../../db/files.ts';
import { defaultDatabasePath } from '../paths.ts';
import { refuseRecordOutput } from '../record/outputs.ts';
import { passphraseFrom } from '../record/passphrase.ts';
import { startHostThread } from '../record/remote.ts';
import { allocateCommand, waitFor } from './allocate.ts';
import { exportPackageCommand, importPackageCommand, type PackageArgs } from './package.ts';
import { surveyTemplateCommand } from './survey.ts';
import { activityCommand } from './activity.ts';

const USAGE = `Planif AESH — ligne de commande

  npm run -s cli -- demo  --scale small|medium|department [--seed N] [--db PATH] [--json]
  npm run -s cli -- stats [--db PATH] [--json]
  npm run -s cli -- gaps [--date AAAA-MM-JJ] [--db PATH] [--json]
  npm run -s cli -- indicators [--date AAAA-MM-JJ] [--db PATH] [--json]
  npm run -s cli -- import FICHIER [--mapping CORRESPONDANCE.json] [--strict] [--dry-run] [--db PATH] [--json]
  npm run -s cli -- export record|dashboards|survey|timetables --out FICHIER.xlsx [--date AAAA-MM-JJ] [--pole CODE] [--db PATH]
  npm run -s cli -- export package --pole CODE --out FICHIER.xlsx [--package-passphrase-file FICHIER] [--db PATH]
  npm run -s cli -- import package FICHIER [--package-passphrase-file FICHIER] [--keep here|package] [--dry-run] [--db PATH] [--json]
                             paquet d'un pôle entre coordonnateurs ; --keep tranche tous les conflits
  npm run -s cli -- export survey --template MODELE.xlsx --mapping CORRESPONDANCE.json --out FICHIER.xlsx [--date AAAA-MM-JJ] [--db PATH]
                             remplit le modèle d'enquête de l'académie, sa mise en forme conservée
  npm run -s cli -- export activity --pole CODE|--all --from DATE --to DATE --out FICHIER.xlsx|.pdf [--pdf FICHIER.pdf] [--zone A|B|C] [--db PATH] [--json]
                             le rapport d'activités de la période (classeur, une ligne par pôle ; résumé A4 en PDF)
  npm run -s cli -- allocate [--pole CODE]… [--all] [--date AAAA-MM-JJ] [--replan] [--time-limit SECONDES] [--apply] [--db PATH] [--json]
                             propose une répartition des AESH ; n'écrit rien sans --apply
  npm run -s cli -- encrypt [--db PATH]            chiffre une base non chiffrée (phrase de passe requise)
  npm run -s cli -- backups [--db PATH] [--json]   liste les sauvegardes
  npm run -s cli -- restore NOM [--db PATH]        remplace la base par une sauvegarde (la base actuelle est sauvegardée d'abord)

  --db PATH                  la base à utiliser (par défaut : ${defaultDatabasePath()})
  --passphrase-file FICHIER  la phrase de passe d'une base chiffrée (sinon la variable PLANIF_PASSPHRASE) ;
                             une base créée avec une phrase de passe est chiffrée, sans elle en clair :
                             n'en créez une sans phrase de passe que pour la démonstration
  --json                     sortie JSON sur stdout

  Une base n'est ouverte que par un programme à la fois : tant que l'application l'a ouverte,
  la ligne de commande est refusée sur cette base.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        scale: { type: 'string' },
        seed: { type: 'string' },
        date: { type: 'string' },
        mapping: { type: 'string' },
        template: { type: 'string' },
        strict: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        out: { type: 'string' },
        // Repeated for allocate (several pôles); export takes the last one given.
        pole: { type: 'string', multiple: true },
        all: { type: 'boolean', default: false },
        replan: { type: 'boolean', default: false },
        'time-limit': { type: 'string' },
        apply: { type: 'boolean', default: false },
        'passphrase-file': { type: 'string' },
        'package-passphrase-file': { type: 'string' },
        keep: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        pdf: { type: 'string' },
        zone: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command] = positionals;
  if (values.help || command === undefined || command === 'help') {
    console.log(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  const path = values.db ?? defaultDatabasePath();
  // A folder created for the record is private; an existing one is the user's to set.
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIRECTORY });

  const passphrase = passphraseFrom(values['passphrase-file']);
  // `encrypt` opens the plain record as it is and encrypts it with the passphrase given.
  // The record in a worker thread: this one stays free to show progress and to hear Ctrl+C.
  const host = await startHostThread({
    path, actor: `cli:${userInfo().username}`, passphrase: command === 'encrypt' ? undefined : passphrase, interactive: false, backupAtStart: false,
    program: `Planif AESH — ligne de commande, ${command}`,
  });
  if (host.plainNotice !== null && command !== 'encrypt') console.error(host.plainNotice);
  try {
    const call = async <M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> =>
      unwrap(await host.call(method, input)) as ApiOutput<M>;
    const print = (value: unknown, human: string): void => console.log(values.json ? JSON.stringify(value, null, 2) : human);
    const packageArgs = (): PackageArgs => ({
      pole: values.pole?.at(-1), out: values.out, file: positionals[2], passphraseFile: values['package-passphrase-file'], keep: values.keep, dryRun: values['dry-run'], json: values.json,
    });
    const { state } = host;
    if (state.status === 'damaged' && command !== 'restore' && command !== 'backups') {
      const good = state.goodBackup;
      throw new ApiError('refused', `${state.message}\n${good === null
        ? 'Aucune sauvegarde saine n’a été trouvée.'
        : `Sauvegarde saine la plus récente : ${good.name}. Pour la restaurer : npm run -s cli -- restore ${good.name} --db ${path}`}`);
    }

    switch (command) {
      case 'demo': {
        const scale = values.scale;
        if (!DEMO_SCALES.includes(scale as never)) throw new UsageError(`--scale attend ${DEMO_SCALES.join(', ')}`);
        const seed = values.seed === undefined ? undefined : Number(values.seed);
        if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError('--seed attend un nombre entier');
        const counts = await call('app.seedDemo', { scale: scale as (typeof DEMO_SCALES)[number], seed });
        print({ database: path, counts }, `Démonstration « ${scale} » chargée dans ${path} : ${describe(counts)}`);
        return 0;
      }
      case 'stats': {
        const info = await call('app.info', {});
        print(
          { database: path, schemaVersion: info.schemaVersion, appVersion: info.appVersion, counts: info.counts },
          `${path} (schéma ${info.schemaVersion}) : ${describe(info.counts)}`,
        );
        return 0;
      }
      case 'gaps': {
        const gaps = await call('gaps.list', { date: dateOption(values.date) });
        print(
          gaps.map((g) => ({
            code: g.code, severity: g.severity, pole: g.poleCode, uai: g.uai, pupil: g.pupil, aesh: g.aesh,
            missingHours: g.missingMinutes === null ? null : g.missingMinutes / 60, message: g.message,
          })),
          gaps.map((g) => `[${g.severity}] ${g.code} ${g.poleCode ?? '-'} : ${g.message}`).join('\n') || 'Aucune rupture.',
        );
        return 0;
      }
      case 'indicators': {
        const indicators = await call('indicators.get', { date: dateOption(values.date) });
        const { pupils } = indicators.total;
        print(indicators, `${formatDate(indicators.date)} : ${countOf(pupils.notified, 'élève notifié', 'élèves notifiés')}, ${countOf(pupils.full, 'accompagné', 'accompagnés')} en totalité, ${pupils.partial} en partie, ${pupils.none} sans AESH.`);
        return 0;
      }
      case 'import': {
        if (positionals[1] === 'package') return await importPackageCommand(call, packageArgs(), (message) => new UsageError(message));
        const file = positionals[1];
        if (file === undefined) throw new UsageError('import attend le fichier à importer');
        const mapping = values.mapping === undefined ? undefined : readMapping(values.mapping);
        const { jobId } = await call('import.start', {
          fileName: basename(file), dataBase64: readFileSync(file).toString('base64'), mapping, strict: values.strict, dryRun: values['dry-run'], mode: 'write',
        });
        const status = await waitFor(call, jobId);
        if (status.state === 'cancelled') throw new ApiError('refused', 'Import annulé : rien n’a été écrit.');
        if (status.state === 'failed') throw new ApiError('refused', status.error ?? 'L’import a échoué : rien n’a été écrit.');
        const result = await call('import.result', { jobId });
        const sheets = Object.fromEntries(result.reports.map(({ sheet, created, updated, unchanged, refused }) => [
          sheet, { created, updated, unchanged, refused: refused.map(({ sheet: s, row, column, reason }) => ({ sheet: s, row, column, reason })) },
        ]));
        const refusedCount = result.reports.reduce((n, r) => n + r.refused.length, 0);
        print({ written: result.written, sheets }, [
          ...result.reports.map((r) => `${r.sheet} : ${countOf(r.created, 'créé')}, ${countOf(r.updated, 'modifié')}, ${countOf(r.unchanged, 'inchangé')}, ${countOf(r.refused.length, 'refusé')}`),
          ...result.reports.flatMap((r) => r.refused.map((x) => `  ${x.sheet} ligne ${x.row}${x.column ? `, ${x.column}` : ''} : ${x.reason}`)),
          result.written ? 'Import enregistré.' : 'Rien n’a été écrit.',
        ].join('\n'));
        return refusedCount > 0 ? 1 : 0;
      }
      case 'export': {
        const kind = positionals[1];
        // Said rather than ignored: an export of another kind would not be the filled template asked for.
        if (values.template !== undefined && kind !== 'survey') throw new UsageError(`--template ne sert qu’à export survey (le modèle d’enquête de l’académie), pas à export ${kind ?? '(sans type)'}`);
        if (kind === 'package') {
          if (values.out !== undefined) refuseRecordOutput(values.out, path);
          return await exportPackageCommand(call, packageArgs(), (message) => new UsageError(message));
        }
        if (kind === 'activity') {
          return await activityCommand(call, {
            poles: values.pole ?? [], all: values.all, from: values.from, to: values.to, zone: values.zone, out: values.out, pdf: values.pdf,
            json: values.json, record: path,
          }, (message) => new UsageError(message));
        }
        if (!EXPORT_KINDS.includes(kind as never)) throw new UsageError(`export attend ${EXPORT_KINDS.join(', ')}`);
        if (values.out === undefined) throw new UsageError('export attend --out FICHIER.xlsx');
        refuseRecordOutput(values.out, path);
        if (kind === 'survey' && values.template !== undefined) {
          return await surveyTemplateCommand(call, { template: values.template, mapping: values.mapping, date: dateOption(values.date), out: values.out, json: values.json }, (message) => new UsageError(message));
        }
        const { jobId } = await call('export.start', { kind: kind as ExportKind, date: dateOption(values.date), pole: values.pole?.at(-1) });
        const status = await waitFor(call, jobId);
        if (status.state === 'cancelled') throw new ApiError('refused', 'Export annulé : aucun fichier écrit.');
        if (status.state === 'failed') throw new ApiError('refused', status.error ?? 'L’export a échoué : aucun fichier écrit.');
        const file = await call('export.result', { jobId });
        writeFileSync(values.out, Buffer.from(file.dataBase64, 'base64'));
        print({ out: values.out }, `Export « ${kind} » écrit dans ${values.out}. Il contient des données personnelles : à ne pas diffuser hors du service.`);
        return 0;
      }
      case 'allocate':
        return await allocateCommand(call, {
          poles: values.pole ?? [], all: values.all, date: dateOption(values.date), replan: values.replan, timeLimit: values['time-limit'],
          apply: values.apply, json: values.json,
        }, (message) => new UsageError(message));
      case 'encrypt': {
        if (passphrase === undefined) throw new UsageError('encrypt attend une phrase de passe : PLANIF_PASSPHRASE ou --passphrase-file');
        await call('record.encrypt', { passphrase });
        print({ database: path, encrypted: true }, `${path} est maintenant chiffrée (SQLCipher) ; l'ancien fichier en clair a été effacé. Ses sauvegardes sont chiffrées aussi.`);
        return 0;
      }
      case 'backups': {
        const backups = await call('backups.list', {});
        print(backups, backups.map((b) => `${b.name}  (${(b.bytes / 1024 / 1024).toFixed(1)} Mo)`).join('\n') || 'Aucune sauvegarde.');
        return 0;
      }
      case 'restore': {
        const name = positionals[1];
        if (name === undefined) throw new UsageError('restore attend le nom de la sauvegarde (voir : backups)');
        await call('backups.restore', { name });
        print({ database: path, restored: name }, `Sauvegarde ${name} restaurée dans ${path}.`);
        return 0;
      }
      default:
        throw new UsageError(`commande inconnue : ${command}`);
    }
  } finally {
    await host.close();
  }
}

/** The JSON as written; its shape is checked with the API's schema (French messages naming the key). */
function readMapping(path: string): SavedMapping {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as SavedMapping;
  } catch (error) {
    throw new ApiError('refused', `Correspondance ${path} illisible : ${(error as Error).message}`);
  }
}

/** --date takes the ISO form only, so that scripts never depend on a locale. */
function dateOption(value: string | undefined): string | undefined {
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`--date attend AAAA-MM-JJ, reçu « ${value} »`);
  return value;
}

/** The words of each count, singular and plural: "1 pôle, 96 établissements, 700 élèves…". */
const COUNT_WORDS: Record<keyof RecordCounts, [string, string]> = {
  poles: ['pôle', 'pôles'], schools: ['établissement', 'établissements'], pupils: ['élève', 'élèves'],
  notifications: ['notification', 'notifications'], aesh: ['AESH', 'AESH'], contracts: ['contrat', 'contrats'],
  absences: ['absence', 'absences'], slots: ['créneau', 'créneaux'], journal: ['ligne de journal', 'lignes de journal'],
};

function describe(counts: RecordCounts): string {
  return (Object.keys(COUNT_WORDS) as (keyof RecordCounts)[]).map((kind) => countOf(counts[kind], ...COUNT_WORDS[kind])).join(', ');
}

// exitCode, not exit(): on a pipe, stdout is written asynchronously and exit() would cut it short.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`Erreur d'usage : ${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    if (error instanceof ApiError) {
      console.error(error.message);
      for (const issue of error.issues) console.error(`  ${issue.path} : ${issue.message}`);
    } else {
      console.error(error instanceof Error ? error.message : String(error));
    }
    process.exitCode = 1;
  },
);
