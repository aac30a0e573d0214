/** "de Thierry", "d’Adam", "d’Élise": the preposition before a first name, with elision. */
export function deName(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûü]/i.test(name) ? `d’${name}` : `de ${name}`;
}

const pluralRules = new Intl.PluralRules('fr-FR');
const integers = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/**
 * A count and its words, agreed as French does: "0 élève", "1 élève", "2 élèves" (0 and 1 are
 * singular in French; the "many" category of large round numbers takes the plural). `other`
 * defaults to `one` + s; give it for "créneau" → "créneaux" or for a phrase ("déplacement
 * enregistré" → "déplacements enregistrés").
 */
export function countOf(count: number, one: string, other = `${one}s`): string {
  return `${integers.format(count)} ${pluralRules.select(count) === 'one' ? one : other}`;
}
