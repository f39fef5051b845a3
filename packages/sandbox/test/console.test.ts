import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '@blazwa/test-support/chromium';
import { screenshotsDir } from '@blazwa/test-support/screenshots';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jakartaTimestamp } from '../src/time.js';
import { api, useSandbox } from './support/sandbox.js';
import { startReceiver } from './support/receiver.js';

const SCREENSHOTS = screenshotsDir('sandbox');

describe('the console page in headless Chromium', () => {
  const ctx = useSandbox();
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    // A browser far from Jakarta: the page's times must not follow the browser's time zone.
    page = await browser.newPage({ viewport: { width: 1100, height: 900 }, timezoneId: 'America/Sao_Paulo' });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`requestfailed: ${request.url()}`));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('loads without console errors, showing the unpaired device and its QR', async () => {
    await page.goto(`${ctx.sandbox.url}/`);
    await expect.poll(() => page.textContent('#device-status')).toBe('qr');
    await expect.poll(() => page.$eval('#qr', (image) => (image as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100);
    expect(await page.textContent('#groups')).toBe('Staff, Pelanggan');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-unpaired.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('pairs from the page: the device turns connected', async () => {
    await page.click('#pair');
    await expect.poll(() => page.textContent('#device-status')).toBe('connected');
    expect(ctx.sandbox.state.paired).toBe(true);
    expect((await api(ctx.sandbox, 'POST', '/openapi/wa/status')).json.status).toBe('connected');
    expect(await page.isVisible('#qr')).toBe(false);
  });

  it('shows a message sent through the API in the outbox, live', async () => {
    const sent = await api(ctx.sandbox, 'POST', '/openapi/wa/message', { form: { phoneNumber: '0812-3456-7890', message: 'Halo dari API' } });
    expect(sent.status).toBe(200);
    await expect.poll(() => page.textContent('#outbox')).toContain('Halo dari API');
    expect(await page.textContent('#outbox')).toContain('6281234567890');
    expect(await page.isVisible('#outbox-empty')).toBe(false);
  });

  it('delivers an inbound message to the webhook from the form', async () => {
    const receiver = await startReceiver();
    try {
      await api(ctx.sandbox, 'POST', '/openapi/wa/webhook', { form: { webhook: receiver.url } });
      await page.fill('input[name=from]', '6289876543210');
      await page.fill('textarea[name=message]', 'Pesan dari halaman');
      await page.click('#inbound-form button[type=submit]');
      await expect.poll(() => page.textContent('#inbound-result')).toMatch(/^Delivered: the webhook answered 200/);
      expect(receiver.received.map((item) => JSON.parse(item.body))).toEqual([{ from: '6289876543210', message: 'Pesan dari halaman' }]);
      await expect.poll(() => page.textContent('#deliveries')).toContain('Pesan dari halaman');
      // One time zone on the page, labelled: deliveries in WIB like the outbox.
      const delivery = ctx.sandbox.state.deliveries.at(-1)!;
      expect(await page.textContent('#deliveries tr:first-child td:first-child')).toBe(jakartaTimestamp(delivery.at));
      expect(await page.$$eval('thead th:first-child', (cells) => cells.map((th) => th.textContent))).toEqual(['Time (WIB)', 'Time (WIB)']);
      await api(ctx.sandbox, 'POST', '/openapi/wa/message-group', {
        body: { groupName: 'Staff', message: 'Nota hari ini', imageUrl: 'https://example.com/nota.jpg' },
      });
      await api(ctx.sandbox, 'POST', '/openapi/wa/message', { form: { phoneNumber: '0812-3456-7890', message: 'Terima kasih!' } });
      await expect.poll(() => page.textContent('#outbox')).toContain('Terima kasih!');
      await page.screenshot({ path: join(SCREENSHOTS, 'console.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('says so on the page when no webhook is set', async () => {
    await api(ctx.sandbox, 'GET', '/openapi/wa/webhook/reset');
    await page.click('#inbound-form button[type=submit]');
    await expect.poll(() => page.textContent('#inbound-result')).toMatch(/No webhook is set/);
  });
});
