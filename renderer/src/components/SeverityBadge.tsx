import type { ReactNode } from 'react';
import type { Severity } from '../../../shared/gaps/types.ts';

export function SeverityBadge({ severity }: { severity: Severity }): ReactNode {
  return <span className={`badge badge-${severity}`}>{severity}</span>;
}
