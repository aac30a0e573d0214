/** "de Thierry", "d’Adam", "d’Élise": the preposition before a first name, with elision. */
export function deName(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûü]/i.test(name) ? `d’${name}` : `de ${name}`;
}
