import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

const MINIMUM_NODE = [22, 14] as const;

/**
 * better-sqlite3 13 crashes the whole process when loaded by a Node older than 22.14, with no
 * word of why. So the version is checked first, and the driver is loaded only after.
 */
export function loadSqliteDriver(versions: NodeJS.ProcessVersions = process.versions): typeof BetterSqlite3 {
  const [major = 0, minor = 0] = versions.node.split('.').map(Number);
  const tooOld = major < MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor < MINIMUM_NODE[1]);
  if (tooOld && versions.electron === undefined) {
    throw new Error(
      `Planif AESH needs Node ${MINIMUM_NODE.join('.')} or later (this is Node ${versions.node}). ` +
        'Run it through npm (npm start, npm run cli), which uses the Node 22 installed with the project.',
    );
  }
  return createRequire(import.meta.url)('better-sqlite3-multiple-ciphers') as typeof BetterSqlite3;
}
