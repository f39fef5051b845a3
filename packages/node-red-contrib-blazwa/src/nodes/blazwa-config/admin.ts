import { isBlazwaError } from '@blazwa/core';
import type { Account } from '../../lib/account.js';
import { fetchLoginQr, formatQr } from '../../lib/qr.js';
import type { NodeAPI, Request, Response } from '../../lib/red.js';
import { sameOriginOnly } from './same-origin.js';

/**
 * What the config dialog's "Connect WhatsApp" button calls. They work on the deployed config node, so the browser
 * never holds the API key, and they need the editor's permission to change config. Only the editor's own pages may
 * call them: see {@link sameOriginOnly}.
 */
export function registerAdminEndpoints(RED: NodeAPI): void {
  const account = (req: Request, res: Response): Account | undefined => {
    const node = RED.nodes.getNode(req.params.id ?? '') as (ReturnType<NodeAPI['nodes']['getNode']> & { account?: Account }) | null;
    if (!node || node.type !== 'blazwa-config' || !node.account) {
      res.status(404).json({ error: 'not-deployed', message: 'Deploy this Blazwa config node first, then connect' });
      return undefined;
    }
    return node.account;
  };

  const fail = (res: Response, error: unknown): void => {
    const status = isBlazwaError(error) && error.kind === 'input' ? 400 : 502;
    res.status(status).json({ error: isBlazwaError(error) ? error.kind : 'failed', message: error instanceof Error ? error.message : String(error) });
  };

  RED.httpAdmin.get('/blazwa-config/:id/status', sameOriginOnly, RED.auth.needsPermission('blazwa-config.read'), (req, res) => {
    const target = account(req, res);
    if (!target) return;
    target
      .call((client) => client.status())
      .then(
        (result) => res.json({ status: result.status, message: result.message }),
        (error: unknown) => fail(res, error),
      );
  });

  RED.httpAdmin.post('/blazwa-config/:id/login-qr', sameOriginOnly, RED.auth.needsPermission('blazwa-config.write'), (req, res) => {
    const target = account(req, res);
    if (!target) return;
    target
      .call(async (client) => {
        const state = await client.status();
        if (state.status !== 'qr') return { status: state.status, message: state.message };
        const picture = await fetchLoginQr(client);
        return { status: state.status, message: state.message, qr: formatQr(picture, 'dataUrl') };
      })
      .then(
        (body) => res.json(body),
        (error: unknown) => fail(res, error),
      );
  });
}
