import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../electron/demo/generate.ts';
import { checkUai } from '../../shared/domain/uai.ts';
import { notificationConflict } from '../../shared/domain/notifications.ts';
import type { WeekGrid } from '../../shared/domain/grid.ts';
import { withinGrid } from '../../shared/domain/grid.ts';
import type { Weekday } from '../../shared/domain/enums.ts';

const today = new Date(2026, 10, 23);

describe('the demonstration département', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(generateDemo('small', 7, today)).toEqual(generateDemo('small', 7, today));
    expect(generateDemo('small', 8, today).pupils.map((p) => p.lastName)).not.toEqual(generateDemo('small', 7, today).pupils.map((p) => p.lastName));
  });

  const medium = generateDemo('medium', 2025, today);

  it('has the medium proportions: 8 pôles, about 700 pupils', () => {
    expect(medium.poles).toHaveLength(8);
    expect(medium.pupils).toHaveLength(700);
    expect(medium.aesh.length).toBeGreaterThan(250);
  });

  it('uses valid UAI codes and both 4-day and 4.5-day primary schools', () => {
    for (const school of medium.schools) expect(checkUai(school.uai).ok).toBe(true);
    const weeks = new Set(medium.schools.map((s) => s.week));
    expect(weeks).toEqual(new Set(['4j', '4.5j', 'custom']));
  });

  it('notifies 6 to 24 h, typically 12 h, and never an individual over a shared one', () => {
    const hours = medium.notifications.filter((n) => n.kind === 'individual').map((n) => n.weeklyMinutes! / 60);
    expect(Math.min(...hours)).toBeGreaterThanOrEqual(6);
    expect(Math.max(...hours)).toBeLessThanOrEqual(24);
    const twelve = hours.filter((h) => h === 12).length;
    expect(twelve / hours.length).toBeGreaterThan(0.2);
    const byPupil = Map.groupBy(medium.notifications, (n) => n.pupilId);
    for (const list of byPupil.values()) {
      const periods = list.map((n) => ({ id: n.id, kind: n.kind as 'individual' | 'shared', startDate: n.startDate, endDate: n.endDate }));
      for (const period of periods) expect(notificationConflict(period, periods)).toBeNull();
    }
  });

  it('mixes CDD and CDI, mostly 24 h a week', () => {
    const kinds = new Set(medium.contracts.map((c) => c.kind));
    expect(kinds).toEqual(new Set(['CDD', 'CDI']));
    expect(medium.contracts.filter((c) => c.weeklyMinutes === 24 * 60).length / medium.contracts.length).toBeGreaterThan(0.45);
  });

  it('places slots inside school hours, never twice at once for one AESH, within the contract', () => {
    const grids = new Map(medium.schools.map((s) => [s.id, JSON.parse(s.gridJson) as WeekGrid]));
    for (const slot of medium.slots.filter((s) => s.nature !== 'lunch')) {
      expect(withinGrid(grids.get(slot.schoolId)!, slot.weekday as Weekday, slot.startMinute, slot.endMinute)).toBe(true);
    }
    const byAeshDay = Map.groupBy(medium.slots, (s) => `${s.aeshId}/${s.weekday}`);
    for (const slots of byAeshDay.values()) {
      const sorted = slots.toSorted((a, b) => a.startMinute - b.startMinute);
      for (let i = 1; i < sorted.length; i += 1) expect(sorted[i]!.startMinute).toBeGreaterThanOrEqual(sorted[i - 1]!.endMinute);
    }
  });

  it('covers most pupils but not all, so that gaps exist', () => {
    const served = new Set(medium.slotPupils.map((l) => l.pupilId));
    const notified = new Set(medium.notifications.map((n) => n.pupilId));
    const unserved = [...notified].filter((id) => !served.has(id)).length;
    expect(unserved / notified.size).toBeGreaterThan(0.01);
    expect(unserved / notified.size).toBeLessThan(0.3);
  });
});
