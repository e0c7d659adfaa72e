import { existsSync } from 'node:fs';
import { formatWareki } from '../../../shared/domain/wareki';
import { KasaneError, type StaffList, type StaffMember, type StaffRole } from '../../../shared/contract';
import { appendAudit } from '../audit/audit-log';
import { readSetting } from '../settings/settings-repository';
import { recoveryKeySheet } from '../pdf/documents/recovery-key-sheet';
import { randomId, type ScryptParams } from '../vault/crypto';
import { createSlot, readKeyFile, writeKeyFile, type KeyFile, type Slot } from '../vault/key-file';
import { rewrapSlot, unwrapPrivateKey } from '../vault/key-slots';
import { generateRecoveryKey, parseRecoveryKey, recoveryKeyHintJa, RECOVERY_SCRYPT } from '../vault/recovery-key';
import { crashPoint, rotateDataKey } from '../vault/rotation';
import { checkNewPassphrase, openThroughSlot, unlockRetryAfterMs, vaultFiles, type OpenVault } from '../vault/vault';
import { clearAttempts, readAttempts, recordFailure } from '../vault/attempts';
import { clearRestoreMarker, readRestoreMarker, recordRestore } from '../backup/restore-marker';

/**
 * Staff accounts and the recovery key. Every account is one slot in kasane.keys (ARCHITECTURE.md,
 * "The vault") plus one row of the `staff` table; the key file is the truth for who can unlock,
 * the table for names, dates and removals (removed rows stay for the audit log).
 */

/** One key-file change at a time in this process (the vault lock keeps other processes out). */
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(fn: () => Promise<T> | T): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

const keysOf = (vault: OpenVault) => vaultFiles(vault.dir).keys;

/**
 * A copy of the data key for work that awaits (KDF, printing): if the vault is locked meanwhile,
 * its own key is zeroed, and nothing may then be sealed or written.
 */
async function withDataKey<T>(vault: OpenVault, fn: (dataKey: Buffer) => Promise<T>): Promise<T> {
  const dataKey = Buffer.from(vault.dataKey);
  try {
    return await fn(dataKey);
  } finally {
    dataKey.fill(0);
  }
}

function assertStillOpen(vault: OpenVault): void {
  if (!vault.db.open) throw new KasaneError('vault_locked');
}
const staffSlots = (file: KeyFile) => file.slots.filter((s) => s.kind === 'staff' && s.staffId);

function slotOf(file: KeyFile, staffId: string): Slot {
  const slot = file.slots.find((s) => s.kind === 'staff' && s.staffId === staffId);
  if (!slot) throw new KasaneError('staff_not_found');
  return slot;
}

export function listStaff(vault: OpenVault): StaffList {
  const file = readKeyFile(keysOf(vault));
  const row = vault.db.prepare('SELECT created_at, role FROM staff WHERE id = ?');
  const staff: StaffMember[] = staffSlots(file).map((s) => {
    const r = row.get(s.staffId) as { created_at: string; role: StaffRole } | undefined;
    return { id: s.staffId!, name: s.label, createdAt: r?.created_at ?? null, isSelf: s.staffId === vault.staff.id, role: r?.role ?? 'staff' };
  });
  const recovery = file.slots.some((s) => s.kind === 'recovery');
  const recoveryAt = recovery
    ? ((vault.db.prepare("SELECT at FROM audit_log WHERE action = 'recovery_key.created' ORDER BY seq DESC LIMIT 1").pluck().get() as
        | string
        | undefined) ?? null)
    : null;
  return { staff, recoveryKey: { exists: recovery, createdAt: recoveryAt }, keyGeneration: file.generation };
}

/** The role of an account as the vault holds it now (read on every call: an administrator may change it). */
export function roleOf(vault: OpenVault): StaffRole {
  return ((vault.db.prepare('SELECT role FROM staff WHERE id = ?').pluck().get(vault.staff.id) as StaffRole | undefined) ?? 'staff');
}

