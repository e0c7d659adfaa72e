import type { DocumentKind, ReleaseSubjectKind } from '../../../shared/domain/documents';
import { base64ToBytes } from '../features/directory/files';

/** What a document is, for the record kept when it leaves the vault (see `useRelease`). */
export interface ReleaseOrigin {
  document: DocumentKind;
  subject: { kind: ReleaseSubjectKind; id: string } | null;
  /** Filled in for the user when the document itself names who it is for (an organization's list, a recipient's copy). */
  recipient?: string;
}

/** A PDF the core printed: previewed, saved and printed as these same bytes. */
export interface PrintedDocument {
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
  origin: ReleaseOrigin;
}

/** A PDF as the core sends it (`pdfBase64`), as the preview takes it. */
export function printedDocument(fileName: string, base64: string, origin: ReleaseOrigin): PrintedDocument {
  return { fileName, bytes: base64ToBytes(base64), origin };
}
