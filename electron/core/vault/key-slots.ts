import { randomBytes, type KeyObject } from 'node:crypto';
import { aeadOpen, aeadSeal, deriveKey, exportPrivateKey, importPrivateKey, openSealed, sealTo, DEFAULT_SCRYPT, type ScryptParams } from './crypto';
import { dataAad, privateAad, type KeyFile, type Slot } from './key-file';

/**
 * Slot operations split in two steps, so one KDF run (the slow, deliberate part) serves several
 * key files: while a key rotation is pending, the same wrapped private key sits in both
 * kasane.keys and kasane.keys.next, and each file seals a different data key to it.
 */

/** The slot's X25519 private key if `secret` (passphrase or recovery key) unwraps it, else null. */
export async function unwrapPrivateKey(file: Pick<KeyFile, 'vaultId'>, slot: Slot, secret: string): Promise<KeyObject | null> {
  const w = slot.wrappedPrivateKey;
  const kek = await deriveKey(secret, Buffer.from(w.salt, 'base64'), { N: w.N, r: w.r, p: w.p });
  const der = aeadOpen(kek, w, privateAad(file.vaultId, slot.id));
  kek.fill(0);
  if (!der) return null;
  try {
    return importPrivateKey(der);
  } catch {
    return null;
  } finally {
    der.fill(0);
  }
}

/** The data key sealed to this slot in `file`, or null. */
export function openDataKey(file: KeyFile, slot: Slot, privateKey: KeyObject): Buffer | null {
  return openSealed(privateKey, slot.publicKey, slot.sealedDataKey, dataAad(file, slot.id));
}

/** The same slot with `dataKey` sealed to its public key for `file`'s generation (no secret needed). */
export function resealSlot(file: Pick<KeyFile, 'vaultId' | 'generation'>, slot: Slot, dataKey: Buffer): Slot {
  return { ...slot, sealedDataKey: sealTo(slot.publicKey, dataKey, dataAad(file, slot.id)) };
}

/** The same slot (same key pair, same sealed data key) with its private key wrapped under a new secret. */
export async function rewrapSlot(
  file: Pick<KeyFile, 'vaultId'>,
  slot: Slot,
  privateKey: KeyObject,
  newSecret: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<Slot> {
  const salt = randomBytes(16);
  const kek = await deriveKey(newSecret, salt, params);
  const der = exportPrivateKey(privateKey);
  const wrapped = aeadSeal(kek, der, privateAad(file.vaultId, slot.id));
  kek.fill(0);
  der.fill(0);
  return { ...slot, wrappedPrivateKey: { kdf: 'scrypt', ...params, salt: salt.toString('base64'), ...wrapped } };
}
