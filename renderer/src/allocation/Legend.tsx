// What the marks of a draft mean in the week grid, shown above it while a proposal is reviewed.
import type { ReactNode } from 'react';
import { formatDate } from '../../../shared/domain/dates.ts';
import type { Proposal } from './store.ts';

export function ProposalLegend({ proposal }: { proposal: Proposal }): ReactNode {
  const replanned = proposal.ended.length + proposal.removed.length > 0;
  return (
    <ul className="proposal-legend" aria-label="Légende de la proposition">
      <li><span className="legend-swatch swatch-new" aria-hidden /> Proposé à partir du {formatDate(proposal.date)}, à valider (survolez ou sélectionnez-le pour sa raison)</li>
      <li><span className="legend-swatch swatch-unchosen" aria-hidden /> Proposé, non retenu</li>
      {replanned ? <li><span className="legend-swatch swatch-ending" aria-hidden /> Se termine ou est retiré par la replanification</li> : null}
    </ul>
  );
}
