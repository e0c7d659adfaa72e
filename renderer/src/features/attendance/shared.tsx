import { useCallback, useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { InviteeCoverage } from '../../../../shared/contract/pledges';
import { useInvoke } from '../../api';
import { PdfPreviewDialog } from '../../components/PdfPreviewDialog';
import type { PrintedDocument } from '../../components/pdf-document';
import './attendance.css';

export const attendanceKeys = {
  attendance: (meetingId: string) => ['attendance.get', meetingId] as const,
  coverage: (meetingId: string) => ['pledge.coverageForMeeting', meetingId] as const,
};

export function useAttendance(meetingId: string) {
  const invoke = useInvoke();
  return useQuery({ queryKey: attendanceKeys.attendance(meetingId), queryFn: () => invoke('attendance.get', { meetingId }) });
}

export function useCoverage(meetingId: string) {
  const invoke = useInvoke();
  return useQuery({ queryKey: attendanceKeys.coverage(meetingId), queryFn: () => invoke('pledge.coverageForMeeting', { meetingId }) });
}

/**
 * After anything that changes (or tried to change) who is present or who is covered: the
 * check-in sheet and its gate, the coverage panel, the meeting (state, walk-ins as invitees), the
 * numbered copies handed at 開会 and to late arrivals, and the home warnings read again what the
 * core holds — also after a refusal, since someone else may have changed it meanwhile.
 */
export function useRefreshMeeting(meetingId: string) {
  const queryClient = useQueryClient();
  return useCallback(() => {
    for (const queryKey of [
      attendanceKeys.attendance(meetingId),
      attendanceKeys.coverage(meetingId),
      ['meeting.get', meetingId],
      ['meeting.copies', meetingId],
      ['meeting.list'],
      ['home.summary'],
    ]) {
      void queryClient.invalidateQueries({ queryKey });
    }
  }, [queryClient, meetingId]);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local time as HH:MM (the core's time format). */
export function nowTime(): string {
  const d = new Date();
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The current HH:MM, kept up to date (the default arrival time of a row nobody has edited). */
export function useClock(): string {
  const [time, setTime] = useState(nowTime);
  useEffect(() => {
    const timer = window.setInterval(() => setTime(nowTime()), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  return time;
}

export const isTime = (v: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v);

/** 誓約済み（根拠） or 未誓約（理由）: colour and words, never colour alone. */
export function PledgeBadge({ coverage }: { coverage: Pick<InviteeCoverage, 'covered' | 'by' | 'reason'> }) {
  const { t } = useTranslation();
  return coverage.covered ? (
    <span className="badge badge-ok at-badge">{t('attendance.badge.covered')}</span>
  ) : (
    <span className="badge at-badge at-badge-missing">{t('attendance.badge.notCovered')}</span>
  );
}

/** Why someone is covered (the pledge kind, or the exemption with its reason) or why not. */
export function coverageDetail(t: TFunction, c: Pick<InviteeCoverage, 'covered' | 'by' | 'reason' | 'exemptionReason'>): string {
  if (c.covered) {
    const by = c.by ? t(`attendance.by.${c.by}`) : '';
    return c.by === 'exemption' && c.exemptionReason ? t('attendance.coverage.withReason', { by, reason: c.exemptionReason }) : by;
  }
  return c.reason ? t(`attendance.reasons.${c.reason}`) : '';
}

export interface PdfDocument extends PrintedDocument {
  /** The document's name in the preview's heading. */
  title: string;
}

/** The meetings feature's preview (the same bytes are shown, saved and printed). */
export function PdfDialog({ document, onClose }: { document: PdfDocument; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <PdfPreviewDialog
      title={t('attendance.documents.previewHeading', { document: document.title })}
      loadingText={t('attendance.documents.loadingPreview')}
      document={document}
      onClose={onClose}
    />
  );
}
