import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BackupContents, BackupProgress, BackupRecord, BackupStatus, CaseDetail } from '../../../shared/contract';
import { storeAttachment } from '../attachments/attachment-repository';
import { Worker } from 'node:worker_threads';
import { vaultFiles } from '../vault/vault';
import type { BackupJobInput, BackupWorkerMessage } from './backup-worker';
import { GOOD_PASSPHRASE, VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import { contractCalls } from '../testing/contract-calls';
import type { Db } from '../vault/database';
import type { KasaneCore } from '../app';
import { pruneBackups } from './backup';
import { readBackupHeader } from './backup-file';
import { verifyVault } from '../vault/verify';
import { formatRecoveryKey } from '../vault/recovery-key';
import { main as kasane } from '../cli/main';

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
let clock = new Date('2026-11-23T10:00:00+09:00');
const { ok, fails } = contractCalls(() => core);
let folder: string;

beforeAll(async () => {
  t = tempHome();
  core = testCore(t.paths, () => clock);
  expect((await core.dispatch('vault.create', VAULT_INPUT)).ok).toBe(true);
  folder = join(t.home, 'usb');
  mkdirSync(folder);
});
afterAll(async () => {
  await core.close();
  t.cleanup();
});

/** Everything the vault says, table by table, as one hash (the audit log up to `auditSeq`). */
function contentHash(db: Db, auditSeq: number): string {
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%search%' AND name <> 'backups' ORDER BY name").pluck().all() as string[];
  for (const table of tables) {
    const where = table === 'audit_log' ? `WHERE seq <= ${auditSeq}` : '';
    hash.update(table);
    hash.update(JSON.stringify(db.prepare(`SELECT * FROM "${table}" ${where} ORDER BY rowid`).raw().all(), (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
  }
  return hash.digest('hex');
}
const db = () => core.session.vault.db;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const lastSeq = () => db().prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;

describe('backups', () => {
  it('refuses without a folder; writes one encrypted file named by time only, checked before it counts', async () => {
    expect((await fails('backup.now', {})).code).toBe('backup_folder_not_set');
    await ok('case.register', { initials: 'A・K', receivedOn: '2026-10-01', fullName: '山田 花子', householdNotes: '長男がひきこもり' });
    await ok<BackupStatus>('backup.configure', { folder });
    const done = await ok<BackupRecord>('backup.now', {});
    expect(done).toMatchObject({ ok: true, trigger: 'manual' });
    expect(done.fileName).toMatch(/^kasane-backup-\d{8}-\d{6}\.kasanebak$/);
    expect(readdirSync(folder)).toEqual([done.fileName]); // no partial files left
    const bytes = readFileSync(join(folder, done.fileName!));
    // (Staff names are readable in the key file by design: the unlock screen lists who may unlock.)
    for (const secret of ['山田 花子', 'ひきこもり', 'みほん市']) expect(bytes.includes(Buffer.from(secret))).toBe(false);
    const status = await ok<BackupStatus>('backup.status', {});
    expect(status).toMatchObject({ stale: false, folderReachable: true, lastGood: { fileName: done.fileName } });
    expect(status.files.map((f) => f.fileName)).toEqual([done.fileName]);
  });

  it('shows what a backup holds after unlocking it with a passphrase; a wrong passphrase or another file is refused', async () => {
    const [file] = readdirSync(folder);
    expect((await fails('backup.inspect', { file: join(folder, file!), passphrase: 'まちがい の あいことば 99' })).code).toBe('wrong_passphrase');
    writeFileSync(join(t.home, 'not-a-backup.kasanebak'), 'hello');
    expect((await fails('backup.inspect', { file: join(t.home, 'not-a-backup.kasanebak'), passphrase: GOOD_PASSPHRASE })).code).toBe('backup_not_a_backup');
    const truncated = readFileSync(join(folder, file!)).subarray(0, 5000);
    writeFileSync(join(t.home, 'truncated.kasanebak'), truncated);
    expect((await fails('backup.inspect', { file: join(t.home, 'truncated.kasanebak'), passphrase: GOOD_PASSPHRASE })).code).toBe('backup_damaged');
    clock = new Date(clock.getTime() + 1500); // past the one-second wait after the mistake
    const contents = await ok<BackupContents>('backup.inspect', { file: join(folder, file!), passphrase: GOOD_PASSPHRASE });
    expect(contents).toMatchObject({ municipalityName: 'みほん市', staffNames: ['試験 太郎'], verified: true, counts: { cases: 1 } });
  });

  it('backup → more work → restore: the restored vault has exactly the backed-up content; the later vault is kept aside', async () => {
    const beforeSeq = lastSeq();
    const done = await ok<BackupRecord>('backup.now', {});
    const atBackup = contentHash(db(), beforeSeq);
    await ok<CaseDetail>('case.register', { initials: 'B・S', receivedOn: '2026-11-01' });
    expect((await fails('backup.restore', { file: join(folder, done.fileName!), passphrase: GOOD_PASSPHRASE })).code).toBe('restore_vault_unlocked');
    await ok('vault.lock', {});
    await core.session.whenClosed(); // the backup on lock finishes after the lock answers
    const file = join(folder, done.fileName!);
    const restored = await ok<{ contents: BackupContents; keptAside: string }>('backup.restore', { file, passphrase: GOOD_PASSPHRASE });
    expect(restored.contents.counts.cases).toBe(1);
    expect(existsSync(join(restored.keptAside, 'kasane.db'))).toBe(true);
    // The vault's files are the backup's bytes; beside them, the marker of the restore (no case data, no secret).
    expect(sha256(readFileSync(join(t.paths.main, 'kasane.db')))).toBe(readBackupHeader(file).header.dbSha256);
    const markerFile = join(t.paths.main, 'kasane.restored.json');
    const marker = readFileSync(markerFile, 'utf8');
    expect(JSON.parse(marker)).toEqual({
      format: 1,
      folder,
      fileName: done.fileName,
      sizeBytes: done.sizeBytes,
      sha256: sha256(readFileSync(file)),
      createdAt: done.at,
      trigger: 'manual',
      restoredAt: clock.toISOString(),
      keptAside: restored.keptAside,
      openedBy: expect.any(String),
      withRecoveryKey: false,
    });
    for (const secret of [GOOD_PASSPHRASE, '山田 花子', 'A・K']) expect(marker).not.toContain(secret);

    expect((await core.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE })).ok).toBe(true);
    expect(contentHash(db(), beforeSeq)).toBe(atBackup);
    expect((await ok<unknown[]>('case.list', {})).length).toBe(1);
    // The unlock wrote the restore into the vault: an audit entry, and the restored backup as the last good one.
    const entries = () => db().prepare("SELECT staff_id, at, details FROM audit_log WHERE action = 'backup.restored'").all() as { staff_id: string; at: string; details: string }[];
    expect(entries()).toHaveLength(1);
    expect(entries()[0]).toMatchObject({ staff_id: core.session.vault.staff.id, at: clock.toISOString() });
    expect(JSON.parse(entries()[0]!.details)).toEqual({ fileName: done.fileName, createdAt: done.at, sha256: JSON.parse(marker).sha256, keptAside: restored.keptAside, withRecoveryKey: false });
    expect(verifyVault(db()).ok).toBe(true);
    const status = await ok<BackupStatus>('backup.status', {});
    expect(status.lastGood).toEqual({ at: done.at, folder, fileName: done.fileName, sizeBytes: done.sizeBytes, durationMs: null, trigger: 'manual', ok: true, errorCode: null });
    expect(status.stale).toBe(false);
    expect(existsSync(markerFile)).toBe(false);
    // Once: the next unlock writes nothing more.
    await ok('backup.configure', { onLock: false });
    await ok('vault.lock', {});
    await core.session.whenClosed(); // the backup on lock finishes after the lock answers
    expect((await core.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE })).ok).toBe(true);
    expect(entries()).toHaveLength(1);
    await ok('backup.configure', { onLock: true });
  });

  it('keeps the newest N plus the newest of each month', () => {
    const dir = join(t.home, 'prune');
    mkdirSync(dir);
    const names = ['20260105-100000', '20260120-100000', '20260203-100000', '20260210-100000', '20260211-100000', '20260212-100000'].map((s) => `kasane-backup-${s}.kasanebak`);
    for (const n of names) writeFileSync(join(dir, n), '');
    pruneBackups(dir, 2);
    // Newest two (12 and 11 Feb) and the newest of January; 10 and 3 Feb and 5 Jan go.
    expect(readdirSync(dir).sort()).toEqual([names[1], names[4], names[5]].sort());
  });

  it('backs up on lock when set to, and says on the home screen when the last good backup is older than 7 days', async () => {
    const count = () => readdirSync(folder).length;
    const before = count();
    clock = new Date('2026-11-23T11:00:05+09:00');
    await ok('vault.lock', {});
    await core.session.whenClosed(); // the backup on lock finishes after the lock answers
    expect(count()).toBe(before + 1);
    clock = new Date('2026-12-05T09:00:00+09:00');
    expect((await core.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE })).ok).toBe(true);
    await ok('backup.configure', { onLock: false, daily: false });
    expect((await ok<BackupStatus>('backup.status', {})).stale).toBe(true);
  });
});

