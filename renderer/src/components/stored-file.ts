import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { DocumentKind } from '../../../shared/domain/documents';
import { useInvoke } from '../api';
import { base64ToBytes } from '../features/directory/files';
import type { PrintedDocument } from './pdf-document';

/**
 * A file stored in the vault (a scanned form, a 資料) for a viewer: fetched anew each time the
 * viewer opens (the core audits every view) and never kept in the query cache. Gives its bytes,
 * a blob: URL for an image (revoked when the viewer closes) and, for a PDF, the document for the
 * shared preview — saved under the name the core generates, never the uploaded one.
 */
export function useStoredFile(attachmentId: string, document: DocumentKind) {
  const invoke = useInvoke();
  const [openedAt] = useState(() => Date.now());
  const file = useQuery({
    queryKey: ['attachment.get', attachmentId, openedAt],
    queryFn: () => invoke('attachment.get', { id: attachmentId }),
    gcTime: 0,
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const bytes = useMemo(() => (file.data ? base64ToBytes(file.data.dataBase64) : null), [file.data]);
  const mediaType = file.data?.mediaType;
  const exportFileName = file.data?.exportFileName ?? '';
  const pdf = useMemo<PrintedDocument | null>(
    () => (bytes && mediaType === 'application/pdf' ? { fileName: exportFileName, bytes, origin: { document, subject: { kind: 'attachment', id: attachmentId } } } : null),
    [bytes, mediaType, exportFileName, document, attachmentId],
  );
  const [imageUrl, setImageUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!bytes || !mediaType?.startsWith('image/')) return;
    const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
    setImageUrl(url);
    return () => {
      URL.revokeObjectURL(url);
      setImageUrl(null);
    };
  }, [bytes, mediaType]);
  return { file, bytes, pdf, imageUrl };
}
