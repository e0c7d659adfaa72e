// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root as ReactRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KasaneError, type AppStatus, type Invoke, type Session } from '../../shared/contract';
import { MAYBE_LOCKED_EVENT } from './api';
import { createQueryClient, Root } from './Root';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const SESSION: Session = {
  vaultKind: 'main',
  staff: { id: 's1', name: '試験 太郎' },
  role: 'administrator',
  municipalityName: 'みほん市',
  secretariatName: '福祉課',
  idleLockMinutes: 10,
};

/** A stand-in for the core: just enough state for the screens under test. */
function fakeCore(initial: AppStatus['state']) {
  const state = { value: initial, failures: 0 };
  const calls: string[] = [];
  const invoke = (async (method: string, input: unknown) => {
    calls.push(method);
    switch (method) {
      case 'app.status':
        return {
          vaultKind: 'main',
          state: state.value,
          problem: null,
          mainExists: true,
          sampleExists: false,
          staff: [SESSION.staff],
          session: state.value === 'unlocked' ? SESSION : null,
          retryAfterMs: 0,
          backupRunning: false,
          prefs: { locale: 'ja', textSize: 'standard' },
        } satisfies AppStatus;
      case 'home.summary':
        return {
          nextMeeting: null,
          pledgeWarnings: [],
          counts: { upcomingMeetings: 0, pastMeetings: 0, openCases: 0, organizations: 0, pledges: null, openRoleAssignments: null, overdueRoleAssignments: 0 },
        };
      case 'backup.status':
        return {
          settings: { folder: '/media/usb', keep: 30, daily: true, onLock: true },
          lastGood: null,
          lastAttempt: null,
          folderReachable: true,
          stale: true,
          files: [],
        };
      case 'desk.get':
        return [];
      case 'vault.unlock': {
        if ((input as { passphrase: string }).passphrase !== 'correct horse 2026') {
          state.failures++;
          throw new KasaneError('wrong_passphrase', { seconds: 3, retryAfterMs: 3000 });
        }
        state.value = 'unlocked';
        return SESSION;
      }
      case 'vault.lock':
        state.value = 'locked';
        return { locked: true };
      default:
        return { ok: true };
    }
  }) as Invoke;
  return { state, calls, invoke };
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

async function settle() {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
}

const text = () => container.textContent ?? '';

function setInput(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('the app around a fake core', () => {
  it('forgets every cached query when the core locks itself', async () => {
    const core = fakeCore('unlocked');
    const queryClient = createQueryClient();
    act(() => root.render(<Root invoke={core.invoke} queryClient={queryClient} />));
    await settle();
    expect(text()).toContain('予定されている会議はありません。');
    expect(queryClient.getQueryCache().getAll().length).toBeGreaterThan(0);

    // The idle timer fires in the core; the renderer notices with its next status read.
    core.state.value = 'locked';
    await act(async () => window.dispatchEvent(new Event(MAYBE_LOCKED_EVENT)));
    await settle();

    expect(text()).toContain('保管庫の解錠');
    expect(text()).not.toContain('みほん市');
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
  });

  it('shows a wrong passphrase and keeps the unlock button disabled while the delay runs', async () => {
    const core = fakeCore('locked');
    act(() => root.render(<Root invoke={core.invoke} queryClient={createQueryClient()} />));
    await settle();

    const input = container.querySelector<HTMLInputElement>('input[type=password]')!;
    expect(document.activeElement).toBe(input);
    act(() => setInput(input, 'wrong'));
    const form = container.querySelector('form')!;
    await act(async () => form.requestSubmit());
    await settle();

    expect(container.querySelector('[role=alert]')?.textContent).toBe('パスフレーズが正しくありません。3秒後にもう一度お試しください。');
    const button = container.querySelector<HTMLButtonElement>('button[type=submit]')!;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toMatch(/あと[123]秒お待ちください/);

    // Submitting again during the delay does not reach the core.
    await act(async () => form.requestSubmit());
    expect(core.state.failures).toBe(1);
  });
});
