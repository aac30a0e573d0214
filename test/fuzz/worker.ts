// The fuzz cases of test/db/fuzz.test.ts, run in a child process so that a case that hangs can
// be stopped from outside (SheetJS reads synchronously). One JSON line per case on stdout:
// {"start": i, "kind": …} before it, then {"case": i, "kind", "outcome", "ms", "problem"?}.
//   node test/fuzz/worker.ts COUNT SEED
import * as XLSX from 'xlsx';
import { ApiError } from '../../shared/api/errors.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { openTestRecord } from '../support/record.ts';
import { workbook, type Cells } from '../support/workbook.ts';

const COUNT = Number(process.argv[2] ?? 1000);
let seed = Number(process.argv[3] ?? 1);
/** Deterministic: a failing case can be replayed with the same seed. */
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

const UAI = makeUai('0849001');
const BASE: Record<string, Cells[]> = {
  'Pôles': [['Code', 'Nom', 'Type'], ['PIAL-FZ', 'PIAL du fuzz', 'PIAL 1D']],
  'Établissements': [['UAI', 'Nom', 'Type', 'Pôle', 'Commune'], [UAI, 'École du fuzz', 'école élémentaire', 'PIAL-FZ', 'Apt']],
  'Élèves': [['Identifiant', 'Nom', 'Prénom', 'UAI', 'Niveau'], ['FZ-1', 'Martin', 'Léa', UAI, 'CE1'], ['FZ-2', 'Roux', 'Tom', UAI, 'CP']],
  'Notifications': [['Identifiant élève', 'Type', 'Heures hebdomadaires', 'Début', 'Fin'], ['FZ-1', 'individuelle', '12 h', '01/09/2026', '31/08/2028'], ['FZ-2', 'mutualisée', null, '2026-09-01', '2028-08-31']],
  'AESH': [['Matricule', 'Nom', 'Prénom', 'Pôle', 'Contrat', 'Début contrat', 'Fin contrat', 'Heures hebdomadaires'], ['AFZ1', 'Durand', 'Sophie', 'PIAL-FZ', 'CDI', '01/09/2020', null, 24]],
  'Absences': [['Matricule', 'Début', 'Fin', 'Motif'], ['AFZ1', '24/11/2026', '24/11/2026', 'Formation']],
  'Créneaux': [['Matricule', 'UAI', 'Jour', 'Début', 'Fin', 'Élèves'], ['AFZ1', UAI, 'lundi', '08:30', '11:30', 'FZ-1'], ['AFZ1', UAI, 'mardi', '13:30', '15:30', 'FZ-2']],
};
const baseXlsx = Buffer.from(workbook(BASE), 'base64');

const STRANGE: readonly (string | number | boolean | Date | null)[] = [
  '=1+1', '=HYPERLINK("http://x","clic")', '+33 6 12 34 56 78', '-2', '@SUM(A1)', '\t=cmd', '\r\n', '', ' ', null, true, false, 0, -1, 1e308, -1e-308,
  Number.NaN, 99999999, '31/02/2026', '2026-13-45', '12 h 75', '25:99', 'lundi ', 'dimanche', 'x'.repeat(32_000), '🙂👩‍🏫', '\u0000\u0001\u0002',
  '<script>alert(1)</script>', "'; drop table pupils; --", new Date(1899, 0, 1), new Date(2100, 0, 1), '０８：３０', 'NULL', 'undefined', '1e3', '12,5,5',
];

/** A valid workbook with random cells replaced by strange values, headers renamed or dropped. */
function strangeValues(): Buffer {
  const sheets: Record<string, Cells[]> = {};
  for (const [name, rows] of Object.entries(BASE)) {
    sheets[name] = rows.map((row, r) => row.map((cell) => (r === 0 ? (random() < 0.05 ? pick(['', 'Nom', '???', 'Identifiant']) : cell) : random() < 0.3 ? pick(STRANGE) : cell)));
    for (let extra = int(3); extra > 0; extra -= 1) sheets[name].push(sheets[name][1]!.map(() => pick(STRANGE)));
  }
  return Buffer.from(workbook(sheets, pick(['xlsx', 'xlsx', 'ods', 'xls'] as const)), 'base64');
}

