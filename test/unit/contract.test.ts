import { describe, expect, it } from 'vitest';
import { annualServiceMinutes, DEFAULT_WORKING_TIME, etp, maxWeeklyMinutes, quotitePercent } from '../../shared/domain/contract.ts';

describe('the 41-week / 1 607 h rule', () => {
  it('gives the domain example: 24 h → 984 h → 61.2 % → 62 %', () => {
    expect(annualServiceMinutes(24 * 60, DEFAULT_WORKING_TIME)).toBe(984 * 60);
    expect(quotitePercent(24 * 60, DEFAULT_WORKING_TIME)).toBe(62);
    expect(etp(24 * 60, DEFAULT_WORKING_TIME)).toBeCloseTo(0.62);
  });

  it('rounds up to the whole percent', () => {
    // 20 h × 41 = 820 h = 51.03 % of 1 607 h
    expect(quotitePercent(20 * 60, DEFAULT_WORKING_TIME)).toBe(52);
  });

  it('makes about 39 h a full time, and refuses more through maxWeeklyMinutes', () => {
    expect(quotitePercent(39 * 60, DEFAULT_WORKING_TIME)).toBe(100);
    expect(maxWeeklyMinutes(DEFAULT_WORKING_TIME)).toBe(2351); // 39 h 11
    expect(quotitePercent(maxWeeklyMinutes(DEFAULT_WORKING_TIME), DEFAULT_WORKING_TIME)).toBe(100);
  });

  it('follows the académie reference and longer service weeks', () => {
    expect(quotitePercent(24 * 60, { annualReferenceHours: 1593, serviceWeeks: 41 })).toBe(62); // 61.77 %
    expect(quotitePercent(24 * 60, { annualReferenceHours: 1607, serviceWeeks: 45 })).toBe(68); // 1 080 h = 67.2 %
  });
});
