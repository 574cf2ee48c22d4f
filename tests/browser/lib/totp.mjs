// RFC 6238 time-based one-time passwords (HMAC-SHA-1, 30 s steps, 6 digits by default), as an
// authenticator app computes them from the base32 secret `binhyen demo` prints.
import { createHmac } from 'node:crypto';

const kBase32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

// Decodes RFC 4648 base32 (any case; spaces, dashes and '=' padding ignored). Throws on any
// other character.
export function Base32Decode(text) {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  const bytes = [];
  let bits = 0;
  let value = 0;
  for (const c of clean) {
    const index = kBase32Alphabet.indexOf(c);
    if (index < 0) throw new Error(`base32: invalid character ${JSON.stringify(c)}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

// The HOTP value (RFC 4226) of `key` (a Buffer) at `counter` (a non-negative integer).
export function Hotp(key, counter, digits = 6) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

// The TOTP code of the base32 `secret` at `unixSeconds`.
export function Totp(secret, unixSeconds, { step = 30, digits = 6 } = {}) {
  return Hotp(Base32Decode(secret), Math.floor(unixSeconds / step), digits);
}

// Seconds left in the current 30 s step at `unixSeconds`.
export function SecondsLeftInStep(unixSeconds, step = 30) {
  return step - (unixSeconds % step);
}
