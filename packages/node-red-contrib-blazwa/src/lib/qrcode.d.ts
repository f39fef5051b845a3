// The one function of the qrcode package these nodes call (its own package ships no types).
declare module 'qrcode' {
  export function toBuffer(text: string, options?: { type?: 'png'; margin?: number; scale?: number }): Promise<Buffer>;
}
