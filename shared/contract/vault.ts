import { z } from 'zod';
import { method } from './define';
import { Session, VaultKind } from './app';

const name = (max: number) => z.string().trim().min(1).max(max);
/** Not trimmed: spaces can be part of a passphrase. Emptiness is its own, clearer error. */
export const Passphrase = z.string().max(1024);

export const CreateVaultInput = z
  .object({
    municipalityName: name(60),
    secretariatName: name(60),
    staffName: name(60),
    passphrase: Passphrase,
  })
  .strict();
export type CreateVaultInput = z.infer<typeof CreateVaultInput>;

export const UnlockInput = z
  .object({
    /** The staff account whose slot to try; when absent every slot is tried. */
    staffId: z.string().max(64).optional(),
    passphrase: Passphrase,
  })
  .strict();
export type UnlockInput = z.infer<typeof UnlockInput>;

export const vaultMethods = {
  'vault.create': method({ input: CreateVaultInput, output: Session, access: 'public' }),
  /** Creates (first time) and opens the separate vault of fictional sample data. */
  'vault.openSample': method({ input: z.object({}).strict(), output: Session, access: 'public' }),
  /** Locks whatever is open and selects which vault the window works on. */
  'vault.select': method({
    input: z.object({ kind: VaultKind }).strict(),
    output: z.object({ kind: VaultKind }),
    access: 'public',
  }),
  'vault.unlock': method({ input: UnlockInput, output: Session, access: 'public' }),
  'vault.lock': method({ input: z.object({}).strict(), output: z.object({ locked: z.literal(true) }), access: 'public' }),
};

/**
 * The sample vault holds only fictional data, so its passphrase is public: it is shown on the
 * unlock screen of the sample vault. It is never accepted for a real vault (that is a separate
 * folder with its own key file).
 */
export const SAMPLE_PASSPHRASE = 'sample-kasane-2026';
