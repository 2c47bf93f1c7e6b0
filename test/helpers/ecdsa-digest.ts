/**
 * ECDSA over a digest, as Azure Key Vault's sign operation does it: the caller hashes, the vault
 * signs the digest and answers r‖s. Node's crypto only signs messages (it hashes them itself), so
 * the fake vault in the Key Vault signer's test signs with this: textbook ECDSA in BigInt, on the
 * NIST curves (FIPS 186-4, D.1.2.3 and D.1.2.4). Test use only: not constant-time.
 */
import { type KeyObject, randomBytes } from 'crypto';

interface CurveParams {
  readonly p: bigint;
  readonly n: bigint;
  readonly g: readonly [bigint, bigint];
  readonly bytes: number;
}

const CURVES: Record<string, CurveParams> = {
  'P-256': {
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    g: [
      0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
      0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
    ],
    bytes: 32,
  },
  'P-384': {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    g: [
      0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
      0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
    ],
    bytes: 48,
  },
};

type Point = readonly [bigint, bigint] | null;

const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;

function inverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return mod(oldS, m);
}

function add(c: CurveParams, a: Point, b: Point): Point {
  if (a === null) return b;
  if (b === null) return a;
  if (a[0] === b[0] && mod(a[1] + b[1], c.p) === 0n) return null;
  const lambda =
    a[0] === b[0]
      ? mod((3n * a[0] * a[0] - 3n) * inverse(2n * a[1], c.p), c.p) // a = -3 on the NIST curves
      : mod((b[1] - a[1]) * inverse(b[0] - a[0], c.p), c.p);
  const x = mod(lambda * lambda - a[0] - b[0], c.p);
  return [x, mod(lambda * (a[0] - x) - a[1], c.p)];
}

function multiply(c: CurveParams, k: bigint, point: Point): Point {
  let result: Point = null;
  let addend = point;
  for (let bits = k; bits > 0n; bits >>= 1n) {
    if (bits & 1n) result = add(c, result, addend);
    addend = add(c, addend, addend);
  }
  return result;
}

const toBigInt = (bytes: Buffer) => BigInt(`0x${bytes.toString('hex') || '0'}`);
const toBytes = (value: bigint, length: number) => Buffer.from(value.toString(16).padStart(length * 2, '0'), 'hex');

/** The curve's name and private scalar of an EC private key. */
function scalarOf(privateKey: KeyObject): { curve: CurveParams; d: bigint } {
  const jwk = privateKey.export({ format: 'jwk' });
  const curve = CURVES[jwk.crv ?? ''];
  if (curve === undefined || jwk.d === undefined) throw new Error(`not a P-256 or P-384 private key: ${jwk.crv}`);
  return { curve, d: toBigInt(Buffer.from(jwk.d, 'base64url')) };
}

/** The public point d·G, as x and y bytes: a check of the constants above against node's own key. */
export function publicPoint(privateKey: KeyObject): { x: Buffer; y: Buffer } {
  const { curve, d } = scalarOf(privateKey);
  const point = multiply(curve, d, curve.g)!;
  return { x: toBytes(point[0], curve.bytes), y: toBytes(point[1], curve.bytes) };
}

/** The ECDSA signature of `digest` (as long as the curve's order) as r‖s. */
export function signDigestP1363(privateKey: KeyObject, digest: Buffer): Buffer {
  const { curve, d } = scalarOf(privateKey);
  const z = toBigInt(digest);
  for (;;) {
    const k = mod(toBigInt(randomBytes(curve.bytes + 8)), curve.n - 1n) + 1n;
    const r = mod(multiply(curve, k, curve.g)![0], curve.n);
    const s = mod(inverse(k, curve.n) * (z + r * d), curve.n);
    if (r !== 0n && s !== 0n) return Buffer.concat([toBytes(r, curve.bytes), toBytes(s, curve.bytes)]);
  }
}
