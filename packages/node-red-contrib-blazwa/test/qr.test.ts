import { qrTextToImage } from '@blazwa/core';
import { describe, expect, it } from 'vitest';
import { formatQr, qrPicture } from '../src/lib/qr.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const tinyPng = Buffer.concat([PNG, Buffer.from('rest of a png')]);

// A real service may answer any of the three forms the API documents allow; the sandbox's qrAs covers them too.
describe('the login QR, whichever form the service answers in', () => {
  it('an image answer is kept as it is', async () => {
    const picture = qrPicture({ kind: 'image', mimeType: 'image/png', data: new Uint8Array(tinyPng) });
    expect(picture.data.equals(tinyPng)).toBe(true);
  });

  it('a qr_string holding a data URL or base64 image is decoded', async () => {
    for (const qrString of [`data:image/png;base64,${tinyPng.toString('base64')}`, tinyPng.toString('base64')]) {
      const picture = qrPicture({ kind: 'string', qrString, message: '', code: null });
      expect(picture).toMatchObject({ mimeType: 'image/png' });
      expect(picture.data.equals(tinyPng)).toBe(true);
    }
  });

  it('a qr_string holding the text a QR encodes is drawn as a PNG', async () => {
    const picture = qrPicture({ kind: 'string', qrString: '2@AbCdEf==,XyZ123==,LmNoP==', message: '', code: null });
    expect(picture.mimeType).toBe('image/png');
    expect(picture.data.subarray(0, 8).equals(PNG)).toBe(true);
    expect(picture.data.equals(Buffer.from(qrTextToImage('2@AbCdEf==,XyZ123==,LmNoP==').data))).toBe(true);
  });

  it('formats as a Buffer, base64 text or a data URL', () => {
    const picture = { mimeType: 'image/png', data: tinyPng };
    expect(formatQr(picture, 'buffer')).toBe(tinyPng);
    expect(formatQr(picture, 'base64')).toBe(tinyPng.toString('base64'));
    expect(formatQr(picture, 'dataUrl')).toBe(`data:image/png;base64,${tinyPng.toString('base64')}`);
  });
});
