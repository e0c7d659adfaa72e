import { useEffect, useState } from 'react';

/** Seconds left until `until` (a Date.now() timestamp), re-rendered live while it runs. */
export function useCountdown(until: number): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (until <= Date.now()) return;
    const timer = window.setInterval(() => {
      setTick((n) => n + 1);
      if (Date.now() >= until) window.clearInterval(timer);
    }, 200);
    return () => window.clearInterval(timer);
  }, [until]);
  return Math.max(0, Math.ceil((until - Date.now()) / 1000));
}
