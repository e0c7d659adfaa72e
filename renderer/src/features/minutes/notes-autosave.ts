/**
 * Autosave of the discussion notes (no save button). Every change is sent to the core at most
 * `debounceMs` after the last keystroke and at least every `maxWaitMs` while typing, one save at a
 * time, each with a higher revision than the last (the core ignores an older revision). A failed
 * save keeps the text and is retried; nothing typed is ever dropped.
 *
 * Plain TypeScript (no React): the minutes screen subscribes to it, the tests drive it with fake timers.
 */
export type SaveNotes = (itemId: string, notes: string, revision: number) => Promise<unknown>;

export type AutosaveStatus =
  | { kind: 'idle' }
  /** Typed but not sent yet, or being sent. */
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; error: unknown };

export interface AutosaveOptions {
  debounceMs: number;
  maxWaitMs: number;
  retryMs: number;
}

export const AUTOSAVE_DEFAULTS: AutosaveOptions = { debounceMs: 300, maxWaitMs: 1000, retryMs: 2000 };

interface Draft {
  /** What the user sees and types into. */
  text: string;
  /** What the core holds (the last save that succeeded, or the notes it sent). */
  savedText: string;
  /** The revision of the last save sent (or the core's, whichever is higher). */
  revision: number;
}

export class NotesAutosave {
  private readonly drafts = new Map<string, Draft>();
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private firstUnsentAt: number | null = null;
  private lastChangeAt = 0;
  private waiters: (() => void)[] = [];
  private current: AutosaveStatus = { kind: 'idle' };
  private changes = 0;
  /** Retries left after the screen went away (unlimited while it is shown). */
  private retriesLeft = Infinity;

  constructor(
    private readonly save: SaveNotes,
    private readonly options: AutosaveOptions = AUTOSAVE_DEFAULTS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get status(): AutosaveStatus {
    return this.current;
  }

  /** Changes with every change of text or status (a snapshot for useSyncExternalStore). */
  get version(): number {
    return this.changes;
  }

  /** The core's notes and revision of an item (from minutes.get); a local draft keeps its text. */
  seed(itemId: string, notes: string, revision: number): void {
    const draft = this.drafts.get(itemId);
    if (!draft) this.drafts.set(itemId, { text: notes, savedText: notes, revision });
    else draft.revision = Math.max(draft.revision, revision);
  }

  /** The text to show for an item, or undefined when it was never seeded. */
  text(itemId: string): string | undefined {
    return this.drafts.get(itemId)?.text;
  }

  change(itemId: string, text: string): void {
    const draft = this.drafts.get(itemId) ?? { text: '', savedText: '', revision: 0 };
    draft.text = text;
    this.drafts.set(itemId, draft);
    const now = this.now();
    this.lastChangeAt = now;
    if (this.firstUnsentAt === null) this.firstUnsentAt = now;
    if (this.current.kind !== 'error') this.setStatus({ kind: 'saving' });
    else this.emit();
    this.schedule();
  }

  /** Whether some text typed has not reached the vault yet. */
  hasUnsaved(): boolean {
    for (const d of this.drafts.values()) if (d.text !== d.savedText) return true;
    return false;
  }

  /**
   * Saves now (on a change of item, before 閉会 or 確定, when the page goes away). Resolves once
   * everything typed is saved, or rejects with the error of a failed save.
   */
  flush(): Promise<void> {
    this.clearTimer();
    if (!this.hasUnsaved() && !this.inFlight) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => {
      const check = () => {
        if (this.current.kind === 'error') reject(this.current.error);
        else resolve();
      };
      this.waiters.push(check);
    });
    void this.run();
    return done;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The screen is shown (again): retry failed saves for as long as it takes. */
  activate(): void {
    this.retriesLeft = Infinity;
  }

  /**
   * The screen went away: save what is left now and retry a failed save only a few more times
   * (a locked vault would refuse forever).
   */
  retire(): void {
    this.retriesLeft = 3;
    void this.flush().catch(() => undefined);
  }

  private schedule(): void {
    this.clearTimer();
    if (this.inFlight || this.firstUnsentAt === null) return; // the save on its way schedules the next
    const now = this.now();
    const due = Math.min(this.lastChangeAt + this.options.debounceMs, this.firstUnsentAt + this.options.maxWaitMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, Math.max(0, due - now));
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private nextDirty(): [string, Draft] | null {
    for (const entry of this.drafts) if (entry[1].text !== entry[1].savedText) return entry;
    return null;
  }

  private async run(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const dirty = this.nextDirty();
    if (!dirty) {
      this.firstUnsentAt = null;
      this.settle();
      return;
    }
    const [itemId, draft] = dirty;
    const text = draft.text;
    draft.revision += 1;
    const revision = draft.revision;
    this.firstUnsentAt = null;
    if (this.current.kind !== 'error') this.setStatus({ kind: 'saving' });
    this.inFlight = (async () => {
      try {
        await this.save(itemId, text, revision);
        draft.savedText = text;
        this.inFlight = null;
        if (this.nextDirty()) {
          // More typing arrived while saving (or another item waits): keep going on the same rules.
          if (this.firstUnsentAt === null) this.firstUnsentAt = this.now();
          if (this.current.kind === 'error') this.setStatus({ kind: 'saving' });
          if (this.waiters.length > 0) void this.run();
          else this.schedule();
        } else {
          this.setStatus({ kind: 'saved', at: new Date(this.now()) });
          this.settle();
        }
      } catch (error) {
        this.inFlight = null;
        this.setStatus({ kind: 'error', error });
        this.settle();
        // Retry later with the newest text; typing in the meantime does not wait for it.
        if (this.firstUnsentAt === null) this.firstUnsentAt = this.now();
        this.clearTimer();
        if (this.retriesLeft <= 0) return;
        this.retriesLeft -= 1;
        this.timer = setTimeout(() => {
          this.timer = null;
          void this.run();
        }, this.options.retryMs);
      }
    })();
    return this.inFlight;
  }

  private settle(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private setStatus(status: AutosaveStatus): void {
    this.current = status;
    this.emit();
  }

  private emit(): void {
    this.changes += 1;
    for (const l of this.listeners) l();
  }
}

/**
 * Enter in a line that starts with 「・」 continues the list; Enter on an empty 「・」 line ends it.
 * Returns the new text and caret, or null when Enter should do what it always does.
 */
export function continueList(text: string, caret: number): { text: string; caret: number } | null {
  const lineStart = text.lastIndexOf('\n', caret - 1) + 1;
  const line = text.slice(lineStart, caret);
  const match = /^(\s*)・/.exec(line);
  if (!match) return null;
  if (line.trim() === '・') {
    // An empty item: take the bullet away instead of adding another.
    const next = text.slice(0, lineStart) + text.slice(caret);
    return { text: next, caret: lineStart };
  }
  const insert = `\n${match[1]}・`;
  return { text: text.slice(0, caret) + insert + text.slice(caret), caret: caret + insert.length };
}
