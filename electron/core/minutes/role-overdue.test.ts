import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, DeskRow, HomeSummary, Organization, RoleAssignment, RoleStatus } from '../../../shared/contract';
import { VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import { contractCalls } from '../testing/contract-calls';
import type { KasaneCore } from '../app';
import { isOverdue } from '../../../shared/domain/minutes';
import { OVERDUE_SQL } from './role-repository';

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
const { ok } = contractCalls(() => core);
const db = () => core.session.vault.db;

const STATUSES: RoleStatus[] = ['open', 'in_progress', 'done', 'dropped'];
const TODAY = '2026-11-23';
// Due before, on and after the day, or no due date at all (a frequency instead).
const DUES = ['2026-11-01', '2026-11-22', TODAY, '2026-11-24', null];
const rows = STATUSES.flatMap((status) => DUES.map((dueOn) => ({ id: `r-${status}-${dueOn ?? 'none'}`, status, dueOn })));
const overdueOn = (today: string) => rows.filter((r) => isOverdue(r, today)).map((r) => r.id).sort();

beforeAll(async () => {
  t = tempHome();
  core = testCore(t.paths, () => new Date(`${TODAY}T09:00:00+09:00`));
  expect((await core.dispatch('vault.create', VAULT_INPUT)).ok).toBe(true);
  const org = (await ok<Organization[]>('organization.list', {}))[0]!;
  const kase = await ok<CaseDetail>('case.register', { initials: 'O・D', receivedOn: '2026-10-01' });
  // Live assignments of every status and due date, written as a confirmed meeting would have made them.
  const insert = db().prepare(
    `INSERT INTO role_assignments (id, case_id, action, organization_id, start_on, due_on, frequency, status, live, created_at)
     VALUES (?, ?, '見守り', ?, '2026-10-01', ?, ?, ?, 1, '2026-10-01T00:00:00Z')`,
  );
  for (const r of rows) insert.run(r.id, kase.id, org.id, r.dueOn, r.dueOn ? null : '月1回', r.status);
});
afterAll(async () => {
  await core.close();
  t.cleanup();
});

describe('overdue role assignments: isOverdue and OVERDUE_SQL', () => {
  it('pick the same rows, on the day and on the days around it', () => {
    for (const today of ['2026-11-22', TODAY, '2026-11-24', '2026-12-31']) {
      const bySql = db().prepare(`SELECT id FROM role_assignments r WHERE ${OVERDUE_SQL} ORDER BY id`).pluck().all({ today }) as string[];
      expect(bySql).toEqual(overdueOn(today));
    }
    // Open or in progress, due strictly before the day: two statuses × two earlier dates.
    expect(overdueOn(TODAY)).toHaveLength(4);
  });

  it('home, the role list and the desk count the same overdue assignments', async () => {
    const expected = overdueOn(TODAY);
    const home = await ok<HomeSummary>('home.summary', { today: TODAY });
    expect(home.counts.overdueRoleAssignments).toBe(expected.length);
    const list = await ok<RoleAssignment[]>('role.list', { today: TODAY, overdueOnly: true });
    expect(list.map((r) => r.id).sort()).toEqual(expected);
    expect(list.every((r) => r.overdue)).toBe(true);
    const desk = await ok<DeskRow[]>('desk.get', { today: TODAY });
    expect(desk.filter((r) => r.kind === 'role_overdue').map((r) => r.roleAssignmentId).sort()).toEqual(expected);
  });
});
