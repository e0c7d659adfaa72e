// What the meeting-integrity guard costs (issue 16): every write transaction that touches a
// pledge, an affiliation, an exemption or attendance re-checks the records that rest on it. At ten
// years of 支援会議 (120 meetings, 15 attendees each), a pledge of someone who attended all of them
// makes the guard re-check 120 meetings; the same pledge of someone who attended none checks none.
// Both through the contract, interleaved, in one run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Member, Organization } from '../../../shared/contract';
import type { Meeting } from '../../../shared/contract/meetings';
import { addDays } from '../../../shared/domain/calendar-date';
import { resolvePaths } from '../vault/paths';
import { createCore } from '../app';
import { FAST_SCRYPT, VAULT_INPUT } from '../testing/temp-vault';

const YEARS = 10;
const PEOPLE = 15;
const ROUNDS = 60;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function integrityBench(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'kasane-integrity-bench-'));
  try {
    const core = createCore({ paths: resolvePaths({ home, env: {} }), scrypt: FAST_SCRYPT, clock: () => new Date('2027-03-20T09:00:00+09:00') });
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const r = await core.dispatch(method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
      return r.value as T;
    };
    await call('vault.create', VAULT_INPUT);
    const org = (await call<Organization[]>('organization.list', {}))[0]!.id;
    const people: string[] = [];
    for (let i = 0; i < PEOPLE + 1; i++) people.push((await call<Member>('member.create', { name: `構成 員${i}`, organizationId: org, startOn: '2016-04-01' })).id);
    const [absentee, ...attendees] = people as [string, ...string[]];
    const t0 = performance.now();
    for (let y = 0; y < YEARS; y++) {
      const fy = 2016 + y;
      for (const id of people) await call('pledge.record', { kind: 'individual_annual', memberId: id, fiscalYear: fy, signedOn: `${fy}-04-01`, addressee: '市長', originalReceived: true });
      for (let month = 0; month < 12; month++) {
        const date = addDays(`${fy}-04-10`, month * 30);
        const { meeting } = await call<{ meeting: Meeting }>('meeting.create', { type: 'shien', date, startTime: '10:00', inviteeMemberIds: attendees });
        for (const id of attendees) await call('attendance.checkIn', { meetingId: meeting.id, memberId: id, present: true, arrivedAt: '09:50' });
        await call('meeting.open', { meetingId: meeting.id });
        await call('meeting.close', { meetingId: meeting.id, closedAt: '11:30', unreturnedReason: '計測' });
      }
    }
    const setupMs = performance.now() - t0;

    // A replacement of the current 年度's pledge: re-checks every meeting the person attended.
    const replace = (memberId: string) => call('pledge.record', { kind: 'individual_annual', memberId, fiscalYear: 2026, signedOn: '2026-04-01', addressee: '市長', originalReceived: true, supersede: true });
    const heavy: number[] = [];
    const light: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      let s = performance.now();
      await replace(attendees[0]!);
      heavy.push(performance.now() - s);
      s = performance.now();
      await replace(absentee);
      light.push(performance.now() - s);
    }
    await core.close();
    const [h, l] = [median(heavy), median(light)];
    console.log(
      `integrity guard at ${YEARS} years (${YEARS * 12} 支援会議 × ${attendees.length} attendees, set up through the contract in ${(setupMs / 1000).toFixed(1)} s): ` +
        `a pledge of someone who attended all of them (guard re-checks ${YEARS * 12} meetings) median ${h.toFixed(2)} ms vs someone who attended none ${l.toFixed(2)} ms → ${(h / l).toFixed(2)}×`,
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
