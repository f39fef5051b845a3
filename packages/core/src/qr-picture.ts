import { encode } from 'uqr';
import { BlazwaError } from './errors.js';
import { bitmapToPng } from './png.js';
import type { QrImage } from './results.js';

export interface QrPictureOptions {
  /** Pixels per QR module; default 6, which phones read easily off a screen. */
  scale?: number;
  /** Quiet zone around the code, in modules; default 4, as the QR standard asks. */
  margin?: number;
}

/**
 * A PNG QR code of the text, for a login-qr answer whose `qr_string` is the text the QR encodes. Error correction
 * M, as WhatsApp's own linking code uses.
 */
export function qrTextToImage(text: string, options: QrPictureOptions = {}): QrImage {
  const scale = options.scale ?? 6;
  const margin = options.margin ?? 4;
  if (!Number.isInteger(scale) || scale < 1 || scale > 40) throw new RangeError(`scale must be a whole number from 1 to 40, not ${scale}`);
  if (!Number.isInteger(margin) || margin < 0 || margin > 40) throw new RangeError(`margin must be a whole number from 0 to 40, not ${margin}`);
  if (text === '') {
    throw new BlazwaError({ kind: 'protocol', message: 'The service answered login-qr with an empty qr_string: there is no QR code to show' });
  }
  let matrix: boolean[][];
  try {
    matrix = encode(text, { ecc: 'M', border: margin }).data;
  } catch (cause) {
    throw new BlazwaError({
      kind: 'protocol',
      message: `The qr_string of the login-qr answer (${text.length} characters) is too long to draw as a QR code`,
      cause,
    });
  }
  const side = matrix.length * scale;
  return { mimeType: 'image/png', data: bitmapToPng(side, side, (x, y) => matrix[Math.floor(y / scale)]![Math.floor(x / scale)]!) };
}
