import { useEffect, useSyncExternalStore } from 'react';

/**
 * Small hand-offs between screens that do not share a parent holding state: the home warning
 * opening the settings at the バックアップ section, and the restore screen telling the unlock
 * screen (which replaces it as soon as app.status says a vault exists) what was restored.
 */

let focusBackupSection = false;

/** The next settings page scrolls to and focuses the バックアップ section. */
export function requestBackupFocus(): void {
  focusBackupSection = true;
}

export function takeBackupFocus(): boolean {
  const requested = focusBackupSection;
  focusBackupSection = false;
  return requested;
}

export interface RestoreNotice {
  createdAt: string;
  keptAside: string | null;
  /** Opened with the recovery key: the unlock screen's recovery key → new passphrase is the way in. */
  withRecoveryKey?: boolean;
}

let notice: RestoreNotice | null = null;
let mounted = 0;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function setRestoreNotice(next: RestoreNotice | null): void {
  notice = next;
  emit();
}

/**
 * The notice of the last restore, until dismissed or until no screen shows it any more (the
 * vault was unlocked). The check waits a tick, so a remount (React's strict mode) keeps it.
 */
export function useRestoreNotice(): RestoreNotice | null {
  useEffect(() => {
    mounted++;
    return () => {
      mounted--;
      window.setTimeout(() => {
        if (mounted === 0 && notice) setRestoreNotice(null);
      }, 0);
    };
  }, []);
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => notice,
  );
}
