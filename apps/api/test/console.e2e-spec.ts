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
    const configuration = page.getByTestId('vm-configuration');
    expect(await configuration.getByTestId('cpu-hot-add').textContent()).toBe('enabled');
    expect(await configuration.locator('[data-testid=vm-disks] tbody tr').count()).toBe(1);
    const workload = page.getByTestId('workload-form');
    await workload.locator('input[name=diskWriteMiBps]').fill('8');
    await workload.getByRole('button', { name: 'Set workload' }).click();
    await expectText(page.getByTestId('workload'), '8 MiB/s of disk writes');
    expect((await stack.http('viewer').get(`/vms/${vmId}`)).body.workload).toMatchObject({ diskWriteMiBps: 8 });
    const form = page.getByTestId('relocate-form');
    await form.locator('input[name=maxCopyMiBps]').fill('64');
    await form.locator('select[name=datastoreId] option[value="ds-ds2"]').waitFor({ state: 'attached' });
    await form.getByRole('button', { name: 'Preview (dry run)' }).click();
    await expectText(form.getByTestId('disruption'), 'fsr');
    await form.getByRole('button', { name: 'Start relocation' }).click();
    await page.getByTestId('operation-state').waitFor();
    await expectText(page.getByTestId('operation-state'), 'succeeded');
    await page.locator('[data-testid=phases] [data-phase=disk-copy][data-state=done]').waitFor();
    const card = page.getByTestId('relocation-card');
    expect(await card.getByTestId('copy-rate').textContent()).toMatch(/MiB\/s$/);
    expect(await card.textContent()).toContain('limit 64 MiB/s');
    expect(await card.locator('[data-testid=disk-hashes] tbody tr').count()).toBe(1);
    await browser.screenshot(page, 'console-relocation-succeeded');
    await page.getByRole('link', { name: '← VM' }).click();
    await page.getByTestId('vm-history').locator('li', { hasText: 'vm.reconfigured' }).first().waitFor();
    await browser.screenshot(page, 'console-vm-history');
    expect((await stack.http('viewer').get(`/vms/${vmId}`)).body.datastoreId).toBe('ds-ds2');
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it('starts a VM page afresh when the address moves to another VM: no form value of the previous one is kept', async () => {
    const other = (await stack.http().post('/vms', { name: 'other-vm', hostId: 'host-1', datastoreId: 'ds-ds1', vcpus: 2, memoryMiB: 512, disks: [{ sizeMiB: 1 }] }).expect(201)).body;
    await page.goto(`${baseUrlOf(stack)}/console#/vms/${vmId}`);
    const vcpus = page.getByTestId('hot-add-form').locator('input[name=vcpus]');
    await vcpus.fill('24');
    await page.goto(`${baseUrlOf(stack)}/console#/vms/${other.id}`);
    await page.getByTestId('vm-title').filter({ hasText: 'other-vm' }).waitFor();
    expect(await vcpus.inputValue()).toBe('2');
    await browser.screenshot(page, 'console-vm-after-navigation');
    expect(browser.pageErrors).toEqual([]);
  }, 30_000);

  it('warns on the VM page a create opens and in the hot-add preview that CPU hot add disables vNUMA, with the vCPUs and the cores per NUMA node', async () => {
    // host-1 runs on the agent's defaults: 64 cores in 2 NUMA nodes of 32.
    await page.goto(`${baseUrlOf(stack)}/console#/`);
    await expectText(page.getByTestId('host-card').filter({ hasText: 'host-1' }), '64 cores · 2 NUMA nodes of 32');
    await page.getByText('New VM or datastore').click();
    const vmForm = page.getByTestId('create-vm-form');
    await vmForm.locator('select[name=datastoreId] option[value="ds-ds1"]').waitFor({ state: 'attached' });
    await vmForm.locator('input[name=name]').fill('wide-vm');
    await vmForm.locator('input[name=vcpus]').fill('40');
    await vmForm.getByRole('button', { name: 'Create VM' }).click();
    await page.getByTestId('vm-title').filter({ hasText: 'wide-vm' }).waitFor();
    const warning = page.getByTestId('vm-warnings').locator('[data-code=VNUMA_DISABLED_BY_CPU_HOT_ADD]');
    await warning.waitFor();
    expect(await warning.textContent()).toContain("CPU hot add disables vNUMA: the VM's 40 vCPUs span more than one NUMA node of host-1 (32 cores per node)");
    await browser.screenshot(page, 'console-vm-vnuma-warning');

    const spec = { hostId: 'host-1', datastoreId: 'ds-ds1', memoryMiB: 512, cpuHotAddEnabled: true, disks: [{ sizeMiB: 1 }] };
    const narrow = (await stack.http().post('/vms', { ...spec, name: 'narrow-vm', vcpus: 16 }).expect(201)).body;
    await page.goto(`${baseUrlOf(stack)}/console#/vms/${narrow.id}`);
    await page.getByTestId('vm-title').filter({ hasText: 'narrow-vm' }).waitFor();
    expect(await page.getByTestId('vm-warnings').count()).toBe(0);
    const form = page.getByTestId('hot-add-form');
    await form.locator('input[name=vcpus]').fill('36');
    await form.getByRole('button', { name: 'Preview (dry run)' }).click();
    await expectText(form.getByTestId('preview-warnings'), "the VM's 36 vCPUs span more than one NUMA node of host-1 (32 cores per node)");
    expect(await page.getByTestId('disruption').textContent()).toBe('config-only');
    expect(browser.pageErrors).toEqual([]);
  }, 30_000);

  it('shows an ended relocation as ended, and a cold one as a copy without FSR phases or a stun timeline', async () => {
    const cold = (await stack.http().post('/vms', { name: 'cold-vm', hostId: 'host-1', datastoreId: 'ds-ds1', vcpus: 1, memoryMiB: 256, disks: [{ sizeMiB: 4 }] }).expect(201)).body;
    const coldOperation = (await stack.http().post(`/vms/${cold.id}/relocate`, { datastoreId: 'ds-ds2' }).expect(202)).body.operationId;
    expect((await stack.waitForOperation(coldOperation)).state).toBe('succeeded');
    await page.goto(`${baseUrlOf(stack)}/console#/operations/${coldOperation}`);
    await expectText(page.getByTestId('operation-state'), 'succeeded');
    expect(await page.locator('[data-testid=phases] [data-phase]').evaluateAll((items) => items.map((item) => item.getAttribute('data-phase')))).toEqual(['disk-copy']);
    expect(await page.locator('[data-testid=segment-timeline]').count()).toBe(0);
    expect(await page.getByTestId('operation-summary').textContent()).toMatch(/succeeded · cold copy · host host-1/);
    expect(await page.getByTestId('progress').getAttribute('class')).toContain('progress-succeeded');
    await browser.screenshot(page, 'console-cold-relocation');

    await page.goto(`${baseUrlOf(stack)}/console#/`);
    const chart = page.getByTestId('operations-chart');
    await chart.waitFor();
    expect(await chart.textContent()).not.toContain(coldOperation.slice(0, 8));
    expect(await chart.textContent()).toMatch(/\(log\) · SLA 1000 ms, off the scale/);
    await browser.screenshot(page, 'console-overview-chart');
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it('draws a relocation\'s copy rate over time against its limit, and each host\'s memory split by VM', async () => {
    const spec = { name: 'rate-vm', hostId: 'host-1', datastoreId: 'ds-ds1', vcpus: 1, memoryMiB: 256, disks: [{ sizeMiB: 24 }] };
    const vm = (await stack.http().post('/vms', spec).expect(201)).body;
    await stack.http().post(`/vms/${vm.id}/power`, { action: 'on' }).expect(200);
    const relocation = (await stack.http().post(`/vms/${vm.id}/relocate`, { datastoreId: 'ds-ds2', maxCopyMiBps: 8 }).expect(202)).body.operationId;
    expect((await stack.waitForOperation(relocation)).state).toBe('succeeded');

    await page.goto(`${baseUrlOf(stack)}/console#/operations/${relocation}`);
    const chart = page.getByTestId('copy-rate-chart');
    await chart.waitFor();
    expect(Number(await chart.locator('polyline.rate').getAttribute('data-points'))).toBeGreaterThanOrEqual(2);
    expect(await chart.textContent()).toContain('limit 8 MiB/s');
    expect(await chart.textContent()).toMatch(/average \d+\.\d MiB\/s/);
    await browser.screenshot(page, 'console-copy-rate');

    await page.goto(`${baseUrlOf(stack)}/console#/`);
    const memory = page.getByTestId('host-memory-chart');
    await memory.waitFor();
    const row = memory.locator('[data-testid=host-memory-row][data-host=host-1]');
    expect(await row.locator(`rect[data-vm="${vm.id}"] title`).textContent()).toBe('rate-vm: 256 MiB');
    expect(await row.locator('rect.mem.free').count()).toBe(1);
    await browser.screenshot(page, 'console-host-memory');
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

  it('lists every VM on the overview, past the API\'s default page of 50', async () => {
    const { body: existing } = await stack.http('viewer').get('/vms?limit=500').expect(200);
    for (let index = existing.length; index < 52; index++) {
      const spec = { name: `many-${index}`, hostId: 'host-1', datastoreId: 'ds-ds1', vcpus: 1, memoryMiB: 256, disks: [{ sizeMiB: 1 }] };
      await stack.http().post('/vms', spec).expect(201);
    }
    const errorsBefore = browser.pageErrors.length;
    await page.goto(`${baseUrlOf(stack)}/console#/`);
    await page.locator('[data-testid=vm-link][data-vm-name=many-51]').waitFor();
    expect(await page.getByTestId('vm-link').count()).toBe(52);
    expect(browser.pageErrors.slice(errorsBefore)).toEqual([]);
  }, 60_000);
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).waitFor();
}

async function expect4Segments(segments: ReturnType<Page['locator']>): Promise<void> {
  await segments.nth(3).waitFor();
  expect(await segments.count()).toBe(4);
}
