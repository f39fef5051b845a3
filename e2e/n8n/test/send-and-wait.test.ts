// In a real n8n: Send and Wait for Response sends one WhatsApp message whose answers are labelled links, the
// execution waits, and opening a link answers it once (approve, decline, free text). An expired wait hands on the
// input as n8n's own send-and-wait nodes do, and a link that was altered, or made for another execution, is refused.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { startSandbox, type Sandbox } from '@blazwa/sandbox';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { N8nInstance, progress, RELEASES, signInAsNewOwner, type Release, type Session } from '@blazwa/n8n-harness';
import { packedNodes } from './helpers/packed-nodes.ts';
import {
  APPROVE_ONLY,
  APPROVE_OR_DECLINE,
  ASKERS,
  CUSTOM_FORM,
  askCredentialFile,
  askWorkflowFile,
  EXPIRES,
  FREE_TEXT,
  REPORT_TO_WA,
} from './helpers/send-and-wait-workflows.ts';
import { until as waitUntil, type Probe } from './helpers/until.ts';

interface Summary {
  id: string;
  workflowId: string;
  status: string;
}

const BROWSER = { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36' };

const tarball = packedNodes('ask');

describe.each(RELEASES)('$title', (release: Release) => {
  let sandbox: Sandbox;
  let n8n: N8nInstance;
  let session: Session;

  const until = <T>(what: string, probe: Probe<T>, timeoutMs = 90_000): Promise<T> =>
    waitUntil(what, probe, timeoutMs, () => `n8n said:\n${n8n.log}`);

  async function executions(workflowId: string): Promise<Summary[]> {
    const filter = encodeURIComponent(JSON.stringify({ workflowId }));
    const { results } = await session.request<{ results: Summary[] }>('GET', `/executions?filter=${filter}&limit=100`);
    return results;
  }

  /** Starts one execution with an order, and returns the question it sent and that execution once it waits. */
  async function ask(asker: { id: string; path: string }, order: string) {
    const before = sandbox.state.outbox.length;
    // Right after start n8n may still be registering the active workflows' webhooks: a 404 starts nothing.
    const response = await until(`the webhook ${asker.path}`, async () => {
      const answer = await fetch(`${n8n.url}/webhook/${asker.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ order }),
      });
      return answer.status === 404 ? undefined : answer;
    });
    expect(response.status).toBe(200);
    const question = await until(`the question about ${order}`, () => sandbox.state.outbox.slice(before).find((entry) => entry.body.includes(order)));
    const waiting = await until(`the execution about ${order} to wait`, async () =>
      (await executions(asker.id)).find((summary) => summary.status === 'waiting'),
    );
    return { question, execution: waiting, links: links(question.body) };
  }

  /** The answer links of a question: each `*label:*` line followed by its link, as the phone shows them. */
  function links(body: string): Array<{ label: string; url: string }> {
    return [...body.matchAll(/^\*(.+):\*\n(http\S+)$/gm)].map(([, label, url]) => ({
      label: label!,
      // n8n signs the path and query only; the host is the instance's WEBHOOK_URL.
      url: `${n8n.url}${new URL(url!).pathname}${new URL(url!).search}`,
    }));
  }

  function reports(path: string): string[] {
    return sandbox.state.outbox.filter((entry) => entry.to === REPORT_TO_WA && entry.body.includes(` ${path}: `)).map((entry) => entry.body);
  }

  async function finished(workflowId: string, executionId: string): Promise<Summary> {
    return await until(`execution ${executionId} to finish`, async () =>
      (await executions(workflowId)).find((summary) => summary.id === executionId && !['running', 'new', 'waiting'].includes(summary.status)),
    );
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ paired: true, apiKeys: [`e2e-${randomBytes(12).toString('hex')}`] });
    n8n = await N8nInstance.create(release);
    n8n.installCommunityNode(tarball());
    await n8n.importFixtures({ credentials: askCredentialFile(sandbox.url, sandbox.apiKey), workflows: askWorkflowFile() });
    for (const { id } of ASKERS) await n8n.cliOk(release.activateArgs(id));
    await n8n.start();
    session = await signInAsNewOwner(n8n.url);
  });

  afterAll(async () => {
    await n8n?.dispose();
    await sandbox?.close();
  });

  test('approve only: one message with one labelled link; opening it asks once more, the tap resumes with approved: true', async () => {
    const { question, execution, links: answers } = await ask(APPROVE_ONLY, 'A-1001');
    expect(question).toMatchObject({ kind: 'number', to: '6281234561001' });
    expect(question.body.startsWith('Kirim pesanan A-1001 hari ini?\n\n*Ya, kirim:*\nhttp')).toBe(true);
    expect(question.body).toContain('This message was sent automatically with n8n');
    expect(answers.map((answer) => answer.label)).toEqual(['Ya, kirim']);
    expect(answers[0]!.url).toContain(`/webhook-waiting/${execution.id}/`);
    expect(answers[0]!.url).toContain('signature=');

    // What a link preview or a first tap does: a page with the question, nothing answered yet.
    const page = await fetch(answers[0]!.url, { headers: BROWSER });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Kirim pesanan A-1001 hari ini?');
    expect(html).toContain('<form method="post">');
    await sleep(1000);
    expect((await executions(APPROVE_ONLY.id)).find((summary) => summary.id === execution.id)?.status).toBe('waiting');
    expect(reports(APPROVE_ONLY.path)).toHaveLength(0);

    const tap = await fetch(answers[0]!.url, {
      method: 'POST',
      headers: { ...BROWSER, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(tap.status).toBe(200);
    expect(await tap.text()).toContain('Got it, thanks');
    expect(await finished(APPROVE_ONLY.id, execution.id)).toMatchObject({ status: 'success' });
    await until('the report of the answer', () => (reports(APPROVE_ONLY.path).length > 0 ? true : undefined));

    // A second tap on the same link answers nothing: the execution is over.
    const again = await fetch(answers[0]!.url, { method: 'POST', headers: BROWSER, body: '' });
    await sleep(1000);
    const sent = reports(APPROVE_ONLY.path);
    progress(
      `approve only: ${sandbox.state.outbox.filter((e) => e.body.includes('A-1001')).length} question, ${sent.length} report, second tap ${again.status}`,
    );
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.slice(sent[0]!.indexOf('{')))).toMatchObject({ approved: true, respondedAt: expect.any(String) });
    expect(sandbox.state.outbox.filter((entry) => entry.body.includes('Kirim pesanan A-1001'))).toHaveLength(1);
  });

  test('approve and decline to a group: an altered or foreign link is refused with 401, the decline link resumes with approved: false', async () => {
    const first = await ask(APPROVE_OR_DECLINE, 'R-2001');
    expect(first.question).toMatchObject({ kind: 'group', to: 'Staff' });
    expect(first.question.body).not.toContain('sent automatically');
    expect(first.links.map((answer) => answer.label)).toEqual(['Tolak', 'Setuju']);
    const decline = first.links[0]!;
    const approve = first.links[1]!;
    expect(decline.url).toContain('approved=false');

    // Flip the answer but keep the signature; drop the signature; use another execution's signature here.
    const flipped = decline.url.replace('approved=false', 'approved=true');
    const unsigned = decline.url.replace(/[?&]signature=[^&]+/, '');
    const second = await ask(APPROVE_OR_DECLINE, 'R-2002');
    const secondSignature = new URL(second.links[0]!.url).searchParams.get('signature')!;
    const foreign = new URL(decline.url);
    foreign.searchParams.set('signature', secondSignature);
    const refused: number[] = [];
    for (const url of [flipped, unsigned, foreign.toString()]) {
      for (const method of ['GET', 'POST']) refused.push((await fetch(url, { method, headers: BROWSER })).status);
    }
    progress(`tampered links: ${refused.join(', ')}`);
    expect(refused).toEqual([401, 401, 401, 401, 401, 401]);
    await sleep(1000);
    expect(reports(APPROVE_OR_DECLINE.path)).toHaveLength(0);
    expect((await executions(APPROVE_OR_DECLINE.id)).filter((summary) => summary.status === 'waiting')).toHaveLength(2);

    expect((await fetch(decline.url, { method: 'POST', headers: BROWSER })).status).toBe(200);
    expect(await finished(APPROVE_OR_DECLINE.id, first.execution.id)).toMatchObject({ status: 'success' });
    // The first execution's approve link no longer answers anything.
    await fetch(approve.url, { method: 'POST', headers: BROWSER });
    expect((await fetch(second.links[1]!.url, { method: 'POST', headers: BROWSER })).status).toBe(200);
    await until('both reports', () => (reports(APPROVE_OR_DECLINE.path).length >= 2 ? true : undefined));
    await sleep(1000);
    const sent = reports(APPROVE_OR_DECLINE.path).map((body) => JSON.parse(body.slice(body.indexOf('{'))) as { approved: boolean });
    progress(`approve or decline: ${sent.length} reports, approved ${sent.map((report) => report.approved).join(', ')}`);
    expect(sent.map((report) => report.approved)).toEqual([false, true]);
  });

  test('free text: the link opens a form; the posted text resumes the execution with data.text', async () => {
    const { execution, links: answers } = await ask(FREE_TEXT, 'F-3001');
    expect(answers.map((answer) => answer.label)).toEqual(['Tulis alamat']);
    const form = await fetch(answers[0]!.url, { headers: BROWSER });
    const html = await form.text();
    expect(html).toContain('Alamat pengiriman');
    expect(html).toContain('name="field-0"');

    const empty = await fetch(answers[0]!.url, {
      method: 'POST',
      headers: { ...BROWSER, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'field-0=+',
    });
    expect(empty.status).toBe(400);
    // The page's form posts multipart, as a browser does.
    const filled = new FormData();
    filled.append('field-0', 'Jl. Melati No. 7 <b>RT 3</b>, Bandung');
    const address = 'Jl. Melati No. 7 <b>RT 3</b>, Bandung';
    const sentForm = await fetch(answers[0]!.url, {
      method: 'POST',
      headers: BROWSER,
      body: filled,
    });
    expect(sentForm.status).toBe(200);
    expect(await finished(FREE_TEXT.id, execution.id)).toMatchObject({ status: 'success' });
    await until('the report', () => (reports(FREE_TEXT.path).length > 0 ? true : undefined));
    const sent = reports(FREE_TEXT.path);
    progress(`free text: ${sent.length} report`);
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.slice(sent[0]!.indexOf('{')))).toMatchObject({ text: address });
  });

  test('custom form: the link opens the form; a wrong answer asks again, the right one resumes with each field under its label', async () => {
    const { execution, links: answers } = await ask(CUSTOM_FORM, 'K-5001');
    expect(answers.map((answer) => answer.label)).toEqual(['Respond']);
    const html = await (await fetch(answers[0]!.url, { headers: BROWSER })).text();
    expect(html).toContain('<select id="field-1" name="field-1" required>');
    expect(html).toContain('<option>JNE</option><option>SiCepat</option>');
    expect(html).toContain('type="number"');
    expect(html).toContain('enctype="multipart/form-data"');
    // What the browser sends from that form: multipart, which n8n requires for a custom form.
    const post = async (fields: Record<string, string>) => {
      const body = new FormData();
      for (const [name, value] of Object.entries(fields)) body.append(name, value);
      return await fetch(answers[0]!.url, { method: 'POST', headers: BROWSER, body });
    };
    const wrong = await post({ 'field-0': '2', 'field-1': 'Kapal laut', 'field-2': '' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Kurir: pick one of the choices');
    expect((await post({ 'field-0': '2', 'field-1': 'JNE', 'field-2': '' })).status).toBe(200);
    expect(await finished(CUSTOM_FORM.id, execution.id)).toMatchObject({ status: 'success' });
    await until('the report', () => (reports(CUSTOM_FORM.path).length > 0 ? true : undefined));
    const sent = reports(CUSTOM_FORM.path);
    progress(`custom form: ${sent.length} report (${sent[0]})`);
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.slice(sent[0]!.indexOf('{')))).toMatchObject({ Jumlah: 2, Kurir: 'JNE', Catatan: '' });
  });

  test('an expired wait resumes with the input item and no answer; its links then answer nothing', async () => {
    const { execution, links: answers } = await ask(EXPIRES, 'E-4001');
    expect(await finished(EXPIRES.id, execution.id)).toMatchObject({ status: 'success' });
    await until('the report', () => (reports(EXPIRES.path).length > 0 ? true : undefined));
    const late = await fetch(answers[1]!.url, { method: 'POST', headers: BROWSER });
    await sleep(1000);
    const sent = reports(EXPIRES.path);
    progress(`expired: ${sent.length} report (${sent[0]}), late tap ${late.status}`);
    expect(sent).toEqual(['Tidak dijawab e2e-ask-expires: E-4001']);
    expect(n8n.log).not.toContain(sandbox.apiKey);
  });
});
