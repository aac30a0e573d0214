import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Planif AESH';
export const DATABASE_FILE = 'planif-aesh.db';

/**
 * Where Electron's app.getPath('userData') points for this app, computed without Electron so that
 * the CLI and the browser mode open the same record as the desktop window.
 */
export function userDataDirectory(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', APP_NAME);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
  }
}

export function defaultDatabasePath(): string {
  return process.env.PLANIF_DB ?? join(userDataDirectory(), DATABASE_FILE);
}
