import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../shared/contract';
import { GOOD_PASSPHRASE, VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import { contractCalls } from '../testing/contract-calls';
import { resolvePaths } from './paths';
import { verifyVault } from './verify';
import type { KasaneCore } from '../app';

/** The vault on a real small file system (tmpfs), where one can be mounted (root with mount rights). */
const t = tempHome();
const disk = join(t.home, 'disk');
const canMount = (() => {
  try {
    mkdirSync(disk, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', disk], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
afterAll(() => {
  if (canMount) execFileSync('umount', [disk], { stdio: 'ignore' });
  t.cleanup();
});
if (!canMount) console.warn('disk-faults.test: tmpfs cannot be mounted here (needs root and mount rights): these tests did not run');

let core: KasaneCore;
const { ok } = contractCalls(() => core);

describe.skipIf(!canMount)('the vault on a full or read-only disk (tmpfs)', () => {
  it('disk full during a write: a clear error, the transaction rolled back, everything saved before intact', async () => {
    core = testCore(resolvePaths({ home: disk, env: {} }));
    expect((await core.dispatch('vault.create', VAULT_INPUT)).ok).toBe(true);
    const first = await ok<CaseDetail>('case.register', { initials: 'A・K', receivedOn: '2026-10-01', householdNotes: '最初の記録' });
    // Fill the disk, then keep writing until it refuses.
    const filler = join(disk, 'filler');
    try {
      writeFileSync(filler, Buffer.alloc(6 * 1024 * 1024));
    } catch {
      // ENOSPC: the filler took what was left, which is the point.
    }
    let refusal: { code: string } | null = null;
    for (let i = 0; i < 200 && !refusal; i++) {
      const r = await core.dispatch('case.register', { initials: 'Z・Z', receivedOn: '2026-10-02', householdNotes: '長い記録'.repeat(900) });
      if (!r.ok) refusal = r.error;
    }
    expect(refusal?.code).toBe('disk_full');
    rmSync(filler, { force: true });
    await core.close();

    core = testCore(resolvePaths({ home: disk, env: {} }));
    expect((await core.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE })).ok).toBe(true);
    expect(verifyVault(core.session.vault.db).ok).toBe(true);
    expect((await ok<CaseDetail>('case.get', { id: first.id })).householdNotes).toBe('最初の記録');
    // And writing works again once there is space.
    await ok('case.register', { initials: 'B・S', receivedOn: '2026-10-03' });
  });

  it('a vault folder that became read-only: unlocking says so clearly and changes nothing', async () => {
    await core.close();
    const ro = join(t.home, 'ro-view');
    mkdirSync(ro, { recursive: true });
    // The same files seen through a read-only bind mount (an open file cannot be remounted read-only).
    execFileSync('mount', ['--bind', '-o', 'ro', disk, ro], { stdio: 'ignore' });
    execFileSync('mount', ['-o', 'remount,bind,ro', ro], { stdio: 'ignore' });
    try {
      core = testCore(resolvePaths({ home: ro, env: {} }));
      const r = await core.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE });
      expect(r.ok ? null : r.error.code).toBe('vault_write_failed');
      await core.close();
    } finally {
      execFileSync('umount', [ro], { stdio: 'ignore' });
    }
    core = testCore(resolvePaths({ home: disk, env: {} }));
    expect((await core.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE })).ok).toBe(true);
    expect(verifyVault(core.session.vault.db).ok).toBe(true);
    await core.close();
  });
});
