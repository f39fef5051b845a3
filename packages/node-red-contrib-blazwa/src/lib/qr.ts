import { loginQrImage, type BlazwaClient, type LoginQrResult } from '@blazwa/core';

export type QrFormat = 'buffer' | 'base64' | 'dataUrl';
export const QR_FORMATS: readonly QrFormat[] = ['buffer', 'base64', 'dataUrl'];

export interface QrPicture {
  mimeType: string;
  data: Buffer;
}

/**
 * The login QR as a picture, whichever way the service answers: an image, a `qr_string` holding an image, or a
 * `qr_string` holding the text the QR encodes (core draws that as a PNG, as it does for n8n).
 */
export async function fetchLoginQr(client: BlazwaClient): Promise<QrPicture> {
  return qrPicture(await client.loginQr({ responseAs: 'image' }));
}

export function qrPicture(answer: LoginQrResult): QrPicture {
  const image = loginQrImage(answer);
  return { mimeType: image.mimeType, data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength) };
}

export function formatQr(picture: QrPicture, format: QrFormat): Buffer | string {
  if (format === 'base64') return picture.data.toString('base64');
  if (format === 'dataUrl') return `data:${picture.mimeType};base64,${picture.data.toString('base64')}`;
  return picture.data;
}
