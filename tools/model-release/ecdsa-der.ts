/**
 * ECDSA signature encodings. Key Vault returns r‖s, fixed width (RFC 7518, IEEE P1363); the
 * bundle carries ASN.1 DER `SEQUENCE { INTEGER r, INTEGER s }`, the only form the reference
 * verifier accepts.
 */

/** One DER INTEGER of an unsigned big-endian value: leading zeros stripped, a zero added when the high bit is set. */
function derInteger(value: Buffer): Buffer {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start++;
  let body = value.subarray(start);
  if (body[0] & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return Buffer.concat([Buffer.from([0x02, body.length]), body]);
}

/** r‖s (each `bytes` long) to DER; throws when the length is not twice `bytes`. */
export function p1363ToDer(raw: Buffer, bytes: number): Buffer {
  if (raw.length !== 2 * bytes)
    throw new Error(`an r‖s signature of ${2 * bytes} bytes was expected, got ${raw.length}`);
  const body = Buffer.concat([derInteger(raw.subarray(0, bytes)), derInteger(raw.subarray(bytes))]);
  // P-256 and P-384 bodies stay under 128 bytes: the short length form always fits.
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}