/** The base file's bytes, damaged: bits flipped, cut short, bytes inserted or repeated. */
function damagedBytes(): Buffer {
  const bytes = Buffer.from(baseXlsx);
  switch (int(4)) {
    case 0: for (let n = 1 + int(20); n > 0; n -= 1) bytes[int(bytes.length)]! ^= 1 << int(8); return bytes;
    case 1: return bytes.subarray(0, int(bytes.length));
    case 2: { const at = int(bytes.length); return Buffer.concat([bytes.subarray(0, at), Buffer.from(Array.from({ length: 1 + int(200) }, () => int(256))), bytes.subarray(at)]); }
    default: { const at = int(bytes.length - 100); return Buffer.concat([bytes.subarray(0, at + 100), bytes.subarray(at)]); }
  }
}

/** The zip container as SheetJS's bundled CFB library reads it. */
interface Zip { FullPaths: string[]; FileIndex: { content: Uint8Array; size: number }[] }
/** The part of that library used here: SheetJS types it `any`. */
const CFB = XLSX.CFB as {
  read(data: Buffer, options: { type: 'buffer' }): Zip;
  write(zip: Zip, options: { fileType: 'zip'; type: 'buffer' }): Uint8Array;
};

/** The base file with one sheet's XML rewritten inside a well-formed zip. */
function hostileXml(): Buffer {
  const zip = CFB.read(baseXlsx, { type: 'buffer' });
  const sheets = zip.FullPaths.flatMap((path, index) => (/worksheets\/sheet\d+\.xml$/.test(path) ? [index] : []));
  const target = zip.FileIndex[pick(sheets)]!;
  let xml = Buffer.from(target.content).toString('utf8');
  const cell = (content: string): string => xml.replace(/<row r="2"([^>]*)>/, `<row r="2"$1>${content}`);
  switch (int(8)) {
    case 0: { const depth = 10_000 + int(90_000); xml = cell(`<c r="Z2" t="inlineStr"><is>${'<r>'.repeat(depth)}<t>x</t>${'</r>'.repeat(depth)}</is></c>`); break; }
    case 1: xml = cell(`<c r="Z2" t="inlineStr"><is><t>${'A'.repeat(1_000_000 + int(4_000_000))}</t></is></c>`); break;
    case 2: xml = xml.replace(/<c r="([A-Z]+2)"[^>]*>.*?<\/c>/, '<c r="$1"><f>HYPERLINK("http://x","clic")</f><v>0</v></c>'); break;
    case 3: xml = xml.replace(/t="s"/g, () => pick(['t="n"', 't="b"', 't="e"', 't="d"', 't="str"', 't="zz"'])); break;
    case 4: xml = xml.replace(/<v>(\d+)<\/v>/g, () => `<v>${pick(['999999', '-1', 'abc', '1e400', ''])}</v>`); break;
    case 5: xml = cell(Array.from({ length: 2000 }, (_, i) => `<c r="${XLSX.utils.encode_col(16_000 + i)}2" t="inlineStr"><is><t>${i}</t></is></c>`).join('')); break;
    case 6: xml = `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${xml.replace(/<t>[^<]*<\/t>/, '<t>&c;</t>')}`; break;
    default: xml = xml.slice(0, int(xml.length));
  }
  // In place: cfb_add would add a second entry of the same name, and the reader would take the first.
  target.content = Buffer.from(xml, 'utf8');
  target.size = target.content.length;
  const written = Buffer.from(CFB.write(zip, { fileType: 'zip', type: 'buffer' }));
  const back = CFB.read(written, { type: 'buffer' });
  if (!back.FileIndex.some((f) => f.size === target.size && Buffer.from(f.content).equals(target.content))) throw new Error('le XML hostile n’est pas dans le fichier écrit');
  return written;
}

