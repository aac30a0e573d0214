import { describe, expect, it } from 'vitest';
import { backupsToKeep } from '../../electron/record/rotation.ts';

const NOW = new Date('2026-11-23T18:00:00');
const HOUR = 60 * 60 * 1000;

describe('backup rotation', () => {
  it('keeps the last five, the newest of each of the last seven days, the newest of each of the last five weeks', () => {
    // Four backups a day (every six hours) for sixty days.
    const backups = Array.from({ length: 60 * 4 }, (_, i) => {
      const at = new Date(NOW.getTime() - i * 6 * HOUR);
      return { name: at.toISOString(), at };
    });
    const keep = [...backupsToKeep(backups, NOW)].sort().reverse();
    const kept = (name: string): boolean => keep.includes(new Date(name).toISOString());

    expect(backups.slice(0, 5).every((b) => keep.includes(b.name))).toBe(true);
    // One a day for the week: the newest backup of each of those days (18 h, the last of the day).
    for (let day = 0; day < 7; day += 1) expect(kept(new Date(NOW.getTime() - day * 24 * HOUR).toISOString())).toBe(true);
    expect(kept('2026-11-16T12:00:00')).toBe(false);
    // One a week for five weeks: Sunday 18 h closes each ISO week (Monday to Sunday).
    for (const sunday of ['2026-11-22T18:00:00', '2026-11-15T18:00:00', '2026-11-08T18:00:00', '2026-11-01T18:00:00']) expect(kept(sunday)).toBe(true);
    expect(keep.every((name) => NOW.getTime() - new Date(name).getTime() < 5 * 7 * 24 * HOUR)).toBe(true);
    // Sixty days of backups come down to a handful.
    expect(keep.length).toBeLessThanOrEqual(5 + 7 + 5);
    expect(keep.length).toBeGreaterThanOrEqual(12);
  });

  it('keeps everything while there are fewer than the last five', () => {
    const backups = [0, 1, 2].map((i) => ({ name: `b${i}`, at: new Date(NOW.getTime() - i * 400 * 24 * HOUR) }));
    expect(backupsToKeep(backups, NOW)).toEqual(new Set(['b0', 'b1', 'b2']));
  });
});