/** Every file under the vault's parent folder with its SHA-256: what "nothing changed on disk" means. */
function diskState(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, name.name);
      if (name.isDirectory()) walk(p);
      else out[p] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** One character of group `group` (1-based) changed: the form check catches it before any cryptography. */
function withTypo(key: string, group: number): string {
  const groups = key.split('-');
  const g = groups[group - 1]!;
  groups[group - 1] = (g[0] === '7' ? '8' : '7') + g.slice(1);
  return groups.join('-');
}

describe('a backup runs beside the app (in a worker thread)', () => {
  let home: ReturnType<typeof tempHome>;
  let bcore: KasaneCore;
  const calls = contractCalls(() => bcore);
  let usb: string;

  beforeAll(async () => {
    home = tempHome();
    bcore = testCore(home.paths);
    await calls.ok('vault.create', VAULT_INPUT);
    usb = join(home.home, 'usb');
    mkdirSync(usb);
    await calls.ok('backup.configure', { folder: usb, daily: false, onLock: true });
    await calls.ok('case.register', { initials: 'A・K', receivedOn: '2026-10-01' });
    // Scanned materials: 24 MB that does not compress, so each step of the backup has bytes to go through.
    const v = bcore.session.vault;
    for (let i = 0; i < 6; i++) {
      const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4 * 1024 * 1024)]);
      storeAttachment(v.db, { fileName: `資料${i + 1}.pdf`, mediaType: 'application/pdf', bytes }, v.staff.id, new Date());
    }
  });
  afterAll(async () => {
    await bcore.close();
    home.cleanup();
  });

  it('other calls answer while it runs; its progress goes through the snapshot, the check and the writing; one at a time', async () => {
    expect(await calls.ok('backup.progress', {})).toBeNull();
    const order: string[] = [];
    const backup = bcore.dispatch('backup.now', {}).then((r) => (order.push('backup.now'), r));
    const list = bcore.dispatch('case.list', {}).then((r) => (order.push('case.list'), r));
    const status = bcore.dispatch('app.status', {}).then((r) => (order.push('app.status'), r));
    expect((await calls.fails('backup.now', {})).code).toBe('backup_in_progress');
    let finished = false;
    void backup.then(() => (finished = true));
    const samples: BackupProgress[] = [];
    while (!finished) {
      const p = await calls.ok<BackupProgress | null>('backup.progress', {});
      if (p) samples.push(p);
      await new Promise((r) => setImmediate(r));
    }
    expect((await list).ok && (await status).ok).toBe(true);
    const done = await backup;
    expect(done).toMatchObject({ ok: true, value: { ok: true, trigger: 'manual' } });
    // The other calls were answered while the backup was still running.
    expect(order).toEqual(['case.list', 'app.status', 'backup.now']);
    expect(await calls.ok('backup.progress', {})).toBeNull();

    // The phases in order, each seen; within a phase, done only grows and never passes total.
    const phases = samples.map((s) => s.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(['snapshot', 'check', 'write']);
    for (const phase of ['snapshot', 'write'] as const) {
      const dones = samples.filter((s) => s.phase === phase).map((s) => s.done);
      expect(dones, phase).toEqual([...dones].sort((a, b) => a - b));
      expect(new Set(dones).size, `${phase}: progress moves`).toBeGreaterThan(1);
    }
    for (const s of samples) expect(s.done).toBeLessThanOrEqual(s.total);
    const snapshotTotal = samples.find((s) => s.phase === 'snapshot')!.total;
    expect(snapshotTotal).toBeGreaterThan(24 * 1024 * 1024);
    expect(samples.filter((s) => s.phase === 'write').at(-1)!.total).toBeGreaterThan(24 * 1024 * 1024);
    expect(new Set(samples.map((s) => s.startedAt)).size).toBe(1);
    // The file it wrote opens and holds the materials.
    const record = (done as { value: BackupRecord }).value;
    await calls.ok('vault.lock', {});
    await bcore.session.whenClosed(); // the backup on lock finishes after the lock answers
    const contents = await calls.ok<BackupContents>('backup.inspect', { file: join(usb, record.fileName!), passphrase: GOOD_PASSPHRASE });
    expect(contents).toMatchObject({ verified: true, counts: { cases: 1 } });
    expect((await bcore.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE })).ok).toBe(true);
  });

  it('locking while a backup runs locks at once, and closes the vault only after that backup and the backup on lock', async () => {
    const before = readdirSync(usb).length;
    const order: string[] = [];
    const backup = bcore.dispatch('backup.now', {}).then((r) => (order.push('backup.now'), r));
    const lock = bcore.dispatch('vault.lock', {}).then((r) => (order.push('vault.lock'), r));
    const closed = lock.then(() => bcore.session.whenClosed()).then(() => order.push('closed'));
    // Locked at once: nothing can use the vault any more while the backups finish, and the
    // unlock screen is told a backup is still being written.
    expect((await bcore.dispatch('case.list', {})).ok).toBe(false);
    const during = await bcore.dispatch('app.status', {});
    expect(during.ok && during.value).toMatchObject({ state: 'locked', backupRunning: true });
    // The lock answers at once (the screen locks); the vault closes after both backups.
    expect((await lock).ok).toBe(true);
    await closed;
    const after = await bcore.dispatch('app.status', {});
    expect(after.ok && after.value).toMatchObject({ state: 'locked', backupRunning: false });
    expect(order).toEqual(['vault.lock', 'backup.now', 'closed']);
    expect((await backup).ok).toBe(true);
    expect(readdirSync(usb).filter((n) => n.endsWith('.kasanebak'))).toHaveLength(before + 2);
    expect(readdirSync(usb).filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(existsSync(join(home.paths.main, 'kasane.lock'))).toBe(false); // closed
    expect((await bcore.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE })).ok).toBe(true);
    const triggers = bcore.session.vault.db.prepare('SELECT trigger FROM backups WHERE ok = 1 ORDER BY id DESC LIMIT 2').pluck().all();
    expect(triggers).toEqual(['lock', 'manual']);
  });

  it('an idle lock still finishing its backup: unlocking right away waits until the vault is closed', async () => {
    const count = () => readdirSync(usb).filter((n) => n.endsWith('.kasanebak')).length;
    const before = count();
    void bcore.session.lock('idle'); // as the idle timer does, without waiting
    expect(bcore.session.isUnlocked).toBe(false);
    expect((await bcore.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE })).ok).toBe(true);
    expect(count()).toBe(before + 1);
    const reasons = bcore.session.vault.db.prepare("SELECT details FROM audit_log WHERE action = 'vault.locked' ORDER BY seq DESC LIMIT 1").pluck().get();
    expect(reasons).toBe('{"reason":"idle"}');
  });

  it('the worker as the Electron app ships it (its own bundle, dist/electron/backup-worker.cjs) makes a backup that opens', async () => {
    const out = join(home.home, 'bundle');
    execFileSync(process.execPath, [join(import.meta.dirname, '../../../scripts/build-electron.mjs'), `--outdir=${out}`, '--only=backupWorker'], { stdio: 'ignore' });
    const folder = join(home.home, 'bundle-backups');
    mkdirSync(folder);
    const target = join(folder, 'kasane-backup-20261201-090000.kasanebak');
    const v = bcore.session.vault;
    // In the app the bundle sits in dist/electron/, below node_modules; here the native module is found through NODE_PATH.
    const worker = new Worker(join(out, 'backup-worker.cjs'), { env: { ...process.env, NODE_PATH: join(import.meta.dirname, '../../../node_modules') } });
    try {
      const messages: BackupWorkerMessage[] = [];
      const last = new Promise<BackupWorkerMessage>((resolve, reject) => {
        worker.on('message', (m: BackupWorkerMessage) => {
          messages.push(m);
          if (m.type === 'done' || m.type === 'failed') resolve(m);
        });
        worker.on('error', reject);
      });
      const key = new Uint8Array(v.dataKey);
      const job: BackupJobInput = {
        dbFile: vaultFiles(v.dir).db,
        snapshot: join(folder, '.snapshot.partial'),
        packing: join(folder, '.packing.partial'),
        target,
        keys: readFileSync(vaultFiles(v.dir).keys),
        createdAt: '2026-12-01T00:00:00.000Z',
        trigger: 'manual',
        dataKey: key.buffer,
      };
      worker.postMessage(job, [key.buffer]);
      expect(await last).toMatchObject({ type: 'done', header: { createdAt: '2026-12-01T00:00:00.000Z', trigger: 'manual' } });
      expect(messages.flatMap((m) => (m.type === 'phase' ? [m.phase] : []))).toEqual(['snapshot', 'check', 'write']);
    } finally {
      await worker.terminate();
    }
    expect(readdirSync(folder)).toEqual([basename(target)]);
    await calls.ok('vault.lock', {});
    await bcore.session.whenClosed(); // the backup on lock finishes after the lock answers
    expect(await calls.ok<BackupContents>('backup.inspect', { file: target, passphrase: GOOD_PASSPHRASE })).toMatchObject({ verified: true, counts: { cases: 1 } });
    expect((await bcore.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE })).ok).toBe(true);
  }, 60_000);
});

