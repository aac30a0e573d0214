// Prepared statements kept per connection: the row helpers and the journal run the same few
// statements tens of thousands of times in an import, and SQLite parses each only once.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

const cache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

export function prepared(sqlite: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let statements = cache.get(sqlite);
  if (statements === undefined) {
    statements = new Map();
    cache.set(sqlite, statements);
  }
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = sqlite.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
