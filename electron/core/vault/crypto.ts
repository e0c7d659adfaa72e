import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  scrypt,
  type KeyObject,
} from 'node:crypto';

/**
 * The cryptography of key slots (ARCHITECTURE.md, "The vault"):
 * - each staff account has an X25519 key pair; the private key is wrapped with AES-256-GCM
 *   under a key derived from the passphrase with scrypt;
 * - the random data key is sealed to each public key (ephemeral X25519 + HKDF-SHA256 +
 *   AES-256-GCM), so it can be re-sealed without anyone's passphrase.
 * Everything here is node:crypto; nothing is hand-rolled beyond composing these primitives.
 */

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** ~390 ms on the reference PC (STACK.md): slow enough to make guessing expensive. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

export interface Sealed {
  nonce: string; // base64
  ciphertext: string; // base64
  tag: string; // base64
}

const b64 = (b: Buffer) => b.toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');

export function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // NFC: the same passphrase typed through different IMEs must derive the same key.
    scrypt(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * params.N * params.r + 32 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export function aeadSeal(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce: b64(nonce), ciphertext: b64(ciphertext), tag: b64(cipher.getAuthTag()) };
}

/** Returns null when the key is wrong or anything was tampered with (GCM authentication). */
export function aeadOpen(key: Buffer, sealed: Sealed, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, unb64(sealed.nonce));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(unb64(sealed.tag));
    return Buffer.concat([decipher.update(unb64(sealed.ciphertext)), decipher.final()]);
  } catch {
    return null;
  }
}

export interface KeyPair {
  publicKey: string; // base64url raw X25519 public key (JWK x)
  privateKey: KeyObject;
}

export function generateKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return { publicKey: publicKey.export({ format: 'jwk' }).x as string, privateKey };
}

export function exportPrivateKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'pkcs8' });
}

export function importPrivateKey(der: Buffer): KeyObject {
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

function importPublicKey(x: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' });
}

export interface SealedToKey extends Sealed {
  ephemeralPublicKey: string;
}

function sealingKey(shared: Buffer, ephemeralPublicKey: string, recipientPublicKey: string): Buffer {
  const salt = Buffer.from(`${ephemeralPublicKey}.${recipientPublicKey}`, 'utf8');
  return Buffer.from(hkdfSync('sha256', shared, salt, 'kasane data key v1', 32));
}

/** Seals `secret` so that only the holder of the recipient's private key can open it. */
export function sealTo(recipientPublicKey: string, secret: Buffer, aad: string): SealedToKey {
  const eph = generateKeyPair();
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: importPublicKey(recipientPublicKey) });
  const key = sealingKey(shared, eph.publicKey, recipientPublicKey);
  return { ephemeralPublicKey: eph.publicKey, ...aeadSeal(key, secret, aad) };
}

export function openSealed(privateKey: KeyObject, recipientPublicKey: string, sealed: SealedToKey, aad: string): Buffer | null {
  try {
    const shared = diffieHellman({ privateKey, publicKey: importPublicKey(sealed.ephemeralPublicKey) });
    return aeadOpen(sealingKey(shared, sealed.ephemeralPublicKey, recipientPublicKey), sealed, aad);
  } catch {
    return null;
  }
}

export function randomId(bytes = 8): string {
  return randomBytes(bytes).toString('hex');
}
