// The headless command line over the same services as the window:
//   npm run -s cli -- <command> [--db PATH] [--json] [options]
// Exit 0 on success, 1 when the input was refused, 2 on a usage error.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { DEMO_SCALES, type ApiInput, type ApiOutput, type MethodName } from '../../shared/api/contract.ts';
import { dispatch, unwrap } from '../../shared/api/dispatch.ts';
import { ApiError } from '../../shared/api/errors.ts';
import type { RecordCounts } from '../../shared/api/entities.ts';
import { openRecord } from '../../db/connection.ts';
import { defaultDatabasePath } from '../paths.ts';
import { createServices } from '../services/index.ts';

const USAGE = `Planif AESH — ligne de commande

  npm run -s cli -- demo  --scale small|medium|department [--seed N] [--db PATH] [--json]
  npm run -s cli -- stats [--db PATH] [--json]
  npm run -s cli -- gaps [--date AAAA-MM-JJ] [--db PATH] [--json]
  npm run -s cli -- indicators [--date AAAA-MM-JJ] [--db PATH] [--json]

  --db PATH   la base à utiliser (par défaut : ${defaultDatabasePath()})
  --json      sortie JSON sur stdout`;

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
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });

  const connection = await openRecord(path);
  try {
    const handlers = createServices(connection, { actor: `cli:${userInfo().username}` });
    const call = async <M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> =>
      unwrap(await dispatch(handlers, method, input)) as ApiOutput<M>;
    const print = (value: unknown, human: string): void => console.log(values.json ? JSON.stringify(value, null, 2) : human);

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
        print(indicators, `${indicators.date} : ${pupils.notified} élèves notifiés, ${pupils.full} accompagnés en totalité, ${pupils.partial} en partie, ${pupils.none} sans AESH.`);
        return 0;
      }
      default:
        throw new UsageError(`commande inconnue : ${command}`);
    }
  } finally {
    await connection.close();
  }
}

/** --date takes the ISO form only, so that scripts never depend on a locale. */
function dateOption(value: string | undefined): string | undefined {
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`--date attend AAAA-MM-JJ, reçu « ${value} »`);
  return value;
}

function describe(counts: RecordCounts): string {
  return Object.entries(counts).map(([kind, n]) => `${n} ${kind}`).join(', ');
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
