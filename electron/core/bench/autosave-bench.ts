// Autosave latency: one keystroke's save of an agenda item's notes through the contract
// (dispatch → zod → transaction → WAL commit with synchronous=FULL on the encrypted vault),
// against the floor of the same disk: appending a page to a file and fsync-ing it, measured
// side by side in one run.
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import type { Agenda, Member, Organization } from '../../../shared/contract';
import type { Meeting } from '../../../shared/contract/meetings';
import { resolvePaths } from '../vault/paths';
import { createCore } from '../app';
import { FAST_SCRYPT, VAULT_INPUT } from '../testing/temp-vault';
import { typedText } from '../testing/autosave-stream';

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const SAVES = 2_000;

export async function autosaveBench(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'kasane-autosave-bench-'));
  try {
    const core = createCore({ paths: resolvePaths({ home, env: {} }), scrypt: FAST_SCRYPT });
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const r = await core.dispatch(method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
      return r.value as T;
    };
    await call('vault.create', VAULT_INPUT);
    const orgs = await call<Organization[]>('organization.list', {});
    await call('member.create', { name: '会議 一郎', organizationId: orgs[0]!.id, startOn: '2025-04-01' });
    const members = await call<Member[]>('member.list', {});
    const { meeting } = await call<{ meeting: Meeting }>('meeting.create', { type: 'jusoteki', date: '2026-11-23', startTime: '10:00', inviteeMemberIds: members.map((m) => m.id) });
    const itemId = (await call<Agenda>('agenda.get', { meetingId: meeting.id })).items.find((i) => i.section === 'reports')!.id;
    await call('attendance.checkIn', { meetingId: meeting.id, memberId: members[0]!.id, present: true, arrivedAt: '09:55' });
    await call('meeting.open', { meetingId: meeting.id });

    const floorFile = openSync(join(home, 'fsync-floor'), 'a');
    const page = randomBytes(4096);
    const saves: number[] = [];
    const floor: number[] = [];
    // Interleaved, so both see the same disk at the same moments.
    for (let i = 1; i <= SAVES; i++) {
      let t0 = performance.now();
      await call('minutes.saveNotes', { itemId, notes: typedText(200 + i), revision: i });
      saves.push(performance.now() - t0);
      t0 = performance.now();
      writeSync(floorFile, page);
      fsyncSync(floorFile);
      floor.push(performance.now() - t0);
    }
    closeSync(floorFile);
    await core.close();
    const [s50, s99, f50, f99] = [percentile(saves, 0.5), percentile(saves, 0.99), percentile(floor, 0.5), percentile(floor, 0.99)];
    console.log(
      `autosave: keystroke → durable commit (minutes.saveNotes, ${SAVES} saves): p50 ${s50.toFixed(2)} ms, p99 ${s99.toFixed(2)} ms; fsync floor of the same disk p50 ${f50.toFixed(2)} ms, p99 ${f99.toFixed(2)} ms → ${(s50 / f50).toFixed(2)}× at p50, ${(s99 / f99).toFixed(2)}× at p99 (goal ≤ 1.5×)`,
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
