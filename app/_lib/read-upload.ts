/**
 * Reads an uploaded file from a request with a size limit: multipart/form-data (a `file` field and text
 * fields beside it) or the raw body (options in the query string). Stops reading as soon as the limit is
 * passed, whether or not the client declared a Content-Length.
 */
import { readBodyCapped } from "@/lib/io/read-capped";

/** An upload as the import routes take it. */
export interface Upload {
  bytes: Uint8Array;
  fileName?: string;
  /** the text fields of the form, or the query parameters of a raw upload */
  fields: Map<string, string>;
}

/** Why an upload was not read: too large (413) or not a well-formed upload (400), with the place. */
export type UploadProblem = { status: 413 | 400; rule: "too_large" | "multipart" | "file"; place: string; message: string };

/**
 * Used by POST /api/import/buildings: the file of a multipart form (field `file`) or the raw body, at most
 * `maxFileBytes` (a form may add `formSlackBytes` of headers and fields around it), or the problem.
 */
export async function readUpload(request: Request, maxFileBytes: number, formSlackBytes = 1024 * 1024): Promise<Upload | UploadProblem> {
  const mb = Math.round(maxFileBytes / (1024 * 1024));
  const tooLarge: UploadProblem = { status: 413, rule: "too_large", place: "file", message: `the file is larger than ${mb} MB: split it and import the parts one after another` };
  const type = request.headers.get("content-type") ?? "";
  const isForm = type.toLowerCase().startsWith("multipart/form-data");
  const body = await readBodyCapped(request, maxFileBytes + (isForm ? formSlackBytes : 0));
  if (!body) return tooLarge;
  if (!isForm) {
    const query = new URL(request.url).searchParams;
    return { bytes: body, fileName: query.get("name") ?? undefined, fields: new Map(query) };
  }
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { "content-type": type } }).formData();
  } catch {
    return { status: 400, rule: "multipart", place: "body", message: "the body is not a well-formed multipart/form-data upload" };
  }
  const file = form.get("file");
  if (!file || typeof file === "string") return { status: 400, rule: "file", place: "file", message: 'the form has no file in its "file" field' };
  if (file.size > maxFileBytes) return tooLarge;
  const fields = new Map<string, string>();
  form.forEach((value, key) => {
    if (typeof value === "string") fields.set(key, value);
  });
  return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name || undefined, fields };
}
