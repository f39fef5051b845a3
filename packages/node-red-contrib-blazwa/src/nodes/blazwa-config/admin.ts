import { BlazwaError, isBlazwaError, resolveBaseUrl, type BlazwaClient } from '@blazwa/core';
import { createNodeClient } from '@blazwa/core/undici';
import type { Account } from '../../lib/account.js';
import { fetchLoginQr, formatQr } from '../../lib/qr.js';
import type { NodeAPI, Request, Response } from '../../lib/red.js';
import { numberSetting } from '../../lib/settings.js';
import { sameOriginOnly } from './same-origin.js';

/** What the editor puts in a password field of a deployed node instead of its value. */
const KEPT_PASSWORD = '__PWRD__';
const DEFAULT_TIMEOUT_S = 30;

/** What "Connect WhatsApp" shows: the service's status, and the QR while it waits for a scan. */
export interface ConnectAnswer {
  status: string;
  message: string;
  /** A data URL of the login QR, only while `status` is `qr`. */
  qr?: string;
}

/**
 * What the config dialog's "Connect WhatsApp" button calls. They need the editor's permission to change config, and
 * only the editor's own pages may call them: see {@link sameOriginOnly}. The browser never gets a key back.
 */
export function registerAdminEndpoints(RED: NodeAPI): void {
  const deployedNode = (id: unknown) => {
    const node =
      typeof id === 'string' && id !== ''
        ? (RED.nodes.getNode(id) as (ReturnType<NodeAPI['nodes']['getNode']> & { account?: Account }) | null)
        : null;
    return node && node.type === 'blazwa-config' && node.account ? (node as typeof node & { account: Account }) : undefined;
  };

  const account = (req: Request, res: Response): Account | undefined => {
    const node = deployedNode(req.params.id);
    if (!node) {
      res.status(404).json({ error: 'not-deployed', message: 'Deploy this Blazwa config node first, then connect' });
      return undefined;
    }
    return node.account;
  };

  const fail = (res: Response, error: unknown, apiKey?: string): void => {
    const status = isBlazwaError(error) && error.kind === 'input' ? 400 : 502;
    const message = error instanceof Error ? error.message : String(error);
    res.status(status).json({ error: isBlazwaError(error) ? error.kind : 'failed', message: withoutKey(message, apiKey) });
  };

  RED.httpAdmin.get('/blazwa-config/:id/status', sameOriginOnly, RED.auth.needsPermission('blazwa-config.read'), (req, res) => {
    const target = account(req, res);
    if (!target) return;
    target
      .withClient((client) => client.status())
      .then(
        (result) => res.json({ status: result.status, message: result.message }),
        (error: unknown) => fail(res, error),
      );
  });

  RED.httpAdmin.post('/blazwa-config/:id/login-qr', sameOriginOnly, RED.auth.needsPermission('blazwa-config.write'), (req, res) => {
    const target = account(req, res);
    if (!target) return;
    target.withClient(connectAnswer).then(
      (body) => res.json(body),
      (error: unknown) => fail(res, error),
    );
  });

  /**
   * The dialog's own settings, deployed or not, so a new or edited config node connects before its first deploy. Nothing
   * is stored: one client for the one answer, closed after it. A key left as the editor's placeholder is the deployed
   * node's, and it goes only to the server that node uses.
   */
  RED.httpAdmin.post('/blazwa-config/connect', sameOriginOnly, RED.auth.needsPermission('blazwa-config.write'), (req, res) => {
    const draft = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    let apiKey: string | undefined;
    let client: ReturnType<typeof createNodeClient>;
    try {
      const server = typeof draft.server === 'string' && draft.server !== '' ? draft.server : 'blazwa';
      const baseUrl = typeof draft.baseUrl === 'string' ? draft.baseUrl : undefined;
      apiKey = keyFor(draft, resolveBaseUrl(server, baseUrl));
      client = createNodeClient({
        server,
        ...(baseUrl ? { baseUrl } : {}),
        apiKey,
        timeoutMs: numberSetting(draft.timeout, DEFAULT_TIMEOUT_S, 1) * 1000,
        apiKeyLocation: 'the API key field of this dialog',
      });
    } catch (error) {
      fail(res, error, apiKey);
      return;
    }
    connectAnswer(client.client)
      .then(
        (body) => res.json({ ...body, message: withoutKey(body.message, apiKey) }),
        (error: unknown) => fail(res, error, apiKey),
      )
      .finally(() => client.transport.close().catch(() => undefined));
  });

  /** The key typed in the dialog, or the deployed node's when the field still holds the editor's placeholder. */
  function keyFor(draft: Record<string, unknown>, baseUrl: string): string {
    const typed = typeof draft.apiKey === 'string' ? draft.apiKey.trim() : '';
    if (typed !== KEPT_PASSWORD) {
      if (typed === '')
        throw BlazwaError.input('apiKey', 'API key is empty: paste the key from your Blazwa / Kasirpintar WA dashboard, then connect');
      return typed;
    }
    const deployed = deployedNode(draft.id);
    const kept = deployed?.credentials?.apiKey;
    if (!deployed || !kept) throw BlazwaError.input('apiKey', 'The saved API key is not available here: type the key again, then connect');
    // Else anyone allowed to connect could send the saved key to a server of their own.
    if (deployed.account.baseUrl !== baseUrl) {
      throw BlazwaError.input('apiKey', 'The server changed: type the API key again to use it with this server');
    }
    return kept;
  }
}

/** The status, and the QR while the service waits for a scan. */
async function connectAnswer(client: BlazwaClient): Promise<ConnectAnswer> {
  const state = await client.status();
  if (state.status !== 'qr') return { status: state.status, message: state.message };
  try {
    const picture = await fetchLoginQr(client);
    return { status: state.status, message: state.message, qr: formatQr(picture, 'dataUrl') as string };
  } catch (error) {
    // Scanned between the two calls: the service now refuses a QR. Say what it is now.
    const now = await client.status();
    if (now.status !== 'qr') return { status: now.status, message: now.message };
    throw error;
  }
}

/** A server's message could quote the key it was given: never hand it to the browser. */
function withoutKey(text: string, apiKey: string | undefined): string {
  return apiKey && apiKey.length >= 4 ? text.split(apiKey).join('[API key]') : text;
}
