// Finds the browser for tests and the bench: CHROME_PATH first (a user's own Chrome), then the
// usual system paths. Nothing here downloads a browser.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export function findChrome() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    throw new Error('No Chromium found: install it (apt-get install chromium) or set CHROME_PATH');
  }
  return found;
}

/** Flags for a quiet, offline, headless Chromium; --no-sandbox only where it is needed (root). */
export function chromeArgs() {
  const args = [
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--disable-dev-shm-usage',
  ];
  if (process.getuid?.() === 0 || process.env.CI) args.unshift('--no-sandbox');
  return args;
}
