import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

export const SCREENSHOT_DIR = resolve(__dirname, '../../../../test-output');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's headless Chromium with a fresh profile, driven by playwright-core. */
export class TestBrowser {
  /** Uncaught errors of the pages opened, so a test can assert the page ran cleanly. */
  readonly pageErrors: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    private readonly profileDir: string,
  ) {}

  static async launch(): Promise<TestBrowser> {
    const profileDir = await mkdtemp(join(tmpdir(), 'fsr-chromium-'));
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 1000 },
    });
    return new TestBrowser(context, profileDir);
  }

  async page(): Promise<Page> {
    const page = await this.context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
    page.on('console', (message) => {
      // Chromium asks for /favicon.ico on its own (e.g. on the login form).
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) this.pageErrors.push(`${message.text()} (${message.location().url})`);
    });
    return page;
  }

  /** Signs in through the login form and lands on `next`. */
  async signIn(page: Page, baseUrl: string, key: string, next: string): Promise<void> {
    await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
    await page.fill('#key', key);
    await Promise.all([page.waitForURL(`${baseUrl}${next}**`), page.click('button[type=submit]')]);
  }

  async screenshot(page: Page, name: string): Promise<string> {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await rm(this.profileDir, { recursive: true, force: true });
  }
}
