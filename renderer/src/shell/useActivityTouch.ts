import { useEffect } from 'react';
import { useInvoke } from '../api';

export const TOUCH_INTERVAL_MS = 30_000;

/**
 * While the vault is unlocked, tells the core (at most every 30 s) that someone is working, so
 * its idle lock does not fire under the user's hands. Status polling never counts as activity.
 */
export function useActivityTouch(): void {
  const invoke = useInvoke();
  useEffect(() => {
    let last = Date.now(); // unlocking was activity
    const onActivity = () => {
      const now = Date.now();
      if (now - last < TOUCH_INTERVAL_MS) return;
      last = now;
      invoke('session.touch', {}).catch(() => {
        // a locked vault shows up with the next status poll
      });
    };
    const events = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'input'] as const;
    for (const name of events) window.addEventListener(name, onActivity, { passive: true, capture: true });
    return () => {
      for (const name of events) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [invoke]);
}
