import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { KasaneError } from '../../../shared/contract';
import {
  aeadOpen,
  aeadSeal,
  deriveKey,
  exportPrivateKey,
  generateKeyPair,
  importPrivateKey,
  openSealed,
  randomId,
  sealTo,
  DEFAULT_SCRYPT,
  type ScryptParams,
} from './crypto';
import { writeFileAtomic } from './atomic-file';
import { randomBytes } from 'node:crypto';

/**
 * kasane.keys: one slot per staff account (and later the recovery key). It holds no secret in
 * the clear: each slot's private key is wrapped under its passphrase, and the data key is sealed
 * to each slot's public key. Staff names are stored so the unlock screen can offer them.
 */
export const KEY_FILE_VERSION = 1;

const SealedSchema = z.object({ nonce: z.string(), ciphertext: z.string(), tag: z.string() });

const SlotSchema = z.object({
  id: z.string(),
  kind: z.enum(['staff', 'recovery']),
  staffId: z.string().nullable(),
  label: z.string(),
  publicKey: z.string(),
  wrappedPrivateKey: SealedSchema.extend({
    kdf: z.literal('scrypt'),
    N: z.number().int().positive(),
    r: z.number().int().positive(),
    p: z.number().int().positive(),
    salt: z.string(),
  }),
  sealedDataKey: SealedSchema.extend({ ephemeralPublicKey: z.string() }),
});
export type Slot = z.infer<typeof SlotSchema>;

const KeyFileSchema = z.object({
  format: z.literal('kasane.keys'),
  version: z.number().int(),
  vaultId: z.string(),
  /** Incremented when the data key is rotated. */
  generation: z.number().int().nonnegative(),
  slots: z.array(SlotSchema).min(1),
});
export type KeyFile = z.infer<typeof KeyFileSchema>;

export const privateAad = (vaultId: string, slotId: string) => `${vaultId}:${slotId}:private-key`;
export const dataAad = (file: Pick<KeyFile, 'vaultId' | 'generation'>, slotId: string) =>
  `${file.vaultId}:${file.generation}:${slotId}:data-key`;

export function readKeyFile(path: string): KeyFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new KasaneError('keys_file_missing');
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KasaneError('keys_file_corrupt');
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > KEY_FILE_VERSION) throw new KasaneError('keys_file_newer');
  const parsed = KeyFileSchema.safeParse(json);
  if (!parsed.success) throw new KasaneError('keys_file_corrupt');
  return parsed.data;
}

export function writeKeyFile(path: string, file: KeyFile): void {
  writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
}

export async function createSlot(
  file: Pick<KeyFile, 'vaultId' | 'generation'>,
  opts: { kind: Slot['kind']; staffId: string | null; label: string; passphrase: string; dataKey: Buffer; scrypt?: ScryptParams },
): Promise<Slot> {
  const id = randomId();
  const params = opts.scrypt ?? DEFAULT_SCRYPT;
  const salt = randomBytes(16);
  const pair = generateKeyPair();
  const kek = await deriveKey(opts.passphrase, salt, params);
  const wrapped = aeadSeal(kek, exportPrivateKey(pair.privateKey), privateAad(file.vaultId, id));
  return {
    id,
    kind: opts.kind,
    staffId: opts.staffId,
    label: opts.label,
    publicKey: pair.publicKey,
    wrappedPrivateKey: { kdf: 'scrypt', ...params, salt: salt.toString('base64'), ...wrapped },
    sealedDataKey: sealTo(pair.publicKey, opts.dataKey, dataAad(file, id)),
  };
}

/** The data key if `passphrase` opens this slot, otherwise null. */
export async function openSlot(file: KeyFile, slot: Slot, passphrase: string): Promise<Buffer | null> {
  const w = slot.wrappedPrivateKey;
  const kek = await deriveKey(passphrase, Buffer.from(w.salt, 'base64'), { N: w.N, r: w.r, p: w.p });
  const der = aeadOpen(kek, w, privateAad(file.vaultId, slot.id));
  if (!der) return null;
  try {
    return openSealed(importPrivateKey(der), slot.publicKey, slot.sealedDataKey, dataAad(file, slot.id));
  } catch {
    return null;
  }
}
