import { Page } from 'playwright-core';
import { baseUrlOf } from './support/base-url';
import { TestBrowser } from './support/browser';
import { KEYS, TestStack } from './support/test-stack';

describe('operations console and queue dashboard in headless Chromium (e2e)', () => {
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;
  let vmId: string;
  let operationId: string;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([TestStack.start(), TestBrowser.launch()]);
    page = await browser.page();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('signs in, creates a datastore and a VM, powers it on, previews and starts a hot-add of two vCPUs, and watches it succeed with its segments drawn per partition', async () => {
    await browser.signIn(page, baseUrlOf(stack), KEYS.admin, '/console');
    await page.getByTestId('host-card').filter({ hasText: 'host-1' }).waitFor();
    await page.locator('[data-testid=stream-status]', { hasText: 'live' }).waitFor();
    const datastoreForm = page.getByTestId('create-datastore-form');
    await datastoreForm.locator('input[name=name]').fill('ds1');
    await datastoreForm.getByRole('button', { name: 'Create datastore' }).click();
    const vmForm = page.getByTestId('create-vm-form');
    await vmForm.locator('select[name=datastoreId] option[value="ds-ds1"]').waitFor({ state: 'attached' });
    await vmForm.locator('input[name=name]').fill('web-1');
    await browser.screenshot(page, 'console-overview');
    await vmForm.getByRole('button', { name: 'Create VM' }).click();
    await page.getByTestId('vm-title').filter({ hasText: 'web-1' }).waitFor();
    vmId = decodeURIComponent(page.url().split('#/vms/')[1]);
    await page.getByTestId('power-button').filter({ hasText: 'Power on' }).click();
    await expectText(page.getByTestId('power-state'), 'poweredOn');

    const form = page.getByTestId('hot-add-form');
    await form.locator('input[name=vcpus]').fill('6');
    await form.getByRole('button', { name: 'Preview (dry run)' }).click();
    await expectText(page.getByTestId('disruption'), 'fsr');
    expect(await page.getByTestId('predicted-stun').textContent()).toMatch(/ms$/);
    expect((await stack.http('viewer').get(`/vms/${vmId}`)).body.vcpus).toBe(4);

    await form.getByRole('button', { name: 'Start hot add' }).click();
    await page.getByTestId('operation-state').waitFor();
    operationId = decodeURIComponent(page.url().split('#/operations/')[1]);
    await expectText(page.getByTestId('operation-state'), 'succeeded');
    const segments = page.locator('[data-testid=segment-timeline] rect.segment');
    await expect4Segments(segments);
    const partitions = await segments.evaluateAll((rects) => rects.map((rect) => rect.getAttribute('data-partition')));
    expect(partitions.sort()).toEqual(['0', '1', '2', '3']);
    await page.locator('[data-testid=segment-timeline] .marker.measured').waitFor();
    await page.locator('[data-testid=segment-timeline] .marker.sla').waitFor();
    expect(await page.locator('[data-testid=phases] [data-state=done]').count()).toBe(6);
    await browser.screenshot(page, 'console-hot-add-succeeded');
    expect(browser.pageErrors).toEqual([]);

    const operation = (await stack.http('viewer').get(`/operations/${operationId}`)).body;
    expect(operation).toMatchObject({ state: 'succeeded', vmId, target: expect.objectContaining({ vcpus: 6 }) });
    expect(await page.getByTestId('measured-stun').textContent()).toMatch(/ms$/);
  }, 60_000);

  it('previews and starts a relocation to another datastore from the VM page', async () => {
    await stack.http().post('/datastores', { name: 'ds2', capacityGiB: 10 }).expect(201);
    await page.goto(`${baseUrlOf(stack)}/console#/vms/${vmId}`);
    const form = page.getByTestId('relocate-form');
    await form.locator('select[name=datastoreId] option[value="ds-ds2"]').waitFor({ state: 'attached' });
    await form.getByRole('button', { name: 'Preview (dry run)' }).click();
    await expectText(form.getByTestId('disruption'), 'fsr');
    await form.getByRole('button', { name: 'Start relocation' }).click();
    await page.getByTestId('operation-state').waitFor();
    await expectText(page.getByTestId('operation-state'), 'succeeded');
    await page.locator('[data-testid=phases] [data-phase=disk-copy][data-state=done]').waitFor();
    await browser.screenshot(page, 'console-relocation-succeeded');
    await page.getByRole('link', { name: '← VM' }).click();
    await page.getByTestId('vm-history').locator('li', { hasText: 'vm.reconfigured' }).first().waitFor();
    await browser.screenshot(page, 'console-vm-history');
    expect((await stack.http('viewer').get(`/vms/${vmId}`)).body.datastoreId).toBe('ds-ds2');
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it('opens the queue dashboard, where the VM\'s segment jobs are listed on their partitions', async () => {
    expect(operationId).toBeDefined();
    await page.goto(`${baseUrlOf(stack)}/admin/queues`);
    await page.getByText('host-1 PFrame partition p00').first().waitFor();
    await page.goto(`${baseUrlOf(stack)}/admin/queues/queue/host.host-1.pframes.p02?status=completed`);
    await page.getByText(`vm ${vmId} · segment 2`).first().waitFor();
    await browser.screenshot(page, 'queue-dashboard-partition');
  }, 30_000);
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).waitFor();
}

async function expect4Segments(segments: ReturnType<Page['locator']>): Promise<void> {
  await segments.nth(3).waitFor();
  expect(await segments.count()).toBe(4);
}
