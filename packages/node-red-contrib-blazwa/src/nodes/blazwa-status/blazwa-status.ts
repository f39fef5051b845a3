import { accountOf } from '../../lib/config-node.js';
import { toNodeError } from '../../lib/errors.js';
import { QR_FORMATS, type QrFormat } from '../../lib/qr.js';
import type { Node, NodeAPI, NodeDef } from '../../lib/red.js';
import { numberSetting } from '../../lib/settings.js';
import { reasonText, setupStatus, statusKey } from '../../lib/status.js';
import { ACTIONS, runAction, type Action } from './actions.js';
import { startWatch } from './watch.js';

/** Polling faster than this would only load the service: a QR scan takes people longer. */
const MIN_WATCH_INTERVAL_S = 10;

export = function (RED: NodeAPI): void {
  function BlazwaStatus(this: Node, def: NodeDef): void {
    RED.nodes.createNode(this, def);
    const node = this;
    const action: Action = (ACTIONS as readonly string[]).includes(String(def.action)) ? (def.action as Action) : 'status';
    const qrFormat: QrFormat = (QR_FORMATS as readonly string[]).includes(String(def.qrFormat)) ? (def.qrFormat as QrFormat) : 'buffer';
    const account = accountOf(RED, def.account);
    account.register(node);
    const setup = setupStatus(account, statusKey('blazwa-status', 'no-account'));
    if (setup) node.status(setup);

    // A chosen account is polled even with a setup error: each failed poll says in the log what to fix.
    const watch =
      def.watch === true && account.chosen ? startWatch(node, account, numberSetting(def.interval, 60, MIN_WATCH_INTERVAL_S) * 1000) : undefined;

    node.on('input', (msg, send, done) => {
      if (!watch) node.status({ fill: 'blue', shape: 'dot', text: statusKey('blazwa-status', `running.${action}`) });
      runAction(account, String(def.account), action, msg, qrFormat).then(
        (payload) => {
          if (!watch) node.status({ fill: 'green', shape: 'dot', text: statusKey('blazwa-status', `done.${action}`) });
          msg.payload = payload;
          send(msg);
          done();
        },
        (error: unknown) => {
          node.status({ fill: 'red', shape: 'ring', text: reasonText(error) });
          done(toNodeError(error, msg));
        },
      );
    });

    node.on('close', (_removed, done) => {
      watch?.stop();
      account.deregister(node);
      node.status({});
      done();
    });
  }

  RED.nodes.registerType('blazwa-status', BlazwaStatus);
};
