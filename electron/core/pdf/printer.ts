/**
 * The print port: documents are HTML strings, printers turn them into PDF bytes. Documents never
 * know who prints them: Chromium through playwright-core under Node (tests, CLI, browser host),
 * or Electron's webContents.printToPDF in the desktop app. HTML goes in from memory and the PDF
 * comes back as a buffer: nothing with personal data touches the disk on the way.
 */
export interface Printer {
  print(html: string): Promise<Buffer>;
  close(): Promise<void>;
}
