import { nationalHolidays } from '../../shared/activity/calendar.ts';
import type { Settings } from '../../shared/domain/settings.ts';
import { settingsSchema } from '../../shared/api/inputs.ts';
import type { z } from 'zod';
import type { StaleSetting } from '../../shared/api/entities.ts';
import { write, type ServiceContext } from './context.ts';
import { journal } from './journal.ts';
import { countOf } from '../../shared/domain/french.ts';

const KEY = 'general';

/** The school year running on `today` (from September), and the field's usual defaults. */
export function defaultSettings(today: Date): Settings {
  const year = today.getMonth() >= 7 ? today.getFullYear() : today.getFullYear() - 1;
  return {
    schoolYearStart: `${year}-09-01`,
    schoolYearEnd: `${year + 1}-07-04`,
    annualReferenceHours: 1607,
    serviceWeeks: 41,
    expiringNoticeDays: 60,
    roadFactor: 1.3,
    travelSpeedKmh: 40,
    sameCommuneTravelMinutes: 10,
    // An AESH-m usually shares 9 to 12 h a week among three or four pupils.
    sharedHoursPerPupil: 3,
    // One collective AESH for the unit's school week.
    ulisHoursPerUnit: 24,
    recruitmentContractHours: 24,
    importMaxMegabytes: 50,
    coverageTargets: [{ label: 'Rentrée', percent: 90 }, { label: 'Toussaint', percent: 95 }, { label: 'Noël', percent: 100 }],
    // Three weeks between two steps of the protocol; a closed saisine is kept two school years.
    saisineStepDelayDays: 21,
    saisineRetentionMonths: 24,
    // The demo's Vaucluse is in the académie d'Aix-Marseille, zone B; the user edits the periods
    // in Paramètres (the 2026-27 ones are marked "à vérifier" there until confirmed).
    holidayZone: 'B',
    schoolHolidays: nationalHolidays('B'),
  };
}

type SettingKey = keyof Settings;
/** The one rule across fields: the school year's dates stand or fall together. */
const SCHOOL_YEAR: readonly SettingKey[] = ['schoolYearStart', 'schoolYearEnd'];

interface StoredSettings {
  /** What the services read: each stored value that passes the schema, its default otherwise. */
  settings: Settings;
  /** The stored JSON as it is. */
  stored: Record<string, unknown>;
  /** Stored values that no longer pass the schema (a rule tightened since, a file edited by hand),
   * read as their default, with the rule's message. */
  stale: Map<SettingKey, string>;
}

async function readSettings(ctx: Pick<ServiceContext, 'db' | 'now'>): Promise<StoredSettings> {
  const row = await ctx.db.selectFrom('settings').select('valueJson').where('key', '=', KEY).executeTakeFirst();
  const defaults = defaultSettings(ctx.now());
  const stored = row === undefined ? {} : (JSON.parse(row.valueJson) as Record<string, unknown>);
  // Field by field, so that one value that no longer passes does not take the others with it. A
  // field missing from the stored JSON (added by a later version) takes its default.
  const merged: Record<string, unknown> = { ...defaults };
  const stale = new Map<SettingKey, string>();
  const refuse = (key: SettingKey, error: z.ZodError): void => {
    merged[key] = defaults[key];
    if (Object.hasOwn(stored, key) && !stale.has(key)) stale.set(key, error.issues[0]!.message);
  };
  for (const key of Object.keys(defaults) as SettingKey[]) {
    if (!Object.hasOwn(stored, key)) continue;
    const parsed = settingsSchema.shape[key].safeParse(stored[key]);
    if (parsed.success) merged[key] = parsed.data;
    else refuse(key, parsed.error);
  }
  const whole = settingsSchema.safeParse(merged);
  if (!whole.success) for (const key of SCHOOL_YEAR) refuse(key, whole.error);
  return { settings: settingsSchema.parse(merged), stored, stale };
}

export async function getSettings(ctx: Pick<ServiceContext, 'db' | 'now'>): Promise<Settings> {
  return (await readSettings(ctx)).settings;
}

/**
 * Each stored value that no longer passes the schema, with why, in French: the Paramètres screen
 * shows it on its field, so that a value read as its default is never replaced silently.
 */
export async function staleSettings(ctx: Pick<ServiceContext, 'db' | 'now'>): Promise<StaleSetting[]> {
  const { settings, stored, stale } = await readSettings(ctx);
  // A holiday table is too long to quote: its number of periods says which one applies.
  const shown = (value: unknown): string => (typeof value === 'string' ? value
    : Array.isArray(value) && value.length > 0 && typeof value[0] === 'object' && value[0] !== null && 'start' in value[0]
      ? countOf(value.length, 'période de vacances', 'périodes de vacances') : JSON.stringify(value));
  return [...stale].map(([field, reason]) => ({
    field,
    message: `Valeur enregistrée « ${shown(stored[field])} » refusée (${reason}) : la valeur par défaut « ${shown(settings[field])} » s’applique. `
      + 'Elle reste enregistrée tant que vous ne saisissez pas une autre valeur.',
  }));
}

/**
 * Stores the settings, already checked by the method's schema. A stored value that no longer
 * passes the schema was read as its default: unless this write changes that field, the stored value
 * is kept as it was rather than replaced by a default the user never chose. Keys this version does
 * not know (written by a later one) are kept too. The journal's "before" shows the stored values.
 */
export async function updateSettings(ctx: ServiceContext, settings: Settings): Promise<Settings> {
  const { settings: read, stored, stale } = await readSettings(ctx);
  const kept: Record<string, unknown> = { ...stored, ...settings };
  for (const key of stale.keys()) if (JSON.stringify(settings[key]) === JSON.stringify(read[key])) kept[key] = stored[key];
  await write(ctx, async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: KEY, valueJson: JSON.stringify(kept) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ valueJson: JSON.stringify(kept) }))
      .execute();
    await journal(trx, ctx, 'update', 'settings', null, { ...read, ...stored }, kept);
  });
  return settings;
}