describe('wrong passphrases on a backup slow the next attempt, as on the unlock screen', () => {
  let home: ReturnType<typeof tempHome>;
  let wcore: KasaneCore;
  const calls = contractCalls(() => wcore);
  let now = new Date('2026-11-25T10:00:00+09:00');
  const later = (ms: number) => (now = new Date(now.getTime() + ms));
  let file: string;

  beforeAll(async () => {
    home = tempHome();
    wcore = testCore(home.paths, () => now);
    await calls.ok('vault.create', VAULT_INPUT);
    mkdirSync(join(home.home, 'usb'));
    await calls.ok('backup.configure', { folder: join(home.home, 'usb'), onLock: false, daily: false });
    file = join(home.home, 'usb', (await calls.ok<BackupRecord>('backup.now', {})).fileName!);
    await calls.ok('vault.lock', {});
    await wcore.session.whenClosed(); // the backup on lock finishes after the lock answers
  });
  afterAll(async () => {
    await wcore.close();
    home.cleanup();
  });

  it('two wrong passphrases → the right one waits until the delay has passed, on any copy of the file, for inspect and restore', async () => {
    const WRONG = 'まちがい の あいことば 99';
    expect(await calls.fails('backup.inspect', { file, passphrase: WRONG })).toMatchObject({ code: 'wrong_passphrase', details: { seconds: 1 } });
    later(1100);
    expect(await calls.fails('backup.inspect', { file, passphrase: WRONG })).toMatchObject({ code: 'wrong_passphrase', details: { seconds: 2 } });
    // The same error and words as the unlock screen while it waits, even with the right passphrase.
    later(500);
    const refused = await calls.fails('backup.inspect', { file, passphrase: GOOD_PASSPHRASE });
    expect(refused).toMatchObject({ code: 'too_many_attempts', details: { retryAfterMs: 1500, seconds: 2 } });
    expect((await calls.fails('backup.restore', { file, passphrase: GOOD_PASSPHRASE })).code).toBe('too_many_attempts');
    // Renaming or copying the file does not start the count again.
    const copy = join(home.home, 'renamed.kasanebak');
    copyFileSync(file, copy);
    expect((await calls.fails('backup.inspect', { file: copy, passphrase: GOOD_PASSPHRASE })).code).toBe('too_many_attempts');
    later(1499);
    expect((await calls.fails('backup.inspect', { file, passphrase: GOOD_PASSPHRASE })).code).toBe('too_many_attempts');
    later(1);
    const contents = await calls.ok<BackupContents>('backup.inspect', { file: copy, passphrase: GOOD_PASSPHRASE });
    expect(contents.verified).toBe(true);
    // A success clears the count: the next mistake waits one second again.
    expect(await calls.fails('backup.inspect', { file, passphrase: WRONG })).toMatchObject({ code: 'wrong_passphrase', details: { seconds: 1 } });
  });
});

