import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { aeshFields, contractFields, notificationFields, schoolFields, slotFields } from '../../shared/api/inputs.ts';
import { issuesOf } from '../../shared/api/dispatch.ts';
import { makeUai } from '../../shared/domain/uai.ts';

const issues = (result: z.ZodSafeParseResult<unknown>): Record<string, string> =>
  result.success ? {} : Object.fromEntries(issuesOf(result.error).map((i) => [i.path, i.message]));

describe('input schemas speak French and name the field', () => {
  it('reads a school as typed and fills defaults', () => {
    const parsed = schoolFields.parse({ uai: makeUai('0840001').toLowerCase(), name: 'École Jean Moulin', kind: 'elementaire', latitude: '43,95' });
    expect(parsed).toMatchObject({ uai: makeUai('0840001'), sector: 'public', week: '4j', latitude: 43.95, commune: null, poleId: null });
  });

  it('explains a wrong UAI check letter on the uai field', () => {
    const result = schoolFields.safeParse({ uai: '0750655A', name: 'X', kind: 'college' });
    expect(issues(result).uai).toBe('UAI 0750655A : lettre de contrôle invalide, attendu E.');
  });

  it('requires hours for an individual notification and none for a shared one', () => {
    const base = { pupilId: 1, startDate: '01/09/2025', endDate: '31/08/2026' };
    expect(issues(notificationFields.safeParse({ ...base, kind: 'individual' })).weeklyHours).toMatch(/nombre d’heures/);
    expect(issues(notificationFields.safeParse({ ...base, kind: 'shared', weeklyHours: '6' })).weeklyHours).toMatch(/sans heures/);
    expect(notificationFields.parse({ ...base, kind: 'individual', weeklyHours: '12 h 30' }).weeklyHours).toBe(750);
  });

  it('says which hours it could not read', () => {
    const result = notificationFields.safeParse({ pupilId: 1, kind: 'individual', weeklyHours: 'douze', startDate: '01/09/2025', endDate: '31/08/2026' });
    expect(issues(result).weeklyHours).toBe('Heures « douze » illisibles : par exemple 12, 12,5 ou 12 h 30.');
  });

  it('refuses an end before the start and a notification of more than five years', () => {
    const base = { pupilId: 1, kind: 'shared' };
    expect(issues(notificationFields.safeParse({ ...base, startDate: '01/09/2025', endDate: '31/08/2025' })).endDate).toBe('La fin est avant le début.');
    expect(issues(notificationFields.safeParse({ ...base, startDate: '01/09/2025', endDate: '02/09/2030' })).endDate).toMatch(/au plus 5 ans/);
    expect(notificationFields.safeParse({ ...base, startDate: '01/09/2025', endDate: '01/09/2030' }).success).toBe(true);
  });

  it('gives a CDD an end, a CDI none', () => {
    expect(issues(contractFields.safeParse({ aeshId: 1, kind: 'CDD', startDate: '01/09/2025', weeklyHours: 24 })).endDate).toBe('Un CDD a une date de fin.');
    expect(issues(contractFields.safeParse({ aeshId: 1, kind: 'CDI', startDate: '01/09/2025', endDate: '01/09/2026', weeklyHours: 24 })).endDate).toMatch(/CDI n’a pas/);
    expect(issues(contractFields.safeParse({ aeshId: 1, kind: 'CDD', startDate: '01/09/2025', endDate: '02/09/2028', weeklyHours: 24 })).endDate).toMatch(/au plus 3 ans/);
  });

  it('needs a pupil for an accompaniment slot but not for ULIS, and a start before the end', () => {
    const slot = { aeshId: 1, schoolId: 1, weekday: '2', startMinute: '08:30', endMinute: '11:30' };
    expect(issues(slotFields.safeParse(slot)).pupilIds).toMatch(/au moins un élève/);
    expect(slotFields.parse({ ...slot, nature: 'ulis' })).toMatchObject({ weekday: 2, startMinute: 510, endMinute: 690, pupilIds: [] });
    expect(issues(slotFields.safeParse({ ...slot, nature: 'ulis', endMinute: '08:00' })).endMinute).toMatch(/finit avant/);
  });
});

describe('every text field has a limit, in characters as a person counts them', () => {
  it('trims, requires, and refuses beyond the limit with a French message on the field', () => {
    const base = { matricule: ' A001 ', firstName: 'Émile' };
    expect(aeshFields.parse({ ...base, lastName: '  Durand ' })).toMatchObject({ matricule: 'A001', lastName: 'Durand', homeCommune: null });
    expect(issues(aeshFields.safeParse({ ...base, lastName: '   ' })).lastName).toBe('Obligatoire.');
    expect(issues(aeshFields.safeParse({ ...base, lastName: 'x'.repeat(101) })).lastName).toBe('Texte trop long : 100 caractères au plus.');
    // 100 emoji are 200 UTF-16 units, but 100 characters.
    expect(aeshFields.parse({ ...base, lastName: '🌻'.repeat(100) }).lastName).toBe('🌻'.repeat(100));
    expect(issues(aeshFields.safeParse({ ...base, lastName: 'D', homeCommune: 'y'.repeat(101) })).homeCommune).toMatch(/^Texte trop long/);
  });

  it('reads skills given as a list as the workbook cell would be read, and limits the whole list', () => {
    const base = { matricule: 'A001', lastName: 'Durand', firstName: 'Sophie' };
    expect(aeshFields.parse({ ...base, skills: ['LSF, TSA', ' braille '] }).skills).toEqual(['LSF', 'TSA', 'braille']);
    expect(issues(aeshFields.safeParse({ ...base, skills: Array.from({ length: 300 }, (_, i) => `compétence ${i}`) })).skills).toMatch(/^Texte trop long : 2\u202f000 caractères/);
  });
});
