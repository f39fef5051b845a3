import { BlazwaError } from '@blazwa/core';
import { accountOf } from '../../lib/config-node.js';
import { countText } from '../../lib/count-text.js';
import { toNodeError } from '../../lib/errors.js';
import { Entry, notSent, type Outcome, type Sender } from '../../lib/queue.js';
import { logDropped } from '../../lib/queues.js';
import type { Node, NodeAPI, NodeDef, NodeStatus } from '../../lib/red.js';
import { reasonText, setupStatus, statusKey, throttledStatus } from '../../lib/status.js';
import { deliver } from './deliver.js';
import { resolveSendRequest, sendSettings, type SendRequest } from './request.js';

export = function (RED: NodeAPI): void {
  function BlazwaSend(this: Node, def: NodeDef): void {
    RED.nodes.createNode(this, def);
    const node = this;
    const settings = sendSettings(RED, node, def);
    const checkFirst = def.checkNumber === true || def.checkNumber === 'true';
    const status = throttledStatus(node);
    const account = accountOf(RED, def.account);
    const setup = setupStatus(account, statusKey('blazwa-send', 'no-account'));
    if (setup) status.set(setup);
    if (!account.chosen) {
      // No config node, so no queue to wait in: each msg goes to Catch at once, saying to pick an account.
      const setupError = account.setupError!;
      node.on('input', (msg, _send, done) => done(toNodeError(setupError, msg)));
      node.on('close', (_removed, done) => {
        status.clear();
        done();
      });
      return;
    }
    account.register(node);
    const queue = account.queue;
    const bufferMax = Number(RED.settings.nodeMessageBufferMaxLength);
    const cap = Math.min(account.maxWaiting, bufferMax > 0 ? bufferMax : Infinity);

    let sent = 0;
    let failed: NodeStatus | undefined;

    const showProgress = (): void => {
      const depth = queue.waitingFor(node.id);
      if (queue.inFlight?.nodeId === node.id) {
        status.set({ fill: 'blue', shape: 'dot', text: depth > 0 ? countText.waiting(depth) : statusKey('blazwa-send', 'sending') });
      } else if (depth > 0) status.set({ fill: 'yellow', shape: 'ring', text: countText.waiting(depth) });
      else if (failed) status.set(failed);
      else if (sent > 0) status.set({ fill: 'green', shape: 'dot', text: countText.sent(sent) });
    };

    // This instance as the account's queue sees it; a redeployed node (same id) takes over what this one leaves.
    const sender: Sender = {
      id: node.id,
      deliver: (request) => deliver(account, request as SendRequest, checkFirst),
      finish(entry: Entry, outcome: Outcome) {
        // A msg this instance received ends with its own done(); one it took over from its predecessor (a deploy, a
        // restart) is a new send or error of this node, so it reaches this flow's output or Catch.
        // (Node-RED's send() for an input is this node's send: only done() is kept per msg.)
        const own = entry.owner === sender;
        if ('result' in outcome) {
          sent++;
          failed = undefined;
          entry.msg.payload = outcome.result;
          node.send(entry.msg);
          if (own) entry.done!();
        } else {
          const error = toNodeError(outcome.error, entry.msg);
          failed = { fill: 'red', shape: 'ring', text: statusReason(error) };
          if (own) entry.done!(error);
          else node.error(error, entry.msg);
        }
        showProgress();
      },
      changed: showProgress,
    };
    queue.attach(sender);

    const statusReason = (error: unknown): string =>
      error instanceof BlazwaError && error.kind === 'cancelled' ? statusKey('blazwa-send', 'cancelled') : reasonText(error);

    node.on('input', (msg, _send, done) => {
      // As the delay node: any msg.reset empties this node's waiting messages, and is not sent itself.
      if (Object.hasOwn(msg, 'reset')) {
        const dropped = queue.drop(node.id, notSent('msg.reset emptied the queue before its turn'), (entry, error) =>
          sender.finish(entry, { error }),
        );
        if (dropped.length > 0) node.warn(RED._('blazwa-send.warn.reset', { count: dropped.length }));
        done();
        return;
      }
      resolveSendRequest(settings, msg).then(
        (request) => {
          if (queue.waiting >= cap) {
            const full = notSent(
              `queue full: ${queue.waiting} messages are waiting for this WhatsApp account (at most ${cap}); the flow sends faster than the account's interval allows`,
            );
            failed = { fill: 'red', shape: 'ring', text: statusKey('blazwa-send', 'full') };
            showProgress();
            done(full);
            return;
          }
          queue.push(new Entry(queue.nextSeq(), sender, msg, request as unknown as Record<string, unknown>, done));
          showProgress();
        },
        (error: unknown) => {
          failed = { fill: 'red', shape: 'ring', text: statusReason(error) };
          showProgress();
          done(toNodeError(error, msg));
        },
      );
    });

    node.on('close', (removed, done) => {
      account.deregister(node);
      // Kept for the next instance of this node on a deploy; reported, each, when the node is gone.
      queue.detach(sender, removed, (entry, error) => {
        logDropped(RED, entry, error);
        sender.finish(entry, { error });
      });
      status.clear();
      done();
    });
  }

  RED.nodes.registerType('blazwa-send', BlazwaSend);
};