describe('restoring with the recovery key', () => {
  let home: ReturnType<typeof tempHome>;
  let rcore: KasaneCore;
  const calls = contractCalls(() => rcore);
  let usb: string;
  let recoveryKey: string;
  let withKey: string;
  let beforeKey: string;
  // An hour ago: the kasane command below runs on the real clock, after these calls.
  let now = new Date(Date.now() - 3_600_000);

  beforeAll(async () => {
    home = tempHome();
    rcore = testCore(home.paths, () => now);
    await calls.ok('vault.create', VAULT_INPUT);
    usb = join(home.home, 'usb');
    mkdirSync(usb);
    await calls.ok('backup.configure', { folder: usb, onLock: false, daily: false });
    await calls.ok('case.register', { initials: 'A・K', receivedOn: '2026-10-01' });
    beforeKey = join(usb, (await calls.ok<BackupRecord>('backup.now', {})).fileName!);
    recoveryKey = (await calls.ok<{ recoveryKey: string }>('staff.createRecoveryKey', {})).recoveryKey;
    await calls.ok('case.register', { initials: 'B・S', receivedOn: '2026-10-02' });
    withKey = join(usb, (await calls.ok<BackupRecord>('backup.now', {})).fileName!);
    await calls.ok('case.register', { initials: 'C・T', receivedOn: '2026-10-03' }); // after both backups
    await calls.ok('vault.lock', {});
    await rcore.session.whenClosed(); // the backup on lock finishes after the lock answers
  });
  afterAll(async () => {
    await rcore.close();
    home.cleanup();
  });

  it('a typo in the key is refused with the group to look at, before anything is written', async () => {
    const before = diskState(home.home);
    const typo = await calls.fails('backup.restore', { file: withKey, recoveryKey: withTypo(recoveryKey, 3) });
    expect(typo).toMatchObject({ code: 'recovery_key_invalid', details: { reason: 'group', group: 3, hint: '3番目のグループに誤りがあります' } });
    const short = await calls.fails('backup.inspect', { file: withKey, recoveryKey: recoveryKey.slice(0, 20) });
    expect(short).toMatchObject({ code: 'recovery_key_invalid', details: { reason: 'length' } });
    expect(diskState(home.home)).toEqual(before);
    // The unlock screen gives the same error for the same typo.
    expect((await calls.fails('vault.recover', { recoveryKey: withTypo(recoveryKey, 3), staffId: 'x', newPassphrase: 'ゆうなぎ 灯台 2042 つばくらめ' })).details).toEqual(typo.details);
  });

  it('a key that does not open this backup, and a backup made before any recovery key, are told apart', async () => {
    const other = formatRecoveryKey(randomBytes(20));
    expect(await calls.fails('backup.inspect', { file: withKey, recoveryKey: other })).toMatchObject({ code: 'backup_recovery_key_wrong', details: { seconds: 1 } });
    // Counted like a wrong passphrase: the right key waits for the delay too.
    expect((await calls.fails('backup.inspect', { file: withKey, recoveryKey })).code).toBe('too_many_attempts');
    now = new Date(now.getTime() + 1000);
    expect((await calls.fails('backup.inspect', { file: beforeKey, recoveryKey })).code).toBe('backup_no_recovery_key');
    // Not both at once, and not neither.
    expect((await calls.fails('backup.inspect', { file: withKey, recoveryKey, passphrase: GOOD_PASSPHRASE })).code).toBe('validation_failed');
    expect((await calls.fails('backup.inspect', { file: withKey })).code).toBe('validation_failed');
  });

  it('inspect and restore with the key; then the restored vault opens with the key and a new passphrase', async () => {
    const contents = await calls.ok<BackupContents>('backup.inspect', { file: withKey, recoveryKey: recoveryKey.toLowerCase().replaceAll('-', ' ') });
    expect(contents).toMatchObject({ verified: true, staffNames: ['試験 太郎'], counts: { cases: 2 } });
    const restored = await calls.ok<{ contents: BackupContents; keptAside: string }>('backup.restore', { file: withKey, recoveryKey });
    expect(restored.contents.counts.cases).toBe(2);
    expect(existsSync(join(restored.keptAside, 'kasane.db'))).toBe(true);
    const status = await calls.ok<{ staff: { id: string }[] }>('app.status', {});
    const NEW = 'ゆうなぎ 灯台 2042 つばくらめ';
    await calls.ok('vault.recover', { recoveryKey, staffId: status.staff[0]!.id, newPassphrase: NEW });
    expect((await calls.ok<unknown[]>('case.list', {})).length).toBe(2);
    // Unlocking through the recovery key writes the restore too, in nobody's name (the key opened the backup).
    const entry = rcore.session.vault.db.prepare("SELECT staff_id, details FROM audit_log WHERE action = 'backup.restored'").get() as { staff_id: string | null; details: string };
    expect(entry.staff_id).toBeNull();
    expect(JSON.parse(entry.details)).toMatchObject({ fileName: basename(withKey), withRecoveryKey: true });
    expect((await calls.ok<BackupStatus>('backup.status', {})).lastGood).toMatchObject({ fileName: basename(withKey), ok: true });
    await calls.ok('vault.lock', {});
    await rcore.session.whenClosed(); // the backup on lock finishes after the lock answers
    expect((await rcore.dispatch('vault.unlock', { passphrase: NEW })).ok).toBe(true);
    await calls.ok('vault.lock', {});
    await rcore.session.whenClosed(); // the backup on lock finishes after the lock answers
  });

  it('kasane restore --recovery-key asks for the key instead of the passphrase', async () => {
    const env = { KASANE_HOME: home.home, KASANE_RECOVERY_KEY: recoveryKey };
    const quiet = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const quietErr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await kasane(['restore', '--from', withKey, '--recovery-key', '--yes'], { ...env, KASANE_RECOVERY_KEY: withTypo(recoveryKey, 2) })).toBe(1);
      expect(quietErr.mock.calls.flat().join('\n')).toContain('回復キーの形式が正しくありません（2番目のグループに誤りがあります）');
      expect(await kasane(['restore', '--from', beforeKey, '--recovery-key', '--yes'], env)).toBe(1);
      expect(await kasane(['restore', '--from', withKey, '--recovery-key', '--yes'], env)).toBe(0);
      expect(quiet.mock.calls.flat().join('\n')).toMatch(/復元しました/);
    } finally {
      quiet.mockRestore();
      quietErr.mockRestore();
    }
  });
});

