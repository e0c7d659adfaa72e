import type { Member } from '../../../../shared/contract/directory';
import type { PledgeKind, PledgeRecord } from '../../../../shared/contract/pledges';
import { parseIsoDate } from '../../../../shared/domain/calendar-date';
import { fiscalYearOf } from '../../../../shared/domain/fiscal-year';

export const PLEDGE_KINDS: readonly PledgeKind[] = ['individual_annual', 'organization_roster', 'per_meeting'];

/** 有効 / 撤回 / 置換済み. A replaced pledge is shown as replaced even if it was also revoked later. */
export type PledgeStatus = 'active' | 'revoked' | 'superseded';
export const PLEDGE_STATUSES: readonly PledgeStatus[] = ['active', 'revoked', 'superseded'];

export function pledgeStatus(p: Pick<PledgeRecord, 'revokedOn' | 'supersededBy'>): PledgeStatus {
  if (p.supersededBy) return 'superseded';
  if (p.revokedOn) return 'revoked';
  return 'active';
}

export interface RegisterFilter {
  kind: '' | PledgeKind;
  /** '' = every status; the register shows only active pledges unless another status is chosen. */
  status: '' | PledgeStatus;
}

/**
 * The rows of the 台帳 after the filters the core does not apply itself (kind and status): the
 * list is always fetched with revoked and replaced pledges, and those are shown only on request.
 */
export function filterPledges(pledges: readonly PledgeRecord[], filter: RegisterFilter): PledgeRecord[] {
  return pledges.filter((p) => (filter.kind === '' || p.kind === filter.kind) && (filter.status === '' || pledgeStatus(p) === filter.status));
}

/**
 * The 年度 the 新年度 view opens on: the one whose annual pledges end on the coming 31 March —
 * the current 年度 — except in April and May, when the pledges that just ended on 31 March are
 * the ones still being renewed (the previous 年度).
 */
export function renewalDefaultYear(today: string): number {
  const { month } = parseIsoDate(today);
  const current = fiscalYearOf(today);
  return month === 4 || month === 5 ? current - 1 : current;
}

/** The 年度 offered in the selects: next, current and three before, newest first. */
export function fiscalYearChoices(today: string): number[] {
  const current = fiscalYearOf(today);
  return [current + 1, current, current - 1, current - 2, current - 3];
}

export interface OrganizationGroup {
  id: string;
  name: string;
  members: Member[];
}

/** Current members by their organization, in the order the directory lists them. */
export function groupByOrganization(members: readonly Member[]): OrganizationGroup[] {
  const groups = new Map<string, OrganizationGroup>();
  for (const m of members) {
    if (!m.current) continue;
    const g = groups.get(m.current.organizationId) ?? { id: m.current.organizationId, name: m.current.organizationName, members: [] };
    g.members.push(m);
    groups.set(g.id, g);
  }
  return [...groups.values()];
}

/** The default addressee of a pledge, as the printed forms write it: 〇〇市長. */
export function defaultAddressee(municipalityName: string): string {
  const name = municipalityName.trim();
  return name ? `${name}長` : '';
}
