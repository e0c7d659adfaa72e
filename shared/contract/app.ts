import { z } from 'zod';
import { method } from './define';

export const Locale = z.enum(['ja', 'en']);
export type Locale = z.infer<typeof Locale>;

/** Base text size: 16 px standard, larger for staff who need it. */
export const TextSize = z.enum(['standard', 'large', 'x-large']);
export type TextSize = z.infer<typeof TextSize>;

/** Preferences of this PC, readable before unlock (they hold no case data). */
export const Prefs = z.object({ locale: Locale, textSize: TextSize });
export type Prefs = z.infer<typeof Prefs>;

export const VaultKind = z.enum(['main', 'sample']);
export type VaultKind = z.infer<typeof VaultKind>;

export const StaffRef = z.object({ id: z.string(), name: z.string() });
export type StaffRef = z.infer<typeof StaffRef>;

/** 管理者 decides what weakens a safeguard (exemptions, staff, recovery key, settings); 職員 runs the meetings. */
export const StaffRole = z.enum(['administrator', 'staff']);
export type StaffRole = z.infer<typeof StaffRole>;

export const Session = z.object({
  vaultKind: VaultKind,
  staff: StaffRef,
  /** The signed-in account's role, read anew on every status (an administrator may change it). */
  role: StaffRole,
  municipalityName: z.string(),
  secretariatName: z.string(),
  idleLockMinutes: z.number().int(),
});
export type Session = z.infer<typeof Session>;

const ProblemShape = z.object({ code: z.string(), messageKey: z.string(), details: z.record(z.string(), z.unknown()) });

export const AppStatus = z.object({
  /** The vault this window works on: the real one, or the separate sample vault. */
  vaultKind: VaultKind,
  state: z.enum(['none', 'locked', 'unlocked']),
  /** Set when the selected vault's files cannot be used (corrupt, newer version …). */
  problem: ProblemShape.nullable(),
  mainExists: z.boolean(),
  sampleExists: z.boolean(),
  /** Staff accounts that may unlock (names only, from the key file), for the unlock screen. */
  staff: z.array(StaffRef),
  session: Session.nullable(),
  /** Milliseconds before another unlock attempt is accepted (grows with failures). */
  retryAfterMs: z.number().int().nonnegative(),
  /**
   * A backup is still being written (typically the one made on lock or quit, after the screen
   * already shows the unlock form): the PC should not be switched off yet.
   */
  backupRunning: z.boolean(),
  prefs: Prefs,
});
export type AppStatus = z.infer<typeof AppStatus>;

export const appMethods = {
  /** Polled by the renderer; does not count as activity, so polling never keeps a vault open. */
  'app.status': method({ input: z.object({}).strict(), output: AppStatus, access: 'public', activity: false }),
  'app.setPrefs': method({
    input: Prefs.partial().strict(),
    output: Prefs,
    access: 'public',
  }),
  /** Keeps the idle timer alive while the user types or clicks. */
  'session.touch': method({ input: z.object({}).strict(), output: z.object({ ok: z.literal(true) }), access: 'unlocked' }),
};
