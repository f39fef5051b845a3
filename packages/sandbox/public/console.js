// The console page: polls /_sandbox/state and redraws. Plain DOM, no build step.
const $ = (id) => document.getElementById(id);
let lastVersion = -1;
let lastPaired;
let lastQrIssued;

async function control(path, body) {
  const init = { method: 'POST' };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`/_sandbox/${path}`, init);
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.message || `${response.status}`);
  return json;
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  if (className) td.className = className;
  return td;
}

function row(...cells) {
  const tr = document.createElement('tr');
  tr.append(...cells);
  return tr;
}

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

/** `YYYY-MM-DD HH:mm:ss` in WIB (UTC+7), as the outbox's `created_at`: one time zone on the page, whatever the browser's. */
function wibTime(at) {
  return new Date(at + WIB_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

function render(state) {
  const status = $('device-status');
  status.textContent = state.status;
  status.dataset.status = state.status;
  $('device-hint').textContent = state.paired ? '(ready to send)' : '(waiting for the QR code to be scanned; sending fails until then)';
  $('qr-area').hidden = state.paired;
  $('paired-area').hidden = !state.paired;
  // A new code after an unpair or a rotation (qrRotateMs).
  if (!state.paired && (lastPaired !== state.paired || lastQrIssued !== state.qrIssued)) $('qr').src = `/_sandbox/qr.png?t=${Date.now()}`;
  lastPaired = state.paired;
  lastQrIssued = state.qrIssued;
  $('device-number').textContent = state.deviceNumber;
  $('groups').textContent = state.groups.join(', ');
  $('webhook').textContent = state.webhook ?? 'none set';

  const outbox = [...state.outbox]
    .reverse()
    .map((entry) =>
      row(
        cell(entry.created_at),
        cell(entry.kind === 'group' ? `group ${entry.to}` : entry.to),
        cell(entry.body, 'body'),
        cell(entry.media_url ?? ''),
        cell(entry.id, 'id'),
      ),
    );
  $('outbox').replaceChildren(...outbox);
  $('outbox-empty').hidden = outbox.length > 0;

  const deliveries = [...state.deliveries].reverse().map((delivery) => {
    const ok = !delivery.error;
    const result = ok ? `${delivery.status} in ${delivery.latencyMs} ms` : delivery.error;
    return row(cell(wibTime(delivery.at)), cell(delivery.body?.from), cell(delivery.body?.message, 'body'), cell(result, ok ? 'ok' : 'failed'));
  });
  $('deliveries').replaceChildren(...deliveries);
}

async function refresh() {
  try {
    const response = await fetch('/_sandbox/state', { cache: 'no-store' });
    const state = await response.json();
    if (state.version !== lastVersion) {
      lastVersion = state.version;
      render(state);
    }
  } catch {
    $('device-status').textContent = 'sandbox not reachable';
  }
}

function act(button, action) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await action();
      await refresh();
    } finally {
      button.disabled = false;
    }
  });
}

act($('pair'), () => control('pair'));
act($('unpair'), () => control('unpair'));
act($('clear'), () => control('reset'));

$('inbound-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const result = $('inbound-result');
  result.textContent = 'Delivering…';
  result.className = '';
  try {
    const delivery = await control('inbound', { from: form.get('from'), message: form.get('message') });
    result.textContent = delivery.error ? `Not delivered: ${delivery.error}` : `Delivered: the webhook answered ${delivery.status}`;
    result.className = delivery.error ? 'failed' : 'ok';
  } catch (error) {
    result.textContent = error.message;
    result.className = 'failed';
  }
  await refresh();
});

refresh();
setInterval(refresh, 500);
