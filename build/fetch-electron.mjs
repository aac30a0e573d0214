// Our postinstall: Electron 45 no longer downloads its binary at install time, so we ask for it
// here. Offline (only the npm registry reachable) the download fails: we say so in one line and
// succeed, because `npm start` then serves the same app in browser mode.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const TIME_LIMIT_MS = 120_000;

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

const dir = electronDir();
if (dir === null || process.env.PLANIF_SKIP_ELECTRON_DOWNLOAD === '1') process.exit(0);
if (existsSync(join(dir, 'path.txt'))) process.exit(0);

const child = spawn(process.execPath, [join(dir, 'install.js')], { stdio: ['ignore', 'ignore', 'pipe'] });
let stderr = '';
child.stderr.on('data', (chunk) => { stderr += chunk; });
const timer = setTimeout(() => child.kill('SIGKILL'), TIME_LIMIT_MS);
child.on('exit', (code) => {
  clearTimeout(timer);
  if (code === 0) {
    console.log('planif-aesh: Electron binary installed.');
  } else {
    const reason = stderr.split('\n').find((line) => /error/i.test(line))?.trim() ?? `exit ${code}`;
    console.log(`planif-aesh: Electron binary not downloaded (${reason.slice(0, 120)}); \`npm start\` will use browser mode.`);
  }
  process.exit(0);
});
