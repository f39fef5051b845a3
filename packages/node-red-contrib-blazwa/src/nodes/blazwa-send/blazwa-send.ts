import { BlazwaError, isBlazwaError, type SentMessage } from '@blazwa/core';
import { accountOf } from '../../lib/config-node.js';
import { countText } from '../../lib/count-text.js';
import { shortReason, toNodeError } from '../../lib/errors.js';
import type { Node, NodeAPI, NodeDef } from '../../lib/red.js';
import { settingValue } from '../../lib/typed-input.js';
import { deliver } from './deliver.js';
import { resolveSendRequest, type SendSettings } from './request.js';

export = function (RED: NodeAPI): void {
  function BlazwaSend(this: Node, def: NodeDef): void {
    RED.nodes.createNode(this, def);
    const node = this;
    const settings: SendSettings = {
      target: def.target === 'group' ? 'group' : 'number',
      phoneNumber: settingValue(RED, node, { value: def.phoneNumber, type: String(def.phoneNumberType ?? 'str') }),
      groupName: settingValue(RED, node, { value: def.groupName, type: String(def.groupNameType ?? 'str') }),
      message: settingValue(RED, node, { value: def.message, type: String(def.messageType ?? 'str') }),
      imageUrl: settingValue(RED, node, { value: def.imageUrl, type: String(def.imageUrlType ?? 'str') }),
    };
    const checkFirst = def.checkNumber === true || def.checkNumber === 'true';
    const account = accountOf(RED, def.account);
    if (account instanceof BlazwaError) {
      node.status({ fill: 'red', shape: 'ring', text: RED._('blazwa-send.status.no-account') });
    } else {
      account.register(node);
      if (account.setupError) node.status({ fill: 'red', shape: 'ring', text: account.setupError.shortReason });
    }
    // This node's share of the account's pacer: closing it drops only this node's waiting messages.
    const queue = account instanceof BlazwaError ? undefined : account.pacer.lane();
    let sent = 0;
    const sentText = countText(RED, 'blazwa-send.status.sent');
    const queuedText = countText(RED, 'blazwa-send.status.queued', 'depth');
    const sendingQueuedText = countText(RED, 'blazwa-send.status.sending-queued', 'depth');
    const sendingText = RED._('blazwa-send.status.sending');
    // Every msg from arrival to its done(): closing waits for these, so a send under way ends before the node does.
    const handling = new Set<Promise<void>>();

    const showQueued = (): void => {
      if (queue && queue.waiting > 0) {
        node.status({ fill: 'yellow', shape: 'ring', text: queuedText(queue.waiting) });
      }
    };

    node.on('input', (msg, send, done) => {
      const sending = (async (): Promise<SentMessage> => {
        if (account instanceof BlazwaError) throw account;
        const request = await resolveSendRequest(settings, msg);
        const delivery = queue!.schedule(() => {
          const depth = queue!.waiting;
          node.status({
            fill: 'blue',
            shape: 'dot',
            text: depth > 0 ? sendingQueuedText(depth) : sendingText,
          });
          return deliver(account, request, checkFirst);
        });
        showQueued();
        return await delivery;
      })();

      const handled = sending.then(
        (result) => {
          sent++;
          if (queue && queue.waiting === 0) node.status({ fill: 'green', shape: 'dot', text: sentText(sent) });
          msg.payload = result;
          send(msg);
          done();
        },
        (error: unknown) => {
          const reason = isBlazwaError(error) && error.kind === 'cancelled' ? RED._('blazwa-send.status.cancelled') : shortReason(error);
          node.status({ fill: 'red', shape: 'ring', text: reason });
          done(toNodeError(error, msg));
        },
      );
      handling.add(handled);
      handled.finally(() => handling.delete(handled)).catch((error: unknown) => node.error(error));
    });

    node.on('close', (_removed, done) => {
      if (!queue || account instanceof BlazwaError) return done();
      account.deregister(node);
      const dropped = queue.close('the node stopped: redeploy or shutdown');
      if (dropped > 0) node.warn(RED._('blazwa-send.warn.dropped', { count: dropped }));
      void Promise.allSettled([...handling]).then(() => {
        node.status({});
        done();
      });
    });
  }

  RED.nodes.registerType('blazwa-send', BlazwaSend);
};
