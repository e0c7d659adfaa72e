import type { Agenda, CaseDetail, Member, Organization } from '../../../shared/contract';
import type { Meeting } from '../../../shared/contract/meetings';
import type { KasaneCore } from '../app';
import { contractCalls } from './contract-calls';
import { VAULT_INPUT } from './temp-vault';

/** The day the scenario happens (its clock must say so: the meeting opens "today"). */
export const SCENARIO_NOW = new Date('2026-11-23T10:00:00+09:00');

export interface ScenarioResult {
  meetingId: string;
  caseId: string;
  /** The printed documents, as the contract returns them. */
  pdfs: { name: string; pdfBase64: string }[];
}

/**
 * A secretariat's whole working day through the contract, the way a transport calls it: a new
 * vault; the directory (an organization, two members); a case received with its 本人同意; the
 * members' annual pledges; a 支援会議 with the case on its 次第 and need-to-know participants;
 * check-in and opening through the pledge gate; notes in meeting mode; copies returned, close,
 * 確定; then the 次第 and the 支援会議記録 printed through the core's printer.
 * `notes` is what is typed in meeting mode, so a test can follow it (a marker, a stray tag).
 */
export async function runWorkingDay(core: KasaneCore, opts: { notes: string; fullName?: string }): Promise<ScenarioResult> {
  const { ok } = contractCalls(() => core);
  await ok('vault.create', VAULT_INPUT);

  const partner = await ok<Organization>('organization.create', { name: 'みほん地域活動支援センター', kind: 'partner' });
  const orgs = await ok<Organization[]>('organization.list', {});
  const shakyo = orgs.find((o) => o.name === '社会福祉協議会') ?? orgs[0]!;
  await ok<Member>('member.create', { name: '社協 花子', organizationId: shakyo.id, startOn: '2025-04-01' });
  await ok<Member>('member.create', { name: '支援 次郎', organizationId: partner.id, startOn: '2025-04-01' });
  const members = await ok<Member[]>('member.list', {});

  const c = await ok<CaseDetail>('case.register', { initials: 'Y・H', receivedOn: '2026-10-01', fullName: opts.fullName ?? '山田 花子' });
  await ok('consent.record', { caseId: c.id, givenOn: '2026-10-05', method: 'written', obtainedBy: '試験 太郎', organizationIds: [shakyo.id, partner.id], allowsJusoteki: true });

  for (const m of members) {
    await ok('pledge.record', { kind: 'individual_annual', memberId: m.id, fiscalYear: 2026, signedOn: '2026-04-01', addressee: 'みほん市長', originalReceived: true });
  }

  const { meeting } = await ok<{ meeting: Meeting }>('meeting.create', { type: 'shien', date: '2026-11-23', startTime: '10:00', inviteeMemberIds: members.map((m) => m.id) });
  const agenda = await ok<Agenda>('agenda.addCaseItem', { meetingId: meeting.id, caseId: c.id, kind: 'new', minutes: 15 });
  const caseItem = agenda.items.find((i) => i.caseId === c.id)!.id;
  await ok<Agenda>('agenda.updateItem', { itemId: caseItem, participantMemberIds: members.map((m) => m.id) });
  const agendaPdf = await ok<{ pdfBase64: string }>('meeting.agendaPdf', { meetingId: meeting.id });

  for (const m of members) await ok('attendance.checkIn', { meetingId: meeting.id, memberId: m.id, present: true, arrivedAt: '09:55' });
  await ok('meeting.open', { meetingId: meeting.id });
  await ok('minutes.focusItem', { meetingId: meeting.id, itemId: caseItem });
  await ok('minutes.saveNotes', { itemId: caseItem, notes: opts.notes, revision: 1 });

  for (const copy of await ok<{ number: number }[]>('meeting.copies', { meetingId: meeting.id })) {
    await ok('meeting.markCopyReturned', { meetingId: meeting.id, number: copy.number, returned: true });
  }
  await ok('meeting.close', { meetingId: meeting.id, closedAt: '11:30' });
  await ok('minutes.confirm', { meetingId: meeting.id });
  const minutesPdf = await ok<{ pdfBase64: string }>('minutes.pdf', { meetingId: meeting.id, recipientMemberIds: members.map((m) => m.id) });

  return {
    meetingId: meeting.id,
    caseId: c.id,
    pdfs: [
      { name: '次第', pdfBase64: agendaPdf.pdfBase64 },
      { name: '支援会議記録', pdfBase64: minutesPdf.pdfBase64 },
    ],
  };
}