/** The last administrator stays one: someone must be able to decide what only an administrator may. */
function assertAnotherAdministrator(vault: OpenVault, staffId: string): void {
  const others = vault.db.prepare("SELECT count(*) FROM staff WHERE role = 'administrator' AND removed_at IS NULL AND id <> ?").pluck().get(staffId) as number;
  const role = vault.db.prepare('SELECT role FROM staff WHERE id = ?').pluck().get(staffId) as StaffRole | undefined;
  if (role === 'administrator' && others === 0) throw new KasaneError('last_administrator');
}

/** 管理者 ⇄ 職員, audited; never one's own role, never the last administrator. */
export function setRole(vault: OpenVault, staffId: string, role: StaffRole, now: Date): StaffMember {
  if (staffId === vault.staff.id) throw new KasaneError('cannot_change_own_role');
  slotOf(readKeyFile(keysOf(vault)), staffId);
  vault.db.transaction(() => {
    const before = vault.db.prepare('SELECT role FROM staff WHERE id = ? AND removed_at IS NULL').pluck().get(staffId) as StaffRole | undefined;
    if (!before) throw new KasaneError('staff_not_found');
    if (before === role) return;
    if (role === 'staff') assertAnotherAdministrator(vault, staffId);
    vault.db.prepare('UPDATE staff SET role = ? WHERE id = ?').run(role, staffId);
    appendAudit(vault.db, { action: 'staff.role_changed', staffId: vault.staff.id, subject: staffId, details: { previousRole: before, role } }, now);
  })();
  const member = listStaff(vault).staff.find((s) => s.id === staffId);
  if (!member) throw new KasaneError('staff_not_found');
  return member;
}

export function addStaff(vault: OpenVault, input: { name: string; passphrase: string; role?: StaffRole | undefined }, now: Date, scrypt?: ScryptParams): Promise<StaffMember> {
  return serial(async () => {
    assertStillOpen(vault);
    checkNewPassphrase(input.passphrase, [input.name, readSetting(vault.db, 'municipalityName')]);
    const file = readKeyFile(keysOf(vault));
    const staffId = randomId();
    const role: StaffRole = input.role ?? 'staff';
    const slot = await withDataKey(vault, (dataKey) =>
      createSlot(file, { kind: 'staff', staffId, label: input.name, passphrase: input.passphrase, dataKey, ...(scrypt ? { scrypt } : {}) }),
    );
    assertStillOpen(vault);
    // The row first: a crash before the key file is written leaves a row without a slot, which
    // no list shows and which cannot unlock. The reverse would leave an unaudited way in.
    vault.db.transaction(() => {
      vault.db.prepare('INSERT INTO staff (id, name, created_at, role) VALUES (?, ?, ?, ?)').run(staffId, input.name, now.toISOString(), role);
      appendAudit(vault.db, { action: 'staff.added', staffId: vault.staff.id, subject: staffId, details: { name: input.name, role } }, now);
    })();
    writeKeyFile(keysOf(vault), { ...file, slots: [...file.slots, slot] });
    return { id: staffId, name: input.name, createdAt: now.toISOString(), isSelf: false, role };
  });
}

/**
 * Removes an account: marks the row removed (the commit point, audited), then rotates the data
 * key without that slot. A crash after the mark is finished by whoever opens the vault next
 * (rotation.ts, settleKeys).
 */
