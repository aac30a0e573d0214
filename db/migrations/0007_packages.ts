import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// Packages between coordinators (electron/exchange/package.ts). Each record gets a stable id, given
// once here, that names it in the packages it makes; and for each pôle and each record it received
// a package of that pôle from, the record keeps what its rows were right after that import (row
// keys and content hashes, JSON), so that a row changed here since is told from one that was not.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('record_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into record_meta (key, value) values ('record_id', ${randomUUID()})`.execute(db);
  await db.schema
    .createTable('package_baselines')
    .addColumn('pole_code', 'text', (c) => c.notNull())
    .addColumn('source_record', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('made_at', 'text', (c) => c.notNull())
    .addColumn('hashes_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('package_baselines_pk', ['pole_code', 'source_record'])
    .execute();
}
