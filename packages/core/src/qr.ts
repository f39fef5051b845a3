import { decodeBase64, encodeBase64 } from './base64.js';
import { qrTextToImage } from './qr-picture.js';
import type { LoginQrResult, QrImage } from './results.js';

const SIGNATURES: ReadonlyArray<{ mimeType: string; bytes: readonly number[] }> = [
  { mimeType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mimeType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mimeType: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
];

/** The image type of some bytes, from their first bytes; `undefined` when they are none we know. */
export function sniffImageType(data: Uint8Array): string | undefined {
  return SIGNATURES.find(({ bytes }) => bytes.every((byte, index) => data[index] === byte))?.mimeType;
}

/**
 * The image inside a `qr_string`: a data URL (`data:image/png;base64,…`) or bare base64 of an image. Returns
 * `undefined` when the string is something else (for instance the raw text a QR encodes), which a caller can
 * still render as a QR code itself.
 */
export function qrStringToImage(qrString: string): QrImage | undefined {
  const text = qrString.trim();
  const dataUrl = /^data:([\w.+-]+\/[\w.+-]+)?(?:;[\w-]+=[^;,]*)*;base64,(.*)$/is.exec(text);
  const data = decodeBase64(dataUrl ? dataUrl[2]! : text);
  if (!data) return undefined;
  const mimeType = sniffImageType(data);
  return mimeType ? { mimeType, data } : undefined;
}

/** `data:<type>;base64,…` for an image, as browsers and Node-RED dashboards show it. */
export function imageToDataUrl(image: QrImage): string {
  return `data:${image.mimeType};base64,${encodeBase64(image.data)}`;
}

/**
 * The picture in any login-qr answer: the image itself, the image inside its `qr_string`, or, when the service
 * sent the text the QR encodes, that text drawn as a PNG QR code, so every adapter shows the same picture.
 */
export function loginQrImage(answer: LoginQrResult): QrImage {
  if (answer.kind === 'image') return { mimeType: answer.mimeType, data: answer.data };
  return qrStringToImage(answer.qrString) ?? qrTextToImage(answer.qrString);
}
