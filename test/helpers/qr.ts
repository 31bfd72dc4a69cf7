// Reads the QR code in a PNG the way a phone camera would, with a decoder independent of the encoder.
import jsqr from "jsqr";
import { PNG } from "pngjs";

// The package is a webpack UMD bundle: module.exports is the decoder and also carries it as `default`,
// while its typings describe an ES module; reach the function the same way under tsc and at run time.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = (jsqr as unknown as { default: Decode }).default;

/** The text of the one QR code in a PNG (null when none can be read) and the image size. */
export function decodeQr(png: Buffer): { text: string | null; width: number; height: number } {
  const img = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height);
  return { text: code?.data ?? null, width: img.width, height: img.height };
}
