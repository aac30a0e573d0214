import { sql, type Kysely } from 'kysely';

// Written against the raw snake_case names: migrations run without the CamelCasePlugin, so what
// is written here is exactly what SQLite stores. CHECK constraints repeat the closed lists of
// shared/domain/enums.ts so that no tool writing to the file can store a value the app cannot read.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('poles')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('PIAL_1D','PIAL_2D','PIAL_INTER','PAS')`))
    .addColumn('coordinator', 'text')
    .addColumn('pilot', 'text')
    .execute();

  await db.schema
    .createTable('schools')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('uai', 'text', (c) => c.notNull().unique().check(sql`uai glob '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][A-Z]'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('maternelle','elementaire','primaire','college','lycee','lycee_pro','erea','autre')`))
    .addColumn('sector', 'text', (c) => c.notNull().check(sql`sector in ('public','prive')`))
    .addColumn('commune', 'text')
    .addColumn('pole_id', 'integer', (c) => c.references('poles.id').onDelete('set null'))
    .addColumn('week', 'text', (c) => c.notNull().check(sql`week in ('4j','4.5j','custom')`))
    .addColumn('grid_json', 'text', (c) => c.notNull())
    .addColumn('latitude', 'real')
    .addColumn('longitude', 'real')
    .execute();
  await db.schema.createIndex('schools_pole').on('schools').column('pole_id').execute();

  await db.schema
    .createTable('pupils')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('identifier', 'text', (c) => c.notNull().unique())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('restrict'))
    .addColumn('level', 'text')
    .addColumn('class_name', 'text')
    .addColumn('ulis', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('pupils_school').on('pupils').column('school_id').execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('pupil_id', 'integer', (c) => c.notNull().references('pupils.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('individual','shared')`))
    .addColumn('weekly_minutes', 'integer')
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('lunch_break', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('activities', 'text')
    .addUniqueConstraint('notifications_natural_key', ['pupil_id', 'kind', 'start_date'])
    .addCheckConstraint('notifications_dates', sql`end_date >= start_date`)
    .addCheckConstraint('notifications_hours', sql`(kind = 'individual') = (weekly_minutes is not null)`)
    .execute();

  await db.schema
    .createTable('aesh')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('matricule', 'text', (c) => c.notNull().unique())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('home_commune', 'text')
    .addColumn('pole_id', 'integer', (c) => c.references('poles.id').onDelete('set null'))
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('referent', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('aesh_pole').on('aesh').column('pole_id').execute();

  await db.schema
    .createTable('contracts')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('aesh_id', 'integer', (c) => c.notNull().references('aesh.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('CDD','CDI')`))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('weekly_minutes', 'integer', (c) => c.notNull().check(sql`weekly_minutes > 0`))
    .addCheckConstraint('contracts_end', sql`(kind = 'CDD') = (end_date is not null) and (end_date is null or end_date >= start_date)`)
    .execute();
  await db.schema.createIndex('contracts_aesh').on('contracts').column('aesh_id').execute();

  await db.schema
    .createTable('absences')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('aesh_id', 'integer', (c) => c.notNull().references('aesh.id').onDelete('cascade'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addUniqueConstraint('absences_natural_key', ['aesh_id', 'start_date'])
    .addCheckConstraint('absences_dates', sql`end_date >= start_date`)
    .execute();

  await db.schema
    .createTable('slots')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('aesh_id', 'integer', (c) => c.notNull().references('aesh.id').onDelete('cascade'))
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('restrict'))
    .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 1 and 6`))
    .addColumn('start_minute', 'integer', (c) => c.notNull())
    .addColumn('end_minute', 'integer', (c) => c.notNull())
    .addColumn('nature', 'text', (c) => c.notNull().check(sql`nature in ('accompaniment','ulis','lunch')`))
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addCheckConstraint('slots_times', sql`0 <= start_minute and start_minute < end_minute and end_minute <= 1440`)
    .execute();
  await db.schema.createIndex('slots_aesh').on('slots').column('aesh_id').execute();
  await db.schema.createIndex('slots_school').on('slots').column('school_id').execute();

  await db.schema
    .createTable('slot_pupils')
    .addColumn('slot_id', 'integer', (c) => c.notNull().references('slots.id').onDelete('cascade'))
    .addColumn('pupil_id', 'integer', (c) => c.notNull().references('pupils.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('slot_pupils_pk', ['slot_id', 'pupil_id'])
    .execute();
  await db.schema.createIndex('slot_pupils_pupil').on('slot_pupils').column('pupil_id').execute();

  await db.schema
    .createTable('journal')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('create','update','delete','bulk')`))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .execute();
}
