import { PDFDocument } from 'pdf-lib';
import type { Printer } from './printer';

/**
 * Prints each document and joins them into one file (each copy keeps its own page numbers, and a
 * per-copy watermark needs a document of its own); returns the page count of the whole.
 */
export async function printCopies(printer: Printer, htmls: string[]): Promise<{ pdf: Buffer; pages: number }> {
  if (htmls.length === 1) {
    const pdf = await printer.print(htmls[0]!);
    return { pdf, pages: (await PDFDocument.load(pdf)).getPageCount() };
  }
  const joined = await PDFDocument.create();
  for (const html of htmls) {
    const copy = await PDFDocument.load(await printer.print(html));
    for (const page of await joined.copyPages(copy, copy.getPageIndices())) joined.addPage(page);
  }
  return { pdf: Buffer.from(await joined.save()), pages: joined.getPageCount() };
}
