// What the hatching and the replacement marks of the week mean, shown only when the week has some.
import type { ReactNode } from 'react';
import type { GridSlot } from './WeekGrid.tsx';

export function WeekLegend({ slots }: { slots: readonly GridSlot[] }): ReactNode {
  const absent = slots.some((s) => s.absent);
  const replacing = slots.some((s) => s.replacement !== undefined && !s.absent);
  if (!absent && !replacing) return null;
  return (
    <ul className="proposal-legend week-legend" aria-label="Légende">
      {absent ? <li><span className="legend-swatch swatch-absent" aria-hidden /> Hachuré : AESH absent(e) ce jour-là ; « remplacé(e) par » nomme qui la remplace</li> : null}
      {replacing ? <li><span className="legend-swatch swatch-replacement" aria-hidden /> Remplacement, valable ce jour-là seulement ; « remplace » nomme l’AESH absent(e)</li> : null}
    </ul>
  );
}
