/** What the service says the WhatsApp session is doing: `qr` waits for a scan; `connected`/`ready` can send. */
export type ServiceState = 'qr' | 'connected' | 'ready' | (string & {});

/** `POST /openapi/wa/status` and `GET /openapi/wa/restart`. */
export interface StatusResult {
  message: string;
  status: ServiceState;
  code: unknown;
}
export type RestartResult = StatusResult;
/** `GET /openapi/wa/webhook/reset` answers with the session state too. */
export type ResetWebhookResult = StatusResult;

export interface SetWebhookResult {
  message: string;
  code: number;
}

export interface CheckNumberResult {
  /** The number as checked, after the phone-number rule. */
  phoneNumber: string;
  isRegistered: boolean;
  message: string;
  code: unknown;
}

/** The message as the service recorded it (field names as the service sends them). */
export interface SentMessage {
  id: string;
  body: string;
  from: string;
  to: string;
  media_url: string | null;
  /** `YYYY-MM-DD HH:mm:ss`, the service's local time. */
  created_at: string;
}

export interface SendMessageResult {
  message: string;
  result: SentMessage;
  /** `20001` on success. */
  code: unknown;
}

export interface QrImage {
  mimeType: string;
  data: Uint8Array;
}

/**
 * `POST /openapi/wa/login-qr`. The service answers either an image (content type `image/*`) or JSON whose
 * `qr_string` carries the QR; `qrStringToImage` turns a base64 or data-URL `qr_string` into image bytes.
 */
export type LoginQrResult = ({ kind: 'image' } & QrImage) | { kind: 'string'; qrString: string; message: string; code: unknown };

export type ResponseAs = 'image' | 'string';