/** A CSV of the pupils' sheet, made strange: encodings, quotes, NUL, huge cells, 100 000 columns. */
function hostileCsv(): Buffer {
  const lines = BASE['Élèves']!.map((row) => row.map((c) => String(c ?? '')).join(';'));
  switch (int(7)) {
    case 0: return Buffer.from(Array.from({ length: int(5000) }, () => int(256)));
    case 1: return Buffer.from([...lines, `"FZ-9;"Ouvert;${'"'.repeat(int(50))}`].join('\n'), 'latin1');
    case 2: return Buffer.from(`\ufeff${[...lines, `FZ-9;${'B'.repeat(2_000_000)};Zoé;${UAI};CP`].join('\r\n')}`, 'utf8');
    case 3: return Buffer.from([Array.from({ length: 100_000 }, (_, i) => (i < 5 ? lines[0]!.split(';')[i] : `Colonne ${i}`)).join(';'), lines[1]].join('\n'), 'utf8');
    case 4: return Buffer.from(lines.join('\n').replace(/a/g, '\u0000'), 'utf8');
    case 5: return Buffer.from([...lines, ...Array.from({ length: 200 }, () => Array.from({ length: 5 }, () => String(pick(STRANGE))).join(';'))].join('\n'), 'utf8');
    default: return Buffer.from(lines.join('\n'), 'utf16le');
  }
}

const KINDS = [
  { kind: 'valeurs étranges', make: strangeValues, file: 'fuzz.xlsx', weight: 4 },
  { kind: 'octets abîmés', make: damagedBytes, file: 'fuzz.xlsx', weight: 3 },
  { kind: 'XML hostile', make: hostileXml, file: 'fuzz.xlsx', weight: 2 },
  { kind: 'CSV hostile', make: hostileCsv, file: 'Élèves.csv', weight: 2 },
] as const;
const weighted = KINDS.flatMap((k) => Array.from({ length: k.weight }, () => k));

const { api, connection } = await openTestRecord();
const TABLES = ['poles', 'schools', 'pupils', 'notifications', 'aesh', 'contracts', 'absences', 'slots', 'slot_pupils', 'journal'];
const snapshot = (): string => JSON.stringify(TABLES.map((t) => connection.sqlite.prepare(`select count(*) n, total(rowid) s from ${t}`).get()));
const say = (line: object): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

for (let i = 0; i < COUNT; i += 1) {
  const { kind, make, file } = pick(weighted);
  say({ start: i, kind });
  const bytes = make();
  const before = snapshot();
  const started = performance.now();
  let outcome: 'imported' | 'refused' | 'crash';
  let problem: string | undefined;
  try {
    const result = await api('exchange.import', { fileName: file, dataBase64: bytes.toString('base64') });
    outcome = 'imported';
    if (!result.written && snapshot() !== before) problem = 'rien d’écrit annoncé, mais la base a changé';
    const integrity = connection.sqlite.pragma('integrity_check', { simple: true });
    const orphans = connection.sqlite.pragma('foreign_key_check') as unknown[];
    if (integrity !== 'ok' || orphans.length > 0) problem = `base incohérente après import : ${String(integrity)}, ${orphans.length} référence(s) orpheline(s)`;
  } catch (error) {
    const clear = error instanceof ApiError && error.kind !== 'internal' && error.message.length > 10;
    outcome = clear ? 'refused' : 'crash';
    if (!clear) problem = `refus peu clair : ${(error as Error).message.slice(0, 300)}`;
    if (snapshot() !== before) problem = `refusé mais à moitié écrit : ${(error as Error).message.slice(0, 200)}`;
  }
  say({ case: i, kind, outcome, bytes: bytes.length, ms: Math.round(performance.now() - started), problem });
}
await connection.close();
