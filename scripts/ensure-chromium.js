#!/usr/bin/env node
// Runs before `npm test`: the console e2e tests drive Debian's Chromium (playwright-core, no bundled browser).
// On a fresh machine of this kind it is not installed yet; as root with apt-get it is installed here.
const { existsSync } = require('node:fs');
const { execFileSync } = require('node:child_process');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);

const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canInstall) {
  console.error(`The browser tests need Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}
console.log(`Chromium is missing at ${CHROMIUM}: installing Debian's chromium for the browser tests`);
const apt = (...args) => execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
try {
  apt('install', '-y', 'chromium');
} catch {
  apt('update');
  apt('install', '-y', 'chromium');
}
