// SQLite orders text by bytes, which puts "École" after "Lycée" and "Élise" after "Zoé". Lists are
// sorted the way a French reader expects: accents and case ignored, numbers by value.
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export function byFrench<T>(...keys: ((item: T) => string)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const order = collator.compare(key(a), key(b));
      if (order !== 0) return order;
    }
    return 0;
  };
}

/** Case- and accent-insensitive form of a text, for searching ("eleve" finds "Élève"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}
