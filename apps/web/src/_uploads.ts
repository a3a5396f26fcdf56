import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import type { Upload } from './_types.js';

/** Reads every part of a multipart form: fields into req.body, files into req.uploads (the plugin enforces the size limits). */
export async function readMultipart(req: FastifyRequest): Promise<void> {
  const body: Record<string, string> = {};
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      // An empty file input still sends a part with no name and no bytes.
      if (data.length > 0 || part.filename)
        req.uploads.push({ field: part.fieldname, filename: part.filename, mimetype: part.mimetype, data });
    } else if (typeof part.value === 'string' && !(part.fieldname in body)) body[part.fieldname] = part.value;
  }
  (req as { body: unknown }).body = body;
}

/** Evidence types a unit may attach, by detected content (never by the name or the browser's claim). */
const EVIDENCE_TYPES: Record<string, { mediaType: string; extensions: string[] }> = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'] },
  png: { mediaType: 'image/png', extensions: ['png'] },
  jpg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  webp: { mediaType: 'image/webp', extensions: ['webp'] },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  pptx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
  },
  // Legacy .doc/.xls/.ppt are all OLE compound files; the extension tells which.
  cfb: { mediaType: 'application/octet-stream', extensions: ['doc', 'xls', 'ppt', 'wps', 'et'] },
};

/** What the office can see about an accepted file. */
export interface CheckedFile {
  name: string;
  mediaType: string;
  data: Buffer;
}

/** The accepted type of an evidence file, or the reason it is refused. */
export async function checkEvidence(upload: Upload): Promise<CheckedFile | { problem: string }> {
  const name = safeName(upload.filename);
  if (upload.data.length === 0) return { problem: `${name}：文件为空` };
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const detected = await fileTypeFromBuffer(upload.data);
  const kind = detected ? EVIDENCE_TYPES[detected.ext] : undefined;
  if (!detected || !kind)
    return { problem: `${name}：文件类型不允许（只接受 PDF、图片 PNG/JPG/WebP、Word/Excel/PowerPoint 文件）` };
  if (!kind.extensions.includes(ext))
    return { problem: `${name}：文件扩展名 .${ext || '（无）'} 与内容（${detected.ext}）不符` };
  return { name, mediaType: kind.mediaType, data: upload.data };
}

/** A file name fit to store and show: no directories, no control characters, at most 120 characters. */
export function safeName(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_')
    .replace(/^\.+/, '')
    .trim();
  return (clean || 'file').slice(-120);
}