/** A real small or read-only file system (tmpfs) where one can be mounted; otherwise the test says why it did not run. */
function mountTmpfs(dir: string, options: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const unmount = (dir: string) => execFileSync('umount', [dir], { stdio: 'ignore' });
const canMount = (() => {
  const home = tempHome();
  try {
    const probe = join(home.home, 'probe');
    if (!mountTmpfs(probe, 'size=64k')) return false;
    unmount(probe);
    return true;
  } finally {
    home.cleanup();
  }
})();

describe.skipIf(!canMount)('a full or read-only backup folder (tmpfs mounts; skipped where mounting is not allowed)', () => {
  it('disk full: a clear error, no partial file, the earlier backups untouched, the failure recorded', async () => {
    const small = join(t.home, 'small');
    expect(mountTmpfs(small, 'size=64k')).toBe(true);
    try {
      writeFileSync(join(small, 'kasane-backup-20260101-000000.kasanebak'), 'earlier backup');
      await ok('backup.configure', { folder: small });
      expect((await fails('backup.now', {})).code).toBe('backup_disk_full');
      expect(readdirSync(small)).toEqual(['kasane-backup-20260101-000000.kasanebak']);
      expect(readFileSync(join(small, 'kasane-backup-20260101-000000.kasanebak'), 'utf8')).toBe('earlier backup');
      expect((await ok<BackupStatus>('backup.status', {})).lastAttempt).toMatchObject({ ok: false, errorCode: 'backup_disk_full' });
    } finally {
      unmount(small);
    }
  });

  it('read-only folder: a clear error and nothing changed', async () => {
    const ro = join(t.home, 'ro');
    expect(mountTmpfs(ro, 'ro,size=1m')).toBe(true);
    try {
      await ok('backup.configure', { folder: ro });
      expect((await fails('backup.now', {})).code).toBe('backup_folder_not_writable');
      expect(readdirSync(ro)).toEqual([]);
    } finally {
      unmount(ro);
    }
  });

  it('unplugged folder: unreachable, and the status says so', async () => {
    await ok('backup.configure', { folder: join(t.home, 'gone') });
    expect((await fails('backup.now', {})).code).toBe('backup_folder_unreachable');
    expect((await ok<BackupStatus>('backup.status', {})).folderReachable).toBe(false);
  });
});

if (!canMount) console.warn('backup.test: tmpfs cannot be mounted here (needs root and mount rights): the disk-full and read-only tests did not run');
