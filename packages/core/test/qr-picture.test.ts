import * as zlib from 'node:zlib';
import { inflateSync } from 'node:zlib';
import jsQRModule from 'jsqr';
import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { BlazwaError, loginQrImage, qrTextToImage } from '../src/index.js';
import { adler32, bitmapToPng, crc32, zlibStored } from '../src/png.js';

// jsqr is CommonJS with `exports.default`; under NodeNext its default import is the module object.
type ReadQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: ReadQr }).default ?? jsQRModule) as unknown as ReadQr;

interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  /** 0 = black, 255 = white, one byte a pixel, row by row. */
  pixels: Uint8Array;
}

/** Reads a PNG back with Node's own zlib, checking every chunk's CRC with Node's own crc32. */
function decodePng(png: Uint8Array): DecodedPng {
  const bytes = Buffer.from(png);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    expect(bytes.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(zlibCrc32(bytes.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const header = chunks[0]!.data;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const raw = inflateSync(chunks[1]!.data);
  const rowBytes = 1 + Math.ceil(width / 8);
  expect(raw.length).toBe(rowBytes * height);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    expect(raw[y * rowBytes], 'filter type').toBe(0);
    for (let x = 0; x < width; x += 1) pixels[y * width + x] = raw[y * rowBytes + 1 + (x >> 3)]! & (0x80 >> (x & 7)) ? 255 : 0;
  }
  return { width, height, bitDepth: header[8]!, colourType: header[9]!, pixels };
}

function zlibCrc32(bytes: Uint8Array): number {
  // node:zlib has crc32 from Node 22; on older Node fall back to the table in the module under test.
  const fromNode = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  return fromNode ? fromNode(bytes) : crc32(bytes);
}

function toRgba(picture: DecodedPng): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(picture.width * picture.height * 4);
  picture.pixels.forEach((value, index) => rgba.set([value, value, value, 255], index * 4));
  return rgba;
}

// What WhatsApp's linking QR carries: a ref and three base64 keys, about 240 characters.
const WHATSAPP_TEXT = `2@${'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/'.repeat(2)},${'k'.repeat(44)}=,${'Zq9'.repeat(14)}Zq=,${'x'.repeat(43)}=`;

describe('the QR picture core draws for a text qr_string', () => {
  it('is a 1-bit grayscale PNG whose pixels are uqr’s module matrix, scaled, with the quiet zone', () => {
    const image = qrTextToImage(WHATSAPP_TEXT, { scale: 3, margin: 4 });
    expect(image.mimeType).toBe('image/png');
    const picture = decodePng(image.data);
    const matrix = encode(WHATSAPP_TEXT, { ecc: 'M', border: 4 }).data;
    expect(picture).toMatchObject({ width: matrix.length * 3, height: matrix.length * 3, bitDepth: 1, colourType: 0 });
    let mismatches = 0;
    for (let y = 0; y < picture.height; y += 1) {
      for (let x = 0; x < picture.width; x += 1) {
        const black = matrix[Math.floor(y / 3)]![Math.floor(x / 3)]!;
        if ((picture.pixels[y * picture.width + x] === 0) !== black) mismatches += 1;
      }
    }
    expect(mismatches).toBe(0);
    // The quiet zone is white all round.
    expect(picture.pixels.subarray(0, picture.width * 12).every((value) => value === 255)).toBe(true);
  });

  it('reads back, with a real QR reader, as exactly the text', () => {
    for (const text of [WHATSAPP_TEXT, 'hello', '2@ä€😀 non-ASCII, too']) {
      const picture = decodePng(loginQrImage({ kind: 'string', qrString: text, message: 'ok', code: null }).data);
      const read = jsQR(toRgba(picture), picture.width, picture.height);
      expect(read?.data).toBe(text);
    }
  });

  it('says clearly when there is nothing to draw or too much', () => {
    expect(() => qrTextToImage('')).toThrow(BlazwaError);
    expect(() => qrTextToImage('')).toThrow(/empty qr_string/);
    expect(() => qrTextToImage('x'.repeat(5000))).toThrow(/5000 characters\) is too long/);
    expect(() => qrTextToImage('x', { scale: 0 })).toThrow(/scale must be a whole number/);
  });
});

describe('the PNG writer', () => {
  it('has the checksums zlib itself computes', () => {
    const bytes = new TextEncoder().encode('The quick brown fox jumps over the lazy dog');
    expect(crc32(bytes)).toBe(0x414fa339);
    expect(adler32(bytes)).toBe(0x5bdc0fda);
  });

  it('splits data longer than one stored block and inflates back whole', () => {
    const bytes = new Uint8Array(200_000).map((_, index) => (index * 31) & 0xff);
    expect(Buffer.from(inflateSync(zlibStored(bytes))).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(inflateSync(zlibStored(new Uint8Array(0)))).length).toBe(0);
  });

  it('writes widths that are not a multiple of 8 bit for bit', () => {
    const picture = decodePng(bitmapToPng(11, 3, (x, y) => (x + y) % 2 === 0));
    expect(picture).toMatchObject({ width: 11, height: 3 });
    const expected = Array.from({ length: 33 }, (_, index) => (((index % 11) + Math.floor(index / 11)) % 2 === 0 ? 0 : 255));
    expect([...picture.pixels]).toEqual(expected);
    expect(() => bitmapToPng(0, 3, () => true)).toThrow(RangeError);
  });
});
