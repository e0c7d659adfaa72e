import { useEffect, useState, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Minutes } from '../../../../shared/contract/minutes';
import { useInvoke } from '../../api';
import { NotesAutosave } from './notes-autosave';
import { minutesKeys } from './shared';

/**
 * One autosave per minutes screen: seeded from minutes.get, saving through minutes.saveNotes,
 * flushed when the page goes away. The cached minutes follow each save, so the screen opened
 * again starts from the text and revision the vault holds.
 */
export function useNotesAutosave(meetingId: string, minutes: Minutes | undefined): NotesAutosave {
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const [autosave] = useState(
    () =>
      new NotesAutosave(async (itemId, notes, revision) => {
        const saved = await invoke('minutes.saveNotes', { itemId, notes, revision });
        queryClient.setQueryData<Minutes>(minutesKeys.minutes(meetingId), (old) =>
          old
            ? {
                ...old,
                items: old.items.map((i) => (i.itemId === itemId ? { ...i, notes, notesRevision: Math.max(i.notesRevision, saved.revision) } : i)),
              }
            : old,
        );
        return saved;
      }),
  );

  useEffect(() => {
    for (const item of minutes?.items ?? []) autosave.seed(item.itemId, item.notes, item.notesRevision);
  }, [autosave, minutes]);

  useEffect(() => {
    const onHide = () => {
      if (autosave.hasUnsaved()) void autosave.flush().catch(() => undefined);
    };
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!autosave.hasUnsaved()) return;
      void autosave.flush().catch(() => undefined);
      // Only a save that already failed is worth a question; otherwise it is on its way.
      if (autosave.status.kind === 'error') e.preventDefault();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [autosave]);

  useEffect(() => {
    autosave.activate();
    return () => autosave.retire();
  }, [autosave]);

  useSyncExternalStore(
    (listener) => autosave.subscribe(listener),
    () => autosave.version,
  );
  return autosave;
}
