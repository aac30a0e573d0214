/** An ETP balance with its sign: "+0,62", "−1,24", "0". */
export function signedEtp(value: number): string {
  const text = Math.abs(value).toLocaleString('fr-FR', { maximumFractionDigits: 2 });
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}
