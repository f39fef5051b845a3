import { loginQrImage, type BlazwaClient, type LoginQrResult } from '@blazwa/core';
import { toBuffer } from 'qrcode';

export type QrFormat = 'buffer' | 'base64' | 'dataUrl';
export const QR_FORMATS: readonly QrFormat[] = ['buffer', 'base64', 'dataUrl'];

export interface QrPicture {
  mimeType: string;
  data: Buffer;
}

/**
 * The login QR as a picture, whichever way the service answers: an image, a `qr_string` holding an image, or a
 * `qr_string` holding the text the QR encodes (drawn here as a PNG).
 */
export async function fetchLoginQr(client: BlazwaClient): Promise<QrPicture> {
  return qrPicture(await client.loginQr({ responseAs: 'image' }));
}

export async function qrPicture(answer: LoginQrResult): Promise<QrPicture> {
  const image = loginQrImage(answer);
  if (image) return { mimeType: image.mimeType, data: Buffer.from(image.data) };
  // What is left is a qr_string holding the text the QR encodes.
  const text = answer.kind === 'string' ? answer.qrString : '';
  return { mimeType: 'image/png', data: await toBuffer(text, { type: 'png', margin: 2, scale: 6 }) };
}

export function formatQr(picture: QrPicture, format: QrFormat): Buffer | string {
  if (format === 'base64') return picture.data.toString('base64');
  if (format === 'dataUrl') return `data:${picture.mimeType};base64,${picture.data.toString('base64')}`;
  return picture.data;
}
