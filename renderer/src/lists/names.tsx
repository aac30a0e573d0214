// Pôles and people are shown by name; their code, identifier or matricule follows as secondary
// text, which tells two "Nathalie Dumont" or two "Pôle Centre" apart.
import { useMemo, type ReactNode } from 'react';
import { useApiData } from '../useApiData.ts';
import type { ListFilter } from './model.ts';

export function Named({ name, code }: { name: string | null; code: string | null }): ReactNode {
  if (name === null || name === code) return code ?? '—';
  // When room is short the name gives way, never the code that tells it apart.
  return (
    <span className="named" title={code === null ? name : `${name} (${code})`}>
      <span className="name">{name}</span>{code !== null ? <> <span className="secondary">{code}</span></> : null}
    </span>
  );
}

/** Pôle names by code, for rows that carry only the code. */
export type PoleNames = ReadonlyMap<string, string>;

export function usePoleNames(): PoleNames | undefined {
  const poles = useApiData('poles.list', {});
  return useMemo(() => (poles.data === undefined ? undefined : new Map(poles.data.map((p) => [p.code, p.name]))), [poles.data]);
}

export const poleName = (names: PoleNames, code: string | null): string | null => (code === null ? null : names.get(code) ?? code);

/** The value of rows without a pôle in the pôle filter (a code is never empty). */
const NO_POLE = '∅';

export function poleFilter<T>(names: PoleNames, codeOf: (row: T) => string | null): ListFilter<T> {
  return {
    id: 'pole', label: 'Pôle', all: 'Tous les pôles',
    values: (row) => [codeOf(row) ?? NO_POLE],
    name: (code) => (code === NO_POLE ? 'Sans pôle' : `${names.get(code) ?? code} (${code})`),
  };
}
