// The QR code of an enrollment's `otpauth://` URI, drawn here as SVG path data: no image service
// ever sees the TOTP secret in it. The encoding is lean-qr's "nano" build (MIT, no dependencies,
// ~2 KB gzip): this module is a chunk of its own that <auth0-authentication-methods> loads only
// when the user starts enrolling an authenticator app.
import { correction, generate } from 'lean-qr/nano';

/** A QR code as one SVG path: `size` modules a side, `path` the dark modules (one unit each). */
export interface QrPath {
  size: number;
  path: string;
}

/**
 * Encodes `text` (error correction M or better, as phone cameras read well at screen size) and
 * draws each row's runs of dark modules as rectangles of one path.
 */
export function qrPath(text: string): QrPath {
  const code = generate(text, { minCorrectionLevel: correction.M });
  let path = '';
  for (let y = 0; y < code.size; y++) {
    for (let x = 0; x < code.size; x++) {
      if (!code.get(x, y)) continue;
      const start = x;
      while (x + 1 < code.size && code.get(x + 1, y)) x++;
      path += `M${start} ${y}h${x - start + 1}v1H${start}z`;
    }
  }
  return { size: code.size, path };
}
