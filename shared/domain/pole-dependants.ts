import { countOf } from './french.ts';

/**
 * What deleting a pôle would leave without one, in the words both the service's refusal and the
 * form's confirmation use: "3 établissements et 12 AESH sont rattachés à ce pôle : ils resteront
 * sans pôle." Null when nothing is attached, so that an unused pôle is deleted without a warning.
 */
export function poleDependants(schools: number, aesh: number): string | null {
  const parts = [
    ...(schools > 0 ? [countOf(schools, 'établissement')] : []),
    ...(aesh > 0 ? [countOf(aesh, 'AESH', 'AESH')] : []),
  ];
  if (parts.length === 0) return null;
  return schools + aesh === 1
    ? `${parts.join(' et ')} est rattaché à ce pôle : il restera sans pôle.`
    : `${parts.join(' et ')} sont rattachés à ce pôle : ils resteront sans pôle.`;
}
