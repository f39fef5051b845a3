/*
 * A 1-bit grayscale PNG writer. Hand-written rather than a library because core must stay pure (no `node:zlib`,
 * no `Buffer`, no Node APIs: it is bundled into n8n nodes and must load in any host), and every PNG library leans
 * on one of those. Deflate "stored" blocks need no compressor; at one bit a pixel a QR picture stays a few KB.
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The largest payload of one stored deflate block. */
const STORED_BLOCK_MAX = 0xffff;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309), as every PNG chunk carries. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** Adler-32, the checksum that ends a zlib stream. */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** A zlib stream of the bytes in stored (uncompressed) deflate blocks. */
export function zlibStored(bytes: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(bytes.length / STORED_BLOCK_MAX));
  const out = new Uint8Array(2 + blocks * 5 + bytes.length + 4);
  const view = new DataView(out.buffer);
  // CMF 0x78 (deflate, 32 KB window), FLG 0x01 makes the header a multiple of 31 with no dictionary.
  out[0] = 0x78;
  out[1] = 0x01;
  let at = 2;
  for (let block = 0; block < blocks; block += 1) {
    const start = block * STORED_BLOCK_MAX;
    const length = Math.min(STORED_BLOCK_MAX, bytes.length - start);
    out[at] = block === blocks - 1 ? 1 : 0;
    view.setUint16(at + 1, length, true);
    view.setUint16(at + 3, ~length & 0xffff, true);
    out.set(bytes.subarray(start, start + length), at + 5);
    at += 5 + length;
  }
  view.setUint32(at, adler32(bytes));
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i += 1) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * A black-and-white picture as PNG bytes (1-bit grayscale, 0 = black). `isBlack(x, y)` is asked once per pixel.
 */
export function bitmapToPng(width: number, height: number, isBlack: (x: number, y: number) => boolean): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`a PNG needs a whole width and height of at least 1, not ${width}×${height}`);
  }
  const rowBytes = 1 + Math.ceil(width / 8);
  const raw = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y += 1) {
    // Each row starts with filter type 0 (none); the bits default to 0 (black) and white pixels set theirs.
    for (let x = 0; x < width; x += 1) {
      if (!isBlack(x, y)) raw[y * rowBytes + 1 + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  // Bit depth 1, colour type 0 (grayscale), deflate, adaptive filtering, no interlace.
  header.set([1, 0, 0, 0, 0], 8);
  const parts = [new Uint8Array(SIGNATURE), chunk('IHDR', header), chunk('IDAT', zlibStored(raw)), chunk('IEND', new Uint8Array(0))];
  const png = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    png.set(part, at);
    at += part.length;
  }
  return png;
}
