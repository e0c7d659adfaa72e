// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root as ReactRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppStatus, Invoke, StaffRole } from '../../../shared/contract';
import { InvokeProvider, StatusProvider, useAppStatus } from '../api';
import { i18n } from '../i18n';
import { createQueryClient } from '../Root';
import { AdministratorFieldset, AdministratorOnlyNote, PanelTitle, useAdministratorGate } from './administrator';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A core that knows the signed-in account's role and who the administrators are. */
function fakeCore(role: StaffRole): Invoke {
  return (async (method: string) => {
    if (method === 'app.status') {
      return {
        vaultKind: 'main',
        state: 'unlocked',
        problem: null,
        mainExists: true,
        sampleExists: false,
        staff: [],
        session: { vaultKind: 'main', staff: { id: 's2', name: '職員 花子' }, role, municipalityName: 'みほん市', secretariatName: '福祉課', idleLockMinutes: 10 },
        retryAfterMs: 0,
        backupRunning: false,
        prefs: { locale: 'ja', textSize: 'standard' },
      } satisfies AppStatus;
    }
    if (method === 'staff.list') {
      return {
        staff: [
          { id: 's1', name: '試験 太郎', createdAt: null, isSelf: false, role: 'administrator' },
          { id: 's3', name: '課長 次郎', createdAt: null, isSelf: false, role: 'administrator' },
          { id: 's2', name: '職員 花子', createdAt: null, isSelf: true, role: 'staff' },
        ],
        recoveryKey: { exists: false, createdAt: null },
        keyGeneration: 0,
      };
    }
    throw new Error(`unexpected ${method}`);
  }) as Invoke;
}

/** A settings form as the settings screen draws one, and a single button with its reason beside it. */
function Form() {
  const { status } = useAppStatus();
  const gate = useAdministratorGate();
  const single = useAdministratorGate();
  if (!status) return null;
  return (
    <>
      <form aria-labelledby="heading">
        <PanelTitle id="heading" gate={gate}>
          保管庫の設定
        </PanelTitle>
        <AdministratorFieldset gate={gate}>
          <input aria-label="自治体名" defaultValue="みほん市" />
          <button type="submit">保存</button>
        </AdministratorFieldset>
      </form>
      <button type="button" data-testid="single" {...single.control}>
        職員を追加…
      </button>
      <AdministratorOnlyNote gate={single} compact />
    </>
  );
}

let container: HTMLDivElement;
let root: ReactRoot;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

async function render(role: StaffRole) {
  act(() =>
    root.render(
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={createQueryClient()}>
          <InvokeProvider invoke={fakeCore(role)}>
            <StatusProvider>
              <Form />
            </StatusProvider>
          </InvokeProvider>
        </QueryClientProvider>
      </I18nextProvider>,
    ),
  );
  for (let i = 0; i < 5; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
}

/** The text an element's aria-describedby points at. */
function description(element: Element): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('administrator-only controls', () => {
  it('are disabled for a staff member, with the reason in words beside them and as their description, naming whom to ask', async () => {
    await act(async () => i18n.changeLanguage('ja'));
    await render('staff');
    const fieldset = container.querySelector('fieldset')!;
    expect(fieldset.disabled).toBe(true);
    expect(container.querySelector<HTMLInputElement>('input')!.matches(':disabled')).toBe(true);
    expect(description(fieldset)).toBe('管理者のみ変更できます変更が必要なときは管理者に依頼してください（管理者：試験 太郎、課長 次郎）');
    // The reason is visible text, not only an attribute.
    expect(container.textContent).toContain('管理者のみ変更できます');
    const single = container.querySelector<HTMLButtonElement>('[data-testid=single]')!;
    expect(single.disabled).toBe(true);
    expect(description(single)).toBe('管理者のみ変更できます');
  });

  it('are plain controls for an administrator, with no reason shown', async () => {
    await render('administrator');
    expect(container.querySelector('fieldset')!.disabled).toBe(false);
    expect(container.querySelector('fieldset')!.hasAttribute('aria-describedby')).toBe(false);
    const single = container.querySelector<HTMLButtonElement>('[data-testid=single]')!;
    expect(single.disabled).toBe(false);
    expect(single.hasAttribute('aria-describedby')).toBe(false);
    expect(container.textContent).not.toContain('管理者のみ');
  });

  it('say it in English too', async () => {
    await act(async () => i18n.changeLanguage('en'));
    await render('staff');
    expect(container.textContent).toContain('Only an administrator can change this');
    expect(container.textContent).toContain('administrators: 試験 太郎, 課長 次郎');
    await act(async () => i18n.changeLanguage('ja'));
  });
});
