#!/usr/bin/env node
// Runs before `npm test`, beside ensure-chromium.js: tests drive real programs from Debian. The vSphere API e2e
// tests run real, unmodified clients, Debian's ansible (its vmware.vmware_rest collection needs python3-aiohttp)
// and python3-libcloud, all under /usr/bin/python3; the replica e2e test puts a real HAProxy in front of two
// control planes. On a fresh machine of this kind they are not installed yet; as root with apt-get they are here.
const { existsSync } = require('node:fs');
const { execFileSync } = require('node:child_process');

const DIST = '/usr/lib/python3/dist-packages';
const PACKAGES = {
  ansible: `${DIST}/ansible_collections/vmware/vmware_rest`,
  'python3-aiohttp': `${DIST}/aiohttp`,
  'python3-libcloud': `${DIST}/libcloud/compute/drivers/vsphere.py`,
  haproxy: '/usr/sbin/haproxy',
};

const missing = Object.entries(PACKAGES).filter(([, path]) => !existsSync(path)).map(([name]) => name);
if (missing.length === 0) process.exit(0);

const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canInstall) {
  console.error(`The tests need Debian's ${missing.join(', ')}: apt-get install ${missing.join(' ')}`);
  process.exit(1);
}
console.log(`Installing Debian's ${missing.join(', ')} for the tests (real Ansible, libcloud and HAProxy)`);
const apt = (...args) => execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
try {
  apt('install', '-y', ...missing);
} catch {
  apt('update');
  apt('install', '-y', ...missing);
}
