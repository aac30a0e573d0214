// Packages on the `department` demo: one pôle's package made, then imported into an empty record
// (the coordinator's first package) and back into the whole département's record, with a few
// rows changed and deleted by the pôle. Not a test: nothing here passes or fails.
//   npm exec -- node test/bench/packages.ts [--pole CODE]
// The largest pôle (most pupils) is taken unless --pole names one.
import { parseArgs } from 'node:util';
import type { PackagePreview } from '../../shared/api/packages.ts';
import { openTestRecord } from '../support/record.ts';

const { values } = parseArgs({ options: { pole: { type: 'string' } } });
const report = (label: string, value: string): void => console.log(`${label.padEnd(66)} ${value}`);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}
const rows = (preview: PackagePreview): string => {
  const sum = (key: 'created' | 'updated' | 'unchanged' | 'deleted'): number => preview.sheets.reduce((n, s) => n + s[key], 0);
  return `${sum('created')} créées, ${sum('updated')} modifiées, ${sum('unchanged')} inchangées, ${sum('deleted')} supprimées`;
};

const dep = await openTestRecord();
const [, seedMs] = await time(() => dep.api('app.seedDemo', { scale: 'department' }));
report('demo department generated', seconds(seedMs));
const poles = await dep.api('poles.list', {});
const pupils = await dep.api('pupils.list', {});
const code = values.pole ?? poles.map((p) => ({ code: p.code, n: pupils.filter((e) => e.poleCode === p.code).length })).sort((a, b) => b.n - a.n)[0]!.code;

const [file, exportMs] = await time(() => dep.api('packages.export', { pole: code }));
report(`package of ${code} made (${Math.round((file.dataBase64.length * 3) / 4 / 1024)} Ko)`, seconds(exportMs));
const [encrypted, encryptMs] = await time(() => dep.api('packages.export', { pole: code, passphrase: 'phrase de passe de banc' }));
report('the same, encrypted', seconds(encryptMs));

const pial = await openTestRecord();
const [first, firstPreviewMs] = await time(() => pial.api('packages.preview', file));
report(`preview into an empty record (${rows(first)})`, seconds(firstPreviewMs));
const [, firstImportMs] = await time(() => pial.api('packages.import', { ...file, choices: {} }));
report('import into an empty record (preview, then write)', seconds(firstImportMs));
const [, decryptMs] = await time(() => pial.api('packages.preview', { ...encrypted, passphrase: 'phrase de passe de banc' }));
report('preview of the encrypted package (decrypt + plan)', seconds(decryptMs));

// The pôle's coordinator removes a tenth of the slots; the package goes back to the département.
const slots = await pial.api('slots.list', {});
for (const slot of slots.filter((_, i) => i % 10 === 0)) await pial.api('slots.delete', { id: slot.id });
const back = await pial.api('packages.export', { pole: code });
const [returned, backPreviewMs] = await time(() => dep.api('packages.preview', back));
report(`preview into the département (${rows(returned)})`, seconds(backPreviewMs));
const [, backImportMs] = await time(() => dep.api('packages.import', { ...back, choices: {} }));
report('import into the département (preview, then write)', seconds(backImportMs));
await pial.host.close();
await dep.host.close();
