import { z } from 'zod';
import { method } from './define';
import { Session, StaffRole } from './app';
import { Passphrase } from './vault';

// Methods of the staff feature: staff accounts (事務局職員), each with its own key slot; the
// recovery key; and unlocking with the recovery key.

const StaffId = z.string().min(1).max(64);

export const StaffMember = z.object({
  id: z.string(),
  name: z.string(),
  /** ISO instant; null when the DB has no row for the slot (should not happen). */
  createdAt: z.string().nullable(),
  /** The signed-in account. */
  isSelf: z.boolean(),
  role: StaffRole,
});
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffList = z.object({
  staff: z.array(StaffMember),
  recoveryKey: z.object({ exists: z.boolean(), createdAt: z.string().nullable() }),
  /** How many times the data key was rotated (0 for a new vault). */
  keyGeneration: z.number().int().nonnegative(),
});
export type StaffList = z.infer<typeof StaffList>;

export const AddStaffInput = z.object({ name: z.string().trim().min(1).max(60), passphrase: Passphrase, role: StaffRole.optional() }).strict();
export type AddStaffInput = z.infer<typeof AddStaffInput>;

export const RemoveStaffInput = z.object({ staffId: StaffId }).strict();
export type RemoveStaffInput = z.infer<typeof RemoveStaffInput>;

export const ChangePassphraseInput = z.object({ currentPassphrase: Passphrase, newPassphrase: Passphrase }).strict();
export type ChangePassphraseInput = z.infer<typeof ChangePassphraseInput>;

/** The printed form is 8 groups of 5 characters; spaces, hyphens and full-width input are accepted. */
export const RecoveryKeyText = z.string().max(200);

export const RecoverInput = z
  .object({ recoveryKey: RecoveryKeyText, staffId: StaffId, newPassphrase: Passphrase })
  .strict();
export type RecoverInput = z.infer<typeof RecoverInput>;

export const staffMethods = {
  'staff.list': method({ input: z.object({}).strict(), output: StaffList, access: 'unlocked' }),
  /** A new account is 職員 unless made 管理者. */
  'staff.add': method({ input: AddStaffInput, output: StaffMember, access: 'administrator' }),
  /** 管理者 ⇄ 職員; never one's own role, never the last administrator. */
  'staff.setRole': method({ input: z.object({ staffId: StaffId, role: StaffRole }).strict(), output: StaffMember, access: 'administrator' }),
  /** Removes the account's key slot and rotates the data key (may take seconds on a large vault). */
  'staff.remove': method({
    input: RemoveStaffInput,
    output: z.object({ removed: z.literal(true), generation: z.number().int(), ms: z.number().int() }),
    access: 'administrator',
  }),
  /** For the signed-in account. */
  'staff.changePassphrase': method({ input: ChangePassphraseInput, output: z.object({ changed: z.literal(true) }), access: 'unlocked' }),
  /**
   * Returns the recovery key text ONCE; it replaces any previous recovery key. With `withPdf`,
   * also the printable A4 sheet (generated in the core, from memory), made before anything is
   * saved: if printing fails, nothing changes.
   */
  'staff.createRecoveryKey': method({
    input: z.object({ withPdf: z.boolean().optional() }).strict(),
    output: z.object({
      recoveryKey: z.string(),
      createdAt: z.string(),
      pdf: z.object({ fileName: z.string(), pdfBase64: z.string() }).nullable(),
    }),
    access: 'administrator',
  }),
  /** Unlocks with the recovery key and sets a new passphrase for that staff account. */
  'vault.recover': method({ input: RecoverInput, output: Session, access: 'public' }),
};
