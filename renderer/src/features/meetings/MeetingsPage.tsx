import { useCallback, useState } from 'react';
import { MeetingList, type MeetingFilters } from './MeetingList';
import { MeetingDetail } from './MeetingDetail';
import './meetings.css';

type View = { kind: 'list' } | { kind: 'detail'; id: string };

/**
 * 会議: the list of meetings and one meeting's page with its 次第. The list's filters live here
 * so they survive a visit to a meeting.
 */
export function MeetingsPage({ initialMeetingId }: { initialMeetingId?: string | null }) {
  const [view, setView] = useState<View>(initialMeetingId ? { kind: 'detail', id: initialMeetingId } : { kind: 'list' });
  const [filters, setFilters] = useState<MeetingFilters | null>(null);
  const open = useCallback((id: string) => setView({ kind: 'detail', id }), []);
  if (view.kind === 'detail') {
    return <MeetingDetail key={view.id} id={view.id} onBack={() => setView({ kind: 'list' })} onOpenMeeting={open} />;
  }
  return <MeetingList filters={filters} onFiltersChange={setFilters} onOpen={open} />;
}