export function removeStaff(vault: OpenVault, staffId: string, now: Date): Promise<{ removed: true; generation: number; ms: number }> {
  return serial(() => {
    assertStillOpen(vault);
    const file = readKeyFile(keysOf(vault));
    const slot = slotOf(file, staffId);
    if (staffSlots(file).length <= 1) throw new KasaneError('last_staff_account');
    if (staffId === vault.staff.id) throw new KasaneError('cannot_remove_self');
    assertAnotherAdministrator(vault, staffId);
    vault.db.transaction(() => {
      vault.db.prepare('UPDATE staff SET removed_at = ? WHERE id = ?').run(now.toISOString(), staffId);
      appendAudit(vault.db, { action: 'staff.removed', staffId: vault.staff.id, subject: staffId, details: { name: slot.label } }, now);
    })();
    crashPoint('after-removal-marked');
    const result = rotateDataKey(
      vault,
      file,
      file.slots.filter((s) => s.id !== slot.id),
      { staffId: vault.staff.id, now, details: { reason: 'staff.removed', removed: staffId } },
    );
    return { removed: true as const, generation: result.generation, ms: result.ms };
  });
}

export function changePassphrase(
  vault: OpenVault,
  input: { currentPassphrase: string; newPassphrase: string },
  now: Date,
  scrypt?: ScryptParams,
): Promise<{ changed: true }> {
  return serial(async () => {
    assertStillOpen(vault);
    const file = readKeyFile(keysOf(vault));
    const slot = slotOf(file, vault.staff.id);
    if (input.currentPassphrase.length === 0) throw new KasaneError('passphrase_empty');
    const privateKey = await unwrapPrivateKey(file, slot, input.currentPassphrase);
    if (!privateKey) throw new KasaneError('wrong_passphrase', { retryAfterMs: 0, seconds: 0 });
    checkNewPassphrase(input.newPassphrase, [vault.staff.name, readSetting(vault.db, 'municipalityName')]);
    const rewrapped = await rewrapSlot(file, slot, privateKey, input.newPassphrase, scrypt);
    assertStillOpen(vault);
    writeKeyFile(keysOf(vault), { ...file, slots: file.slots.map((s) => (s.id === slot.id ? rewrapped : s)) });
    appendAudit(vault.db, { action: 'staff.passphrase_changed', staffId: vault.staff.id, subject: vault.staff.id }, now);
    return { changed: true as const };
  });
}

function localDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * A new recovery key, returned once (only its slot is kept). It replaces the previous one; the
 * data key is not rotated for that, so an old recovery key still opens an old COPY of the key
 * file: remove a staff account (or rotate) if a printed key was lost.
 */
export function createRecoveryKey(
  vault: OpenVault,
  now: Date,
  print: ((html: string) => Promise<Buffer>) | null = null,
): Promise<{ recoveryKey: string; createdAt: string; pdf: { fileName: string; pdfBase64: string } | null }> {
  return serial(async () => {
    assertStillOpen(vault);
    const file = readKeyFile(keysOf(vault));
    const { text, secret } = generateRecoveryKey();
    const slot = await withDataKey(vault, (dataKey) =>
      createSlot(file, { kind: 'recovery', staffId: null, label: 'recovery', passphrase: secret, dataKey, scrypt: RECOVERY_SCRYPT }),
    );
    // The sheet first: if printing fails, the previous recovery key stays in force.
    let pdf: { fileName: string; pdfBase64: string } | null = null;
    if (print) {
      const createdOn = localDay(now);
      const html = recoveryKeySheet({
        municipalityName: readSetting(vault.db, 'municipalityName'),
        secretariatName: readSetting(vault.db, 'secretariatName'),
        createdOn,
        createdBy: vault.staff.name,
        recoveryKey: text,
      });
      pdf = { fileName: `回復キー_${formatWareki(createdOn)}.pdf`, pdfBase64: (await print(html)).toString('base64') };
    }
    assertStillOpen(vault);
    const replaced = file.slots.some((s) => s.kind === 'recovery');
    writeKeyFile(keysOf(vault), { ...file, slots: [...file.slots.filter((s) => s.kind !== 'recovery'), slot] });
    appendAudit(vault.db, { action: 'recovery_key.created', staffId: vault.staff.id, details: { replaced } }, now);
    return { recoveryKey: text, createdAt: now.toISOString(), pdf };
  });
}

