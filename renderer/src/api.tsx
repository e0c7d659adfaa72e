import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AppStatus, Invoke } from '../../shared/contract';
import { TransportError } from './transport';

const InvokeContext = createContext<Invoke | null>(null);

export function InvokeProvider({ invoke, children }: { invoke: Invoke; children: ReactNode }) {
  return <InvokeContext.Provider value={invoke}>{children}</InvokeContext.Provider>;
}

export function useInvoke(): Invoke {
  const invoke = useContext(InvokeContext);
  if (!invoke) throw new Error('useInvoke outside InvokeProvider');
  return invoke;
}

export const STATUS_POLL_MS = 5000;

/** Dispatched on window when a call failed because the vault is locked: re-read the status now. */
export const MAYBE_LOCKED_EVENT = 'kasane:maybe-locked';

interface StatusValue {
  status: AppStatus | null;
  /** The last transport failure of the status poll (cleared by the next success). */
  transportError: TransportError | null;
  /** Fetches the status now (after every mutation). */
  refresh: () => Promise<void>;
  /** Forgets every cached query and mutation: nothing from the vault stays in memory. */
  forgetData: () => void;
}

const StatusContext = createContext<StatusValue | null>(null);

/**
 * Polls `app.status` (which does not count as activity, so it never keeps a vault open) and
 * clears every cached query as soon as the vault is no longer unlocked — whether the user
 * locked it or the core's idle timer did.
 */
export function StatusProvider({ children }: { children: ReactNode }) {
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [transportError, setTransportError] = useState<TransportError | null>(null);
  const seq = useRef(0);
  const applied = useRef(0);
  const previous = useRef<{ state: AppStatus['state']; kind: AppStatus['vaultKind'] } | null>(null);

  const forgetData = useCallback(() => {
    queryClient.cancelQueries().catch(() => undefined);
    queryClient.clear();
  }, [queryClient]);

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const next = await invoke('app.status', {});
      if (mine < applied.current) return; // an older poll answered after a newer one
      applied.current = mine;
      const prev = previous.current;
      if (prev && prev.state === 'unlocked' && (next.state !== 'unlocked' || next.vaultKind !== prev.kind)) {
        forgetData();
      }
      previous.current = { state: next.state, kind: next.vaultKind };
      setStatus(next);
      setTransportError(null);
    } catch (error) {
      if (mine < applied.current) return;
      applied.current = mine;
      if (error instanceof TransportError) setTransportError(error);
    }
  }, [invoke, forgetData]);

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), STATUS_POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    const onMaybeLocked = () => void refresh();
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener(MAYBE_LOCKED_EVENT, onMaybeLocked);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener(MAYBE_LOCKED_EVENT, onMaybeLocked);
    };
  }, [refresh]);

  const value = useMemo(() => ({ status, transportError, refresh, forgetData }), [status, transportError, refresh, forgetData]);
  return <StatusContext.Provider value={value}>{children}</StatusContext.Provider>;
}

export function useAppStatus(): StatusValue {
  const value = useContext(StatusContext);
  if (!value) throw new Error('useAppStatus outside StatusProvider');
  return value;
}
