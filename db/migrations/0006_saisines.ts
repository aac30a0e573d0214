import { sql, type Kysely } from 'kysely';

// The PAS's register of saisines (issue 15): each saisine, the dated steps of the seven-step
// protocol, the actions of its plan, and the list of natures the user extends. Columns follow the
// workbook's `Saisines`, `Étapes` and `Actions` sheets; the status is not stored, it follows from
// the steps and the closure (shared/domain/saisines.ts). Only what the protocol needs is kept, and
// the texts that name a person are wiped once a closed saisine outlives the retention period.
const NATURES = [
  'Difficultés d’apprentissage',
  'Troubles du comportement',
  'Troubles du neuro-développement (TND)',
  'Difficultés relationnelles et de socialisation',
  'Refus scolaire anxieux, absentéisme',
  'Besoin d’aménagements matériels',
  'Situation de handicap sans notification',
  'Autre',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('saisine_natures')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull().unique())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  for (const label of NATURES) await sql`insert into saisine_natures (label) values (${label})`.execute(db);

  await db.schema
    .createTable('saisines')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('pole_id', 'integer', (c) => c.notNull().references('poles.id').onDelete('restrict'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.check(sql`channel in ('courriel','telephone','courrier','rendez_vous','autre')`))
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('famille','equipe','autre')`))
    .addColumn('requester', 'text')
    .addColumn('requester_contact', 'text')
    .addColumn('pupil_id', 'integer', (c) => c.references('pupils.id').onDelete('set null'))
    // The school stays when the pupil is anonymised: it is one of the figures of the activity report.
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('restrict'))
    .addColumn('plans', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('mdph_status', 'text', (c) => c.notNull().defaultTo('aucun').check(sql`mdph_status in ('aucun','en_cours','notifie')`))
    .addColumn('lpi_consulted_on', 'text')
    .addColumn('nature_id', 'integer', (c) => c.notNull().references('saisine_natures.id').onDelete('restrict'))
    .addColumn('description', 'text')
    .addColumn('coordinator', 'text')
    .addColumn('educator', 'text')
    .addColumn('goals', 'text')
    .addColumn('bilan_actions', 'text')
    .addColumn('bilan_effects', 'text')
    .addColumn('bilan_next', 'text', (c) => c.check(sql`bilan_next in ('poursuivre','clore','orienter_mdph')`))
    .addColumn('bilan_sent_on', 'text')
    .addColumn('closure', 'text', (c) => c.check(sql`closure in ('cloturee','reorientee','sans_suite')`))
    .addColumn('reoriented_to', 'text', (c) => c.check(sql`reoriented_to in ('mdph','enseignant_referent','medico_social')`))
    .addColumn('closed_on', 'text')
    .addColumn('anonymised_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('saisines_number', ['pole_id', 'number'])
    .addCheckConstraint('saisines_closure', sql`(closure is null) = (closed_on is null) and (reoriented_to is null or closure = 'reorientee')`)
    .execute();
  await db.schema.createIndex('saisines_pupil').on('saisines').column('pupil_id').execute();

  await db.schema
    .createTable('saisine_steps')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('saisine_id', 'integer', (c) => c.notNull().references('saisines.id').onDelete('cascade'))
    .addColumn('step', 'integer', (c) => c.notNull().check(sql`step between 1 and 7`))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('valide','a_revoir')`))
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('saisine_steps_natural_key', ['saisine_id', 'step', 'date'])
    .addCheckConstraint('saisine_steps_decision', sql`decision is null or step = 5`)
    .execute();

  await db.schema
    .createTable('saisine_actions')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('saisine_id', 'integer', (c) => c.notNull().references('saisines.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('conseil','amenagement','mpa','intervention','orientation')`))
    .addColumn('description', 'text')
    .addColumn('owner', 'text')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('frequency', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('saisine_actions_dates', sql`end_date is null or start_date is null or end_date >= start_date`)
    .execute();
  await db.schema.createIndex('saisine_actions_saisine').on('saisine_actions').column('saisine_id').execute();
}
