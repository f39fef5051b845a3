import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';

/** Text shaped like what WhatsApp's linking QR carries (ref, keys), so it looks right when decoded. */
export function newQrText(): string {
  const part = (size: number) => randomBytes(size).toString('base64');
  return `2@${part(48)},${part(32)},${part(32)},${part(32)}`;
}

/** A real, scannable PNG of the text. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 264 });
}
