import { describe, expect, it } from 'vitest';
import { checkUai, makeUai, uaiCheckLetter } from '../../shared/domain/uai.ts';

describe('UAI check letter', () => {
  it('follows the domain example: 0750655 → E', () => {
    expect(uaiCheckLetter('0750655')).toBe('E');
    expect(checkUai('0750655E')).toEqual({ ok: true, uai: '0750655E' });
  });

  it('never uses I, O or Q', () => {
    const letters = new Set(Array.from({ length: 23 }, (_, n) => uaiCheckLetter(String(n).padStart(7, '0'))));
    expect(letters.size).toBe(23);
    for (const excluded of ['I', 'O', 'Q']) expect(letters.has(excluded)).toBe(false);
  });

  it('accepts Corsican prefixes 620 (2A) and 720 (2B)', () => {
    expect(checkUai(makeUai('6200001')).ok).toBe(true);
    expect(checkUai(makeUai('7200002')).ok).toBe(true);
  });

  it('upper-cases and trims what was typed', () => {
    expect(checkUai(' 0750655e ')).toEqual({ ok: true, uai: '0750655E' });
  });

  it('names the expected letter when it is wrong', () => {
    const expected = uaiCheckLetter('0840001');
    const wrong = expected === 'A' ? 'B' : 'A';
    expect(checkUai(`0840001${wrong}`)).toEqual({ ok: false, message: `UAI 0840001${wrong} : lettre de contrôle invalide, attendu ${expected}` });
  });

  it('refuses a malformed code', () => {
    expect(checkUai('075065E')).toMatchObject({ ok: false, message: expect.stringContaining("7 chiffres suivis d'une lettre") });
    expect(checkUai('')).toMatchObject({ ok: false, message: expect.stringContaining('(vide)') });
  });
});
