import { KasaneError, SAMPLE_PASSPHRASE, type AppStatus, type Session, type VaultKind } from '../../shared/contract';
import { IDLE_LOCK_MINUTES } from '../../shared/contract/settings';
import { appendAudit } from './audit/audit-log';
import { readKeyFile } from './vault/key-file';
import type { VaultPaths } from './vault/paths';
import {
  createVault,
  staffOf,
  unlockRetryAfterMs,
  unlockVault,
  vaultExists,
  vaultFiles,
  type CreateVaultOptions,
  type OpenVault,
} from './vault/vault';
import { seedSampleData } from './sample/sample-data';
import { seedTypicalOrganizations } from './directory/typical-organizations';
import { readSetting } from './settings/settings-repository';
import type { ScryptParams } from './vault/crypto';
import { roleOf } from './staff/staff-service';
import { createBackup, dailyBackupDue, readBackupSettings, runningBackup } from './backup/backup';

const noop = () => undefined;

export type LockReason = 'manual' | 'idle' | 'quit' | 'switch';

/**
 * The one vault this process works on, and whether it is unlocked. Owns the idle timer: the
 * core locks itself after the idle period even if the window is gone or frozen, and then
 * forgets the key (the DB connection is closed).
 */
export class VaultSession {
  private kind: VaultKind = 'main';
  private current: OpenVault | null = null;
  private lastActivity = 0;
  private idleMs = IDLE_LOCK_MINUTES.default * 60_000;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly paths: VaultPaths,
    private readonly clock: () => Date = () => new Date(),
    /** KDF parameters for new key slots (tests use cheaper ones); undefined means the default. */
    readonly scrypt?: ScryptParams,
  ) {
    this.timer = setInterval(() => {
      this.lockIfIdle();
      this.backupIfDue();
    }, 5_000);
    this.timer.unref();
  }

  get vaultKind(): VaultKind {
    return this.kind;
  }

  get dir(): string {
    return this.kind === 'main' ? this.paths.main : this.paths.sample;
  }

  /** The open vault, or vault_locked. */
  get vault(): OpenVault {
    if (!this.current) throw new KasaneError('vault_locked');
    return this.current;
  }

  get isUnlocked(): boolean {
    return this.current !== null;
  }

  touch(): void {
    this.lastActivity = this.clock().getTime();
  }

  setIdleMinutes(minutes: number): void {
    this.idleMs = minutes * 60_000;
  }

  lockIfIdle(): boolean {
    if (this.current && this.clock().getTime() - this.lastActivity >= this.idleMs) {
      void this.lock('idle');
      return true;
    }
    return false;
  }

  status(): Omit<AppStatus, 'prefs'> {
    const now = this.clock();
    const base = {
      vaultKind: this.kind,
      backupRunning: this.closing !== null || runningBackup(this.dir) !== null,
      mainExists: vaultExists(this.paths.main),
      sampleExists: vaultExists(this.paths.sample),
    };
    if (this.current) {
      return { ...base, state: 'unlocked', problem: null, staff: [this.current.staff], session: this.session(), retryAfterMs: 0 };
    }
    if (!vaultExists(this.dir)) return { ...base, state: 'none', problem: null, staff: [], session: null, retryAfterMs: 0 };
    try {
      const staff = staffOf(readKeyFile(vaultFiles(this.dir).keys));
      return { ...base, state: 'locked', problem: null, staff, session: null, retryAfterMs: unlockRetryAfterMs(this.dir, now) };
    } catch (err) {
      if (!(err instanceof KasaneError)) throw err;
      return { ...base, state: 'locked', problem: err.toShape(), staff: [], session: null, retryAfterMs: 0 };
    }
  }

  session(): Session {
    const { db, staff } = this.vault;
    return {
      vaultKind: this.kind,
      staff,
      role: roleOf(this.vault),
      municipalityName: readSetting(db, 'municipalityName'),
      secretariatName: readSetting(db, 'secretariatName'),
      idleLockMinutes: Number(readSetting(db, 'idleLockMinutes')),
    };
  }

  async create(input: Omit<CreateVaultOptions, 'now' | 'seed' | 'scrypt'>): Promise<Session> {
    await this.closing;
    if (this.current) throw new KasaneError('vault_already_unlocked');
    this.kind = 'main';
    const now = this.clock();
    return this.opened(
      await createVault(this.paths.main, { ...input, now, seed: (db) => seedTypicalOrganizations(db, now), ...this.scryptOption() }),
    );
  }

  /** Opens the sample vault, creating it with fresh sample data the first time. */
  async openSample(): Promise<Session> {
    if (this.current) await this.lock('switch');
    await this.closing;
    this.kind = 'sample';
    if (!vaultExists(this.paths.sample)) {
      const now = this.clock();
      return this.opened(
        await createVault(this.paths.sample, {
          municipalityName: 'みほん市',
          secretariatName: '福祉課 重層的支援推進係',
          staffName: '見本 花子',
          passphrase: SAMPLE_PASSPHRASE,
          now,
          seed: (db, staffId) => seedSampleData(db, staffId, now),
          ...this.scryptOption(),
        }),
      );
    }
    return this.unlock({ passphrase: SAMPLE_PASSPHRASE });
  }

  async select(kind: VaultKind): Promise<void> {
    if (this.current && this.kind !== kind) await this.lock('switch');
    this.kind = kind;
  }

  async unlock(input: { staffId?: string; passphrase: string }): Promise<Session> {
    await this.closing;
    if (this.current) throw new KasaneError('vault_already_unlocked');
    return this.opened(await unlockVault(this.dir, input, this.clock()));
  }

  /** Takes over a vault opened elsewhere in the core (the recovery key), as unlock does. */
  adopt(vault: OpenVault): Session {
    if (this.current) {
      vault.close();
      throw new KasaneError('vault_already_unlocked');
    }
    return this.opened(vault);
  }

  /** Settles when a lock that is still finishing (a backup on lock) has closed the vault. */
  private closing: Promise<void> | null = null;

  /** Settles once no lock is finishing: the vault's files are closed (before a restore or a recovery touches them). */
  async whenClosed(): Promise<void> {
    await this.closing;
  }

  /**
   * Locks at once (nothing can use the vault from here on), then closes it — after the backup
   * already running (a click, the daily one) and the backup on lock, when set up, have finished:
   * they run in a worker and need the vault's key and DB until they are recorded. Without a
   * backup to wait for, the vault is closed before this returns.
   */
  lock(reason: LockReason): Promise<void> {
    const open = this.current;
    if (!open) return this.closing ?? Promise.resolve();
    this.current = null;
    let backup: Promise<unknown> | null = null;
    try {
      appendAudit(open.db, { action: 'vault.locked', staffId: open.staff.id, details: { reason } }, this.clock());
      backup = this.backupOnLock(open);
    } finally {
      if (!backup) open.close();
    }
    if (!backup) return Promise.resolve();
    const closing = backup.then(noop, noop).finally(() => {
      open.close();
      if (this.closing === closing) this.closing = null;
    });
    this.closing = closing;
    return closing;
  }

  /**
   * On every lock and quit of the real vault, when set up: a failure is recorded and shown on the
   * home screen, never blocks the lock. Null when there is nothing to wait for.
   */
  private backupOnLock(open: OpenVault): Promise<unknown> | null {
    const settings = readBackupSettings(open.db);
    const inFlight = runningBackup(open.dir);
    if (this.kind !== 'main' || !settings.onLock || !settings.folder) return inFlight;
    // After the one already running (if any); a failure is recorded in the backups table.
    return (inFlight ?? Promise.resolve()).then(() => createBackup(open, 'lock', this.clock()));
  }

  /** Once a day while the app is open (checked with the idle timer, at most every ten minutes). */
  private lastDailyCheck = 0;
  private backupIfDue(): void {
    const now = this.clock();
    if (!this.current || this.kind !== 'main' || now.getTime() - this.lastDailyCheck < 600_000) return;
    this.lastDailyCheck = now.getTime();
    if (!dailyBackupDue(this.current.db, now)) return;
    // Runs in a worker while the app is used; recorded, and the home screen warns on failure.
    createBackup(this.current, 'daily', now).catch(noop);
  }

  dispose(): Promise<void> {
    clearInterval(this.timer);
    return this.lock('quit');
  }

  private opened(vault: OpenVault): Session {
    this.current = vault;
    this.setIdleMinutes(Number(readSetting(vault.db, 'idleLockMinutes')) || IDLE_LOCK_MINUTES.default);
    this.touch();
    return this.session();
  }

  private scryptOption(): { scrypt?: ScryptParams } {
    return this.scrypt ? { scrypt: this.scrypt } : {};
  }
}
