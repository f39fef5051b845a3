import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64, imageToDataUrl, loginQrImage, qrStringToImage, sniffImageType } from '../src/index.js';
import fc from 'fast-check';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

describe('QR helpers', () => {
  it('base64 round-trips any bytes, and matches Node’s encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64(bytes);
        return text === Buffer.from(bytes).toString('base64') && (bytes.length === 0 || Buffer.from(decodeBase64(text)!).equals(Buffer.from(bytes)));
      }),
    );
  });

  it('reads a bare base64 PNG and a data URL', () => {
    const base64 = Buffer.from(PNG).toString('base64');
    expect(qrStringToImage(base64)).toEqual({ mimeType: 'image/png', data: PNG });
    expect(qrStringToImage(`data:image/png;base64,${base64}`)).toEqual({ mimeType: 'image/png', data: PNG });
    expect(imageToDataUrl({ mimeType: 'image/png', data: PNG })).toBe(`data:image/png;base64,${base64}`);
  });

  it('says undefined for a QR payload that is not an image', () => {
    expect(qrStringToImage('2@Jh7kq9,AbCdEf==,XyZ')).toBeUndefined();
    expect(qrStringToImage(Buffer.from('plain text').toString('base64'))).toBeUndefined();
    expect(qrStringToImage('')).toBeUndefined();
  });

  it('sniffs PNG, JPEG and GIF', () => {
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(new TextEncoder().encode('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(new TextEncoder().encode('{}'))).toBeUndefined();
  });

  it('loginQrImage finds the picture in every kind of login-qr answer', () => {
    const base64 = Buffer.from(PNG).toString('base64');
    expect(loginQrImage({ kind: 'image', mimeType: 'image/png', data: PNG })).toEqual({ mimeType: 'image/png', data: PNG });
    expect(loginQrImage({ kind: 'string', qrString: `data:image/png;base64,${base64}`, message: 'ok', code: null })).toEqual({
      mimeType: 'image/png',
      data: PNG,
    });
    const drawn = loginQrImage({ kind: 'string', qrString: '2@Jh7kq9,AbCdEf==,XyZ', message: 'ok', code: null });
    expect(drawn.mimeType).toBe('image/png');
    expect(sniffImageType(drawn.data)).toBe('image/png');
  });
});