/**
 * The secret of a typed recovery key. Its form is checked before any cryptography, so a typo is
 * a recovery_key_invalid that says which group to look at (the unlock screen and the restore of
 * a backup both use this).
 */
export function recoverySecret(recoveryKey: string): string {
  const parsed = parseRecoveryKey(recoveryKey);
  if (!parsed.ok) {
    const { ok: _ok, ...problem } = parsed;
    throw new KasaneError('recovery_key_invalid', { hint: recoveryKeyHintJa(problem), ...problem });
  }
  return parsed.secret;
}

/**
 * Opens the vault in `dir` through the recovery slot of `keyFile` (which must have one). Null
 * when the key does not open it; the caller counts the failure where it belongs.
 */
export async function openWithRecoveryKey(
  dir: string,
  keyFile: KeyFile,
  secret: string,
  staff: { id: string; name: string },
  now: Date,
): Promise<{ vault: OpenVault; keyFile: KeyFile } | null> {
  const recoverySlot = keyFile.slots.find((s) => s.kind === 'recovery');
  if (!recoverySlot) throw new KasaneError('no_recovery_key');
  const privateKey = await unwrapPrivateKey(keyFile, recoverySlot, secret);
  return privateKey ? openThroughSlot(dir, keyFile, recoverySlot, privateKey, staff, now) : null;
}

/**
 * Unlocks with the recovery key and gives `staffId` a new passphrase (a new key pair: the old
 * private key is wrapped under the forgotten passphrase). The form of the key is checked before
 * any cryptography, so a typo says which group to look at.
 */
export async function recoverVault(
  dir: string,
  input: { recoveryKey: string; staffId: string; newPassphrase: string },
  now: Date,
  scrypt?: ScryptParams,
): Promise<OpenVault> {
  const files = vaultFiles(dir);
  const wait = unlockRetryAfterMs(dir, now);
  if (wait > 0) throw new KasaneError('too_many_attempts', { retryAfterMs: wait, seconds: Math.ceil(wait / 1000) });
  const secret = recoverySecret(input.recoveryKey);
  const keyFile = readKeyFile(files.keys);
  if (!existsSync(files.db)) throw new KasaneError('db_file_missing');
  const recoverySlot = keyFile.slots.find((s) => s.kind === 'recovery');
  if (!recoverySlot) throw new KasaneError('no_recovery_key');
  const staffSlot = slotOf(keyFile, input.staffId);
  checkNewPassphrase(input.newPassphrase, [staffSlot.label]);

  const opened = await openWithRecoveryKey(dir, keyFile, secret, { id: input.staffId, name: staffSlot.label }, now);
  if (!opened) {
    recordFailure(files.attempts, { at: now.toISOString(), slotId: recoverySlot.id });
    throw new KasaneError('recovery_key_wrong');
  }
  const { vault, keyFile: current } = opened;
  try {
    const old = slotOf(current, input.staffId); // gone if a pending removal of this account was just finished
    const fresh = await createSlot(current, {
      kind: 'staff',
      staffId: input.staffId,
      label: old.label,
      passphrase: input.newPassphrase,
      dataKey: vault.dataKey,
      ...(scrypt ? { scrypt } : {}),
    });
    writeKeyFile(files.keys, { ...current, slots: current.slots.map((s) => (s.id === old.id ? fresh : s)) });
    const failures = readAttempts(files.attempts);
    const restored = readRestoreMarker(dir);
    vault.db.transaction(() => {
      if (restored) recordRestore(vault.db, restored);
      for (const f of failures) {
        appendAudit(vault.db, { action: 'vault.unlock_failed', staffId: keyFile.slots.find((s) => s.id === f.slotId)?.staffId ?? null, at: f.at });
      }
      appendAudit(vault.db, { action: 'vault.recovered', staffId: input.staffId, subject: input.staffId }, now);
    })();
    clearAttempts(files.attempts);
    if (restored) clearRestoreMarker(dir);
    return vault;
  } catch (err) {
    vault.close();
    throw err;
  }
}
