import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotesAutosave, continueList } from './notes-autosave';

interface Call {
  itemId: string;
  notes: string;
  revision: number;
  at: number;
}

/** A stand-in for the core's minutes.saveNotes that answers after `latency` ms (or fails on demand). */
function fakeCore(latency = 20) {
  const calls: Call[] = [];
  const stored = new Map<string, { notes: string; revision: number }>();
  let failing = false;
  const save = (itemId: string, notes: string, revision: number) => {
    calls.push({ itemId, notes, revision, at: Date.now() });
    return new Promise<void>((resolve, reject) => {
      setTimeout(() => {
        if (failing) return reject(new Error('unreachable'));
        const old = stored.get(itemId);
        if (!old || old.revision < revision) stored.set(itemId, { notes, revision });
        resolve();
      }, latency);
    });
  };
  return { save, calls, stored, fail: (on: boolean) => (failing = on) };
}

describe('notes autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-04-10T10:00:00+09:00'));
  });
  afterEach(() => vi.useRealTimers());

  it('saves 300 ms after the last keystroke, with a revision above the stored one', async () => {
    const core = fakeCore();
    const autosave = new NotesAutosave(core.save);
    autosave.seed('item-1', '前回のメモ', 4);
    autosave.change('item-1', '前回のメモ\n・追加');
    expect(autosave.status.kind).toBe('saving');
    await vi.advanceTimersByTimeAsync(299);
    expect(core.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(core.calls).toEqual([expect.objectContaining({ itemId: 'item-1', notes: '前回のメモ\n・追加', revision: 5 })]);
    await vi.advanceTimersByTimeAsync(20);
    expect(core.stored.get('item-1')).toEqual({ notes: '前回のメモ\n・追加', revision: 5 });
    expect(autosave.status.kind).toBe('saved');
    expect(autosave.hasUnsaved()).toBe(false);
  });

  it('saves at least every second while typing without a pause', async () => {
    const core = fakeCore();
    const autosave = new NotesAutosave(core.save);
    autosave.seed('item-1', '', 0);
    let text = '';
    // A keystroke every 100 ms for 3.5 s: the debounce alone would never fire.
    for (let i = 0; i < 35; i += 1) {
      text += 'あ';
      autosave.change('item-1', text);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(core.calls.length).toBeGreaterThanOrEqual(3);
    const start = new Date('2026-04-10T10:00:00+09:00').getTime();
    // No keystroke waits more than a second (plus one round trip) for its save to start.
    let previous = start;
    for (const call of core.calls) {
      expect(call.at - previous).toBeLessThanOrEqual(1000 + 20);
      previous = call.at;
    }
    expect(core.calls.map((c) => c.revision)).toEqual(core.calls.map((_, i) => i + 1));
    await vi.advanceTimersByTimeAsync(1000);
    expect(core.stored.get('item-1')?.notes).toBe(text);
  });

  it('keeps the text when a save fails, shows the error and retries until it is saved', async () => {
    const core = fakeCore();
    const autosave = new NotesAutosave(core.save);
    autosave.seed('item-1', '', 2);
    core.fail(true);
    autosave.change('item-1', '大事なメモ');
    await vi.advanceTimersByTimeAsync(320);
    expect(autosave.status.kind).toBe('error');
    expect(autosave.text('item-1')).toBe('大事なメモ');
    expect(autosave.hasUnsaved()).toBe(true);
    // Typing goes on while the vault cannot be reached.
    autosave.change('item-1', '大事なメモ。続き');
    core.fail(false);
    await vi.advanceTimersByTimeAsync(2500);
    expect(core.stored.get('item-1')).toEqual({ notes: '大事なメモ。続き', revision: 4 });
    expect(autosave.status.kind).toBe('saved');
    expect(autosave.hasUnsaved()).toBe(false);
  });

  it('flush saves at once, item by item, and resolves when everything is stored', async () => {
    const core = fakeCore(50);
    const autosave = new NotesAutosave(core.save);
    autosave.seed('a', '', 0);
    autosave.seed('b', 'b0', 7);
    autosave.change('a', 'A');
    autosave.change('b', 'B');
    let flushed = false;
    void autosave.flush().then(() => (flushed = true));
    await vi.advanceTimersByTimeAsync(49);
    expect(core.calls).toHaveLength(1);
    expect(flushed).toBe(false);
    await vi.advanceTimersByTimeAsync(10);
    expect(core.calls.map((c) => [c.itemId, c.revision])).toEqual([
      ['a', 1],
      ['b', 8],
    ]);
    expect(flushed).toBe(false);
    await vi.advanceTimersByTimeAsync(50);
    expect(flushed).toBe(true);
    expect(core.stored.get('b')).toEqual({ notes: 'B', revision: 8 });
  });

  it('flush rejects when the save fails (closing waits for the notes), the text stays', async () => {
    const core = fakeCore();
    const autosave = new NotesAutosave(core.save);
    autosave.seed('a', '', 0);
    core.fail(true);
    autosave.change('a', 'メモ');
    const result = autosave.flush().then(
      () => 'saved',
      () => 'failed',
    );
    await vi.advanceTimersByTimeAsync(25);
    expect(await result).toBe('failed');
    expect(autosave.text('a')).toBe('メモ');
  });

  it('a reseed from the core never lowers the revision nor replaces what is being typed', () => {
    const autosave = new NotesAutosave(() => Promise.resolve());
    autosave.seed('a', 'old', 3);
    autosave.change('a', 'typing');
    autosave.seed('a', 'old', 2);
    expect(autosave.text('a')).toBe('typing');
  });
});

describe('「・」 lists', () => {
  it('continues a list on Enter', () => {
    const text = '・一つ目';
    expect(continueList(text, text.length)).toEqual({ text: '・一つ目\n・', caret: 6 });
  });

  it('keeps the indentation of a nested item', () => {
    const text = '・親\n  ・子';
    expect(continueList(text, text.length)?.text).toBe('・親\n  ・子\n  ・');
  });

  it('ends the list on Enter in an empty item', () => {
    const text = '・一つ目\n・';
    expect(continueList(text, text.length)).toEqual({ text: '・一つ目\n', caret: 5 });
  });

  it('does nothing outside a list', () => {
    expect(continueList('普通の文', 4)).toBeNull();
  });
});
