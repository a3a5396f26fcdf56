// Minimal types for the parts of unzipper duban uses (the package ships none).
declare module 'unzipper' {
  import type { Readable, Writable } from 'node:stream';
  /** One entry of a zip being streamed. */
  export interface Entry extends Readable {
    path: string;
    type: 'File' | 'Directory';
    vars: { uncompressedSize: number; compressedSize: number };
    autodrain(): { promise(): Promise<void> };
  }
  /** An entry as listed in the central directory. */
  export interface CentralDirectoryFile {
    path: string;
    type: 'File' | 'Directory';
    compressedSize: number;
    uncompressedSize: number;
    /** Inflates the entry, from its local header on. */
    stream(): NodeJS.ReadableStream;
  }
  export const Open: { buffer(data: Buffer): Promise<{ files: CentralDirectoryFile[] }> };
  export function Parse(options?: { forceStream?: boolean }): Writable & NodeJS.EventEmitter;
}
