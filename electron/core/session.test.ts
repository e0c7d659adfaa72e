import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GOOD_PASSPHRASE, VAULT_INPUT, tempHome, testCore } from './testing/temp-vault';
import type { KasaneCore } from './app';

let t: ReturnType<typeof tempHome>;
let now: Date;
let core: KasaneCore;
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

beforeEach(() => {
  t = tempHome();
  now = new Date('2026-11-23T09:00:00Z');
  core = testCore(t.paths, () => now);
});
afterEach(async () => {
  await core.close();
  t.cleanup();
});

const state = async () => {
  const r = await core.dispatch('app.status', {});
  return r.ok ? (r.value as { state: string }).state : r.error.code;
};

describe('vault session', () => {
  it('reports none → unlocked → locked, and locks itself after the idle period (default 10 minutes)', async () => {
    expect(await state()).toBe('none');
    await core.dispatch('vault.create', VAULT_INPUT);
    expect(await state()).toBe('unlocked');
    advance(9 * 60_000);
    expect(core.session.lockIfIdle()).toBe(false);
    // Status polling is not activity: it must not keep the vault open.
    await core.dispatch('app.status', {});
    advance(60_000);
    expect(core.session.lockIfIdle()).toBe(true);
    expect(await state()).toBe('locked');
    const audit = await (async () => {
      await core.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE });
      return core.session.vault.db.prepare("SELECT details FROM audit_log WHERE action = 'vault.locked'").pluck().all();
    })();
    expect(audit).toEqual(['{"reason":"idle"}']);
  });

  it('activity keeps it open; the idle period follows the setting', async () => {
    await core.dispatch('vault.create', VAULT_INPUT);
    await core.dispatch('settings.update', { idleLockMinutes: 2 });
    advance(90_000);
    await core.dispatch('session.touch', {});
    advance(90_000);
    expect(core.session.lockIfIdle()).toBe(false);
    advance(30_000);
    // A call after the period has passed finds the vault locked even before the timer fires.
    expect(await core.dispatch('settings.get', {})).toMatchObject({ ok: false, error: { code: 'vault_locked' } });
  });

  it('opens the sample vault with its fictional data, separately from the real one', async () => {
    const session = await core.dispatch('vault.openSample', {});
    expect(session).toMatchObject({ ok: true, value: { vaultKind: 'sample', municipalityName: 'みほん市' } });
    const summary = await core.dispatch('home.summary', { today: '2026-11-23' });
    expect(summary).toMatchObject({ ok: true, value: { nextMeeting: { type: 'shien', date: '2026-12-02' }, counts: { organizations: 12, pastMeetings: 3, upcomingMeetings: 2, openCases: 6 } } });
    expect(await state()).toBe('unlocked');
    await core.dispatch('vault.select', { kind: 'main' });
    expect(await core.dispatch('app.status', {})).toMatchObject({ ok: true, value: { state: 'none', vaultKind: 'main', sampleExists: true, mainExists: false } });
  });

  it('keeps preferences per PC, readable while locked', async () => {
    expect(await core.dispatch('app.setPrefs', { locale: 'en' })).toEqual({ ok: true, value: { locale: 'en', textSize: 'standard' } });
    expect(await core.dispatch('app.status', {})).toMatchObject({ ok: true, value: { prefs: { locale: 'en' } } });
    expect(await core.dispatch('app.setPrefs', { locale: 'fr' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });
});

describe('the sample vault', () => {
  it('has members, cases in several states with consent where the lifecycle needs it, and planned agendas that obey the consent rule', async () => {
    await core.dispatch('vault.openSample', {});
    const db = core.session.vault.db;
    expect(db.prepare('SELECT count(*) FROM members').pluck().get()).toBeGreaterThan(0);
    const statuses = db.prepare('SELECT status FROM cases ORDER BY status').pluck().all();
    expect(new Set(statuses).size).toBeGreaterThan(5);
    // Every case on the 重層的支援会議 agenda has consent; the 支援会議 takes those without.
    const onJusoteki = db
      .prepare("SELECT c.status FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id JOIN cases c ON c.id = a.case_id WHERE m.type = 'jusoteki'")
      .pluck()
      .all();
    expect(onJusoteki.sort()).toEqual(['evaluating', 'plan_proposed']);
    expect(db.prepare("SELECT count(*) FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id WHERE m.type = 'shien' AND a.case_id IS NOT NULL").pluck().get()).toBe(2);
    // No real-looking full names: sample cases carry initials only.
    expect(db.prepare('SELECT count(*) FROM cases WHERE full_name IS NOT NULL').pluck().get()).toBe(0);
  });
});
