/**
 * Reading an HTTP body with a size cap (uploads, proxied imagery tiles): stops and cancels the stream as soon as
 * more than `max` bytes have arrived, so a huge or lying body never fills the memory.
 */

/**
 * Used by the upload reader (`app/_lib/read-upload.ts`) and the imagery proxy (`db/imagery/remote.ts`): the body
 * of a Request or Response as bytes, or null when its declared length or the bytes received exceed `max`.
 */
export async function readBodyCapped(message: Request | Response, max: number): Promise<Uint8Array | null> {
  if (Number(message.headers.get("content-length") ?? 0) > max) return null;
  if (!message.body) return new Uint8Array();
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}
