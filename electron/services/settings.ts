import type { Settings } from '../../shared/api/contract.ts';
import { settingsSchema } from '../../shared/api/inputs.ts';
import { write, type ServiceContext } from './context.ts';
import { journal } from './journal.ts';

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
  };
}

export async function getSettings(ctx: Pick<ServiceContext, 'db' | 'now'>): Promise<Settings> {
  const row = await ctx.db.selectFrom('settings').select('valueJson').where('key', '=', KEY).executeTakeFirst();
  const defaults = defaultSettings(ctx.now());
  if (row === undefined) return defaults;
  // Stored settings may predate a field added later: fill the gaps from the defaults.
  const parsed = settingsSchema.safeParse({ ...defaults, ...(JSON.parse(row.valueJson) as object) });
  return parsed.success ? parsed.data : defaults;
}

export async function updateSettings(ctx: ServiceContext, settings: Settings): Promise<Settings> {
  const before = await getSettings(ctx);
  await write(ctx, async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: KEY, valueJson: JSON.stringify(settings) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ valueJson: JSON.stringify(settings) }))
      .execute();
    await journal(trx, ctx, 'update', 'settings', null, before, settings);
  });
  return settings;
}
