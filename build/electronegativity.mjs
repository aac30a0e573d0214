// `npm test` step: Electronegativity over electron/ and renderer/ together (the Content-Security-
// Policy lives in the renderer's page, the window's settings in the main process: one app). It
// exits 0 whatever it finds, so its findings are read here: any finding above LOW fails, unless
// it is a manual-review check recorded with its review in electronegativity-reviewed.json.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const BLOCKING = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

/** Electronegativity's CSV: a header line, then quoted or bare fields separated by commas. */
function parseCsv(text) {
  const rows = [];
  for (const line of text.split(/\r?\n/).filter((l) => l.trim() !== '')) {
    const fields = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const c = line[i];
      if (quoted && c === '"' && line[i + 1] === '"') { field += '"'; i += 1; }
      else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) { fields.push(field.trim()); field = ''; }
      else field += c;
    }
    fields.push(field.trim());
    rows.push(fields);
  }
  const [header, ...body] = rows;
  return body.map((fields) => Object.fromEntries(header.map((name, i) => [name.trim(), fields[i] ?? ''])));
}

const scan = mkdtempSync(join(tmpdir(), 'planif-electronegativity-'));
try {
  for (const folder of ['electron', 'renderer']) cpSync(join(root, folder), join(scan, folder), { recursive: true });
  const electronVersion = require(join(root, 'node_modules', 'electron', 'package.json')).version;
  const output = join(scan, 'findings.csv');
  const tool = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
  const run = spawnSync(process.execPath, [tool, '-i', scan, '-r', '-e', electronVersion, '-o', output, '-v', 'false'], { encoding: 'utf8' });
  if (run.status !== 0) {
    console.error(`Electronegativity n'a pas pu s'exécuter (code ${run.status}) :\n${run.stderr}`);
    process.exit(1);
  }
  const findings = parseCsv(readFileSync(output, 'utf8'));
  const reviewed = JSON.parse(readFileSync(join(root, 'build', 'electronegativity-reviewed.json'), 'utf8'));
  const isReviewed = (f) => reviewed[f.issue] !== undefined && f.filename.replace(/\\/g, '/').endsWith(reviewed[f.issue].file);
  const blocking = findings.filter((f) => BLOCKING.has(f.severity) && !isReviewed(f));
  for (const f of findings) {
    const mark = blocking.includes(f) ? 'BLOQUANT' : isReviewed(f) ? 'revu' : 'mineur';
    console.log(`electronegativity: [${mark}] ${f.issue} ${f.severity}/${f.confidence} ${f.filename}:${f.location} — ${f.description}`);
  }
  console.log(`electronegativity (Electron ${electronVersion}) : ${findings.length} constat(s), ${blocking.length} au-dessus de LOW non revu(s).`);
  process.exit(blocking.length === 0 ? 0 : 1);
} finally {
  rmSync(scan, { recursive: true, force: true });
}
