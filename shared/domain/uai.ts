// UAI (ex-RNE): 7 digits and a check letter. The letter is "ABCDEFGHJKLMNPRSTUVWXYZ"[N mod 23]
// with N the 7-digit prefix read as an integer (A–Z without I, O, Q). Corsica writes its
// départements 2A and 2B as 620 and 720, so the prefix is always digits.

const CHECK_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export function uaiCheckLetter(sevenDigits: string): string {
  const letter = CHECK_LETTERS[Number.parseInt(sevenDigits, 10) % 23];
  if (letter === undefined) throw new Error(`préfixe UAI invalide : ${sevenDigits}`);
  return letter;
}

export type UaiCheck = { ok: true; uai: string } | { ok: false; message: string };

/** Upper-cases and checks a UAI; the message says what is wrong, in the words of the workbook. */
export function checkUai(raw: string): UaiCheck {
  const uai = raw.trim().toUpperCase();
  if (!/^\d{7}[A-Z]$/.test(uai)) {
    return { ok: false, message: `UAI ${uai || '(vide)'} : 7 chiffres suivis d'une lettre attendus` };
  }
  const expected = uaiCheckLetter(uai.slice(0, 7));
  if (uai[7] !== expected) {
    return { ok: false, message: `UAI ${uai} : lettre de contrôle invalide, attendu ${expected}` };
  }
  return { ok: true, uai };
}

export function makeUai(sevenDigits: string): string {
  return sevenDigits + uaiCheckLetter(sevenDigits);
}
