import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../../shared/contract';
import { GOOD_PASSPHRASE, VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import type { KasaneCore } from '../app';

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
beforeAll(async () => {
  t = tempHome();
  core = testCore(t.paths);
  const created = await core.dispatch('vault.create', VAULT_INPUT);
  expect(created.ok).toBe(true);
});
afterAll(async () => {
  await core.close();
  t.cleanup();
});

describe('dispatch', () => {
  it('answers an unknown method with unknown_method', async () => {
    expect(await core.dispatch('vault.destroyEverything', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await core.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('answers schema violations with validation_failed naming the fields, never echoing the input', async () => {
    const result = await core.dispatch('vault.create', { ...VAULT_INPUT, municipalityName: '', extra: '山田花子' });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation_failed', messageKey: 'errors.validation_failed' } });
    const text = JSON.stringify(result);
    expect(text).toContain('municipalityName');
    expect(text).not.toContain('山田花子');
  });

  // Property: whatever arrives over a transport, every method answers with its output or a
  // typed error; input its schema rejects always gives validation_failed, never internal.
  it.each(METHOD_NAMES)('%s: arbitrary input gives a typed answer', async (method) => {
    const schema = contract[method].input;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.dictionary(fc.string(), fc.anything())), async (input) => {
        const valid = schema.safeParse(input === undefined ? {} : input).success;
        // Inputs that pass the schema would really run (create, lock…): only check what is refused.
        fc.pre(!valid);
        const result = await core.dispatch(method, input);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('validation_failed');
      }),
      { numRuns: 60 },
    );
  });

  it('refuses unlocked-only methods while locked, with vault_locked', async () => {
    await core.dispatch('vault.lock', {});
    for (const method of METHOD_NAMES.filter((m) => contract[m].access === 'unlocked')) {
      const input = method === 'home.summary' ? { today: '2026-11-23' } : {};
      expect(await core.dispatch(method, input)).toMatchObject({ ok: false, error: { code: 'vault_locked' } });
    }
    expect((await core.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE })).ok).toBe(true);
  });

  it('validates outputs too: a settings update comes back as the stored settings', async () => {
    const result = await core.dispatch('settings.update', { idleLockMinutes: 15, secretariatName: '福祉あんしん課' });
    expect(result).toEqual({ ok: true, value: { municipalityName: 'みほん市', secretariatName: '福祉あんしん課', idleLockMinutes: 15, caseNumberFormat: '{era}{eraYear}-{seq:3}', materialsLimitMb: 50 } });
    expect(await core.dispatch('settings.update', { idleLockMinutes: 0 })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });
});
