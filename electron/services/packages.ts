// Packages between coordinators over the API: made for a pôle, previewed, imported with the user's
// choice for each conflict (electron/exchange/package.ts). An import is one change of the journal.
import { createHash } from 'node:crypto';
import type { ApiHandlers } from '../../shared/api/contract.ts';
import { ApiError } from '../../shared/api/errors.ts';
import type { PackagePreview } from '../../shared/api/packages.ts';
import { todayIso } from '../../shared/domain/dates.ts';
import { packageFileName } from '../../shared/exchange/package.ts';
import { applyImport, planIsCurrent } from '../exchange/import.ts';
import { decidedPlan, makePackage, planPackage, readPackage, recordIdOf, saveBaseline, type PackagePlan } from '../exchange/package.ts';
import type { FileSheet } from '../exchange/read.ts';
import { write, type ServiceContext } from './context.ts';
import { changeNumberOf } from './journal.ts';
import { getSettings } from './settings.ts';

type PackageHandlers = Pick<ApiHandlers, 'packages.export' | 'packages.preview' | 'packages.import'>;
type FileInput = { fileName: string; dataBase64: string; passphrase?: string | undefined };

export function packageHandlers(ctx: ServiceContext): PackageHandlers {
  // The last package read: the import after its preview does not decrypt it again (the key
  // derivation of an encrypted xlsx takes seconds). Keyed by a digest of the file and passphrase.
  let lastFile: { hash: string; sheets: FileSheet[] } | null = null;

  async function planned(input: FileInput): Promise<PackagePlan> {
    const settings = await getSettings(ctx);
    const hash = createHash('sha256').update(input.dataBase64).update('\0').update(input.passphrase ?? '').digest('hex');
    if (lastFile?.hash !== hash) {
      lastFile = { hash, sheets: await readPackage(Buffer.from(input.dataBase64, 'base64'), input.fileName, settings.importMaxMegabytes, input.passphrase) };
    }
    return planPackage(ctx.sqlite, lastFile.sheets, settings, todayIso(ctx.now()));
  }

  const preview = (p: PackagePlan): PackagePreview => ({
    header: p.header,
    ownRecord: p.header.record === recordIdOf(ctx.sqlite),
    lastReceived: p.lastReceived,
    sheets: p.sheets,
    conflicts: p.conflicts.map(({ table: _table, key: _key, ...conflict }) => conflict),
    refusals: p.refusals,
  });

  return {
    'packages.export': async ({ pole, passphrase }) => {
      const { bytes } = await makePackage(ctx.sqlite, pole, ctx.now(), passphrase);
      return { fileName: packageFileName(pole, todayIso(ctx.now())), dataBase64: Buffer.from(bytes).toString('base64') };
    },
    'packages.preview': async (input) => preview(await planned(input)),
    'packages.import': async (input) => {
      const p = await planned(input);
      if (preview(p).ownRecord) throw new ApiError('refused', 'Ce paquet a été fait depuis ce dossier-ci : il n’y a rien à importer.');
      const plan = decidedPlan(p, input.choices);
      await ctx.safeguard?.beforeImport();
      const changeId = await write(ctx, async (trx) => {
        // What the user decided on was the record as previewed: a write since may change it.
        if (!planIsCurrent(ctx.sqlite, plan)) throw new ApiError('conflict', 'Le dossier a été modifié depuis l’aperçu : relancez l’aperçu du paquet. Rien n’a été écrit.');
        await applyImport(trx, ctx, plan, input.fileName);
        await saveBaseline(trx, ctx, p, input.choices);
        return changeNumberOf(trx);
      });
      return { ...preview(p), changeId };
    },
  };
}
