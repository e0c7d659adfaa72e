import { base64ToBytes } from '../features/directory/files';

/** A PDF the core printed: previewed, saved and printed as these same bytes. */
export interface PrintedDocument {
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** A PDF as the core sends it (`pdfBase64`), as the preview takes it. */
export function printedDocument(fileName: string, base64: string): PrintedDocument {
  return { fileName, bytes: base64ToBytes(base64) };
}
