// Searching a list as people type a name: "Liam Brun", "brun liam", "0840001X liam" all find Liam
// Brun of that school. Every word must be found in one of the row's fields, whichever; accents and
// case do not count.
import { fold } from '../../../shared/domain/collate.ts';

/** The words of a search, folded. */
export function searchWords(query: string): string[] {
  return fold(query).split(/\s+/).filter((word) => word !== '');
}

/** The text a row is searched in: its fields folded, one per line, so that no word spans two. */
export function searchText(fields: readonly (string | null | undefined)[]): string {
  return fold(fields.filter((field) => field != null).join('\n'));
}

export function matchesWords(words: readonly string[], text: string): boolean {
  return words.every((word) => text.includes(word));
}
