// `npm start`: the Electron window when its binary is installed, otherwise browser mode.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RENDERER_DIR, runBrowserMode } from './browser/main.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The installed Electron binary, or null. Not `require('electron')`: since Electron 45 that starts
 * a download when the binary is missing, which here would fail slowly and noisily at every start.
 */
function electronBinary(): string | null {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }, 0);
}

/** Builds the renderer (and the Electron bundles) when missing or older than their sources. */
async function ensureBuilt(): Promise<void> {
  const index = join(RENDERER_DIR, 'index.html');
  const sources = Math.max(newestSource(join(root, 'renderer')), newestSource(join(root, 'shared')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.log('Construction de l’interface…');
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn' });
  for (const mode of ['main', 'preload']) await build({ root, configFile: join(root, 'vite.electron.config.ts'), mode, logLevel: 'warn' });
}

await ensureBuilt();
const electron = electronBinary();
if (electron !== null) {
  spawn(electron, [root], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron n’est pas installé sur cette machine : Planif AESH démarre en mode navigateur.');
  await runBrowserMode(process.argv.slice(2));
}
