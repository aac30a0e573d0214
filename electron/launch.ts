// `npm start`: the Electron window when its binary is installed, otherwise browser mode.
//   npm start [-- --browser] [--db PATH] [--port N] [--passphrase-file FILE]
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

/** True when `output` is missing or older than a file under one of `sourceDirs`. */
function stale(output: string, sourceDirs: string[]): boolean {
  return !existsSync(output) || statSync(output).mtimeMs < Math.max(...sourceDirs.map((dir) => newestSource(join(root, dir))));
}

/**
 * Builds what this start will run when it is missing or older than its sources: the renderer
 * always, the Electron bundles only for the window. Each build reads its own config file, as
 * `npm run build` does; vite.config.ts sets the renderer's root (relative to the working directory,
 * which npm sets to the repository), which an explicit `root` here would override: Vite then looks
 * for index.html at the repository root and fails.
 */
async function ensureBuilt(withElectron: boolean): Promise<void> {
  const buildRenderer = stale(join(RENDERER_DIR, 'index.html'), ['renderer', 'shared']);
  const buildElectron = withElectron && stale(join(root, 'dist-electron', 'main.cjs'), ['electron', 'shared', 'db']);
  if (!buildRenderer && !buildElectron) return;
  console.log('Construction de l’interface…');
  const { build } = await import('vite');
  if (buildRenderer) await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  if (buildElectron) {
    for (const mode of ['main', 'preload']) await build({ root, configFile: join(root, 'vite.electron.config.ts'), mode, logLevel: 'warn' });
  }
}

const args = process.argv.slice(2);
// `--browser` asks for browser mode even where Electron is installed.
const browserAsked = args.includes('--browser');
const electron = browserAsked ? null : electronBinary();
await ensureBuilt(electron !== null);
if (electron !== null) {
  spawn(electron, [root], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!browserAsked) console.log('Electron n’est pas installé sur cette machine : Planif AESH démarre en mode navigateur.');
  await runBrowserMode(args.filter((arg) => arg !== '--browser'));
}
