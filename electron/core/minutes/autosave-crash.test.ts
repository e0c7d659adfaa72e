import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agenda, Member, Minutes, Organization } from '../../../shared/contract';
import type { Meeting } from '../../../shared/contract/meetings';
import { GOOD_PASSPHRASE, VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import { contractCalls } from '../testing/contract-calls';
import { typedText } from '../testing/autosave-stream';
import { verifyVault } from '../vault/verify';
import type { KasaneCore } from '../app';

/** KASANE_LONG=1 runs the long mode (50 kills); the default run kills a few times. */
const RUNS = process.env.KASANE_LONG ? 50 : 3;

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
const { ok } = contractCalls(() => core);
let meetingId: string;
let itemId: string;

beforeAll(async () => {
  t = tempHome();
  core = testCore(t.paths);
  expect((await core.dispatch('vault.create', VAULT_INPUT)).ok).toBe(true);
  const orgs = await ok<Organization[]>('organization.list', {});
  await ok('member.create', { name: '会議 一郎', organizationId: orgs[0]!.id, startOn: '2025-04-01' });
  const members = await ok<Member[]>('member.list', {});
  const { meeting } = await ok<{ meeting: Meeting }>('meeting.create', { type: 'jusoteki', date: '2026-11-23', startTime: '10:00', inviteeMemberIds: members.map((m) => m.id) });
  meetingId = meeting.id;
  const agenda = await ok<Agenda>('agenda.get', { meetingId });
  itemId = agenda.items.find((i) => i.section === 'reports')!.id;
  await ok('attendance.checkIn', { meetingId, memberId: members[0]!.id, present: true, arrivedAt: '09:55' });
  await ok('meeting.open', { meetingId });
  await ok('minutes.focusItem', { meetingId, itemId });
  await core.close();
});
afterAll(() => t.cleanup());

/** Types into the notes in a child process and kills it with SIGKILL after `afterMs`; returns the last revision it saw saved. */
function typeThenKill(from: number, afterMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/core/testing/autosave-stream.ts', t.home, itemId, String(from)], {
      env: { ...process.env, KASANE_PASSPHRASE: GOOD_PASSPHRASE },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let last = 0;
    let armed = false;
    let buffer = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) last = Number(line.split(' ')[1]) || last;
      if (last > 0 && !armed) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), afterMs);
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`typist exited without being killed: ${stderr}`))));
  });
}

describe('autosave survives a crash', () => {
  it(`SIGKILL while typing: every save that returned is on disk, the vault verifies, the meeting reopens on the same item (${RUNS} runs)`, async () => {
    let next = 1;
    for (let run = 0; run < RUNS; run++) {
      const acknowledged = await typeThenKill(next, 30 + Math.floor(Math.random() * 300));
      expect(acknowledged).toBeGreaterThanOrEqual(next);
      core = testCore(t.paths);
      expect((await core.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE })).ok).toBe(true);
      try {
        const report = verifyVault(core.session.vault.db);
        expect(report.integrity).toEqual(['ok']);
        expect(report.auditChain.ok).toBe(true);
        const minutes = await ok<Minutes>('minutes.get', { meetingId });
        expect(minutes.state).toBe('live');
        expect(minutes.currentItemId).toBe(itemId);
        const notes = minutes.items.find((i) => i.itemId === itemId)!;
        // What was acknowledged survived; at most the save in flight got in as well.
        expect(notes.notesRevision).toBeGreaterThanOrEqual(acknowledged);
        expect(notes.notesRevision).toBeLessThanOrEqual(acknowledged + 1);
        expect(notes.notes).toBe(typedText(notes.notesRevision));
        next = notes.notesRevision + 1;
      } finally {
        await core.close();
      }
    }
  }, 60_000 + RUNS * 15_000);
});
