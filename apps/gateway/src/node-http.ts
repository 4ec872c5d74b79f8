import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request body past the gateway's limit. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** A request read whole: Node's request and its body. */
export interface NodeRequestParts {
  req: IncomingMessage;
  method: string;
  /** Undefined for GET and HEAD. */
  body: Buffer | undefined;
}

/** Node's parsed headers (a repeated header already joined, as Node joins it) as pairs. */
function headerPairs(req: IncomingMessage): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (typeof value === 'string') pairs.push([name, value]);
    else for (const v of value) pairs.push([name, v]);
  }
  return pairs;
}

/**
 * The body read whole, up to `maxBodyBytes`, through the stream's events: an async
 * iterator over the request costs several promises per chunk, for a body that is nearly
 * always one chunk. Past the limit the request is destroyed at once, so a huge body is
 * refused before it is buffered; a client that leaves before the end fails the read.
 */
function readBody(req: IncomingMessage, maxBodyBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        done();
        req.destroy();
        reject(new BodyTooLargeError(maxBodyBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onClose = () => {
      done();
      reject(new Error('the client closed the connection before sending the whole body'));
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
    req.once('close', onClose);
  });
}

/**
 * Node's request read whole, up to `maxBodyBytes` (MCP messages are JSON documents, not
 * streams); the read stops as soon as it passes the limit, so a huge body is refused
 * before it is buffered.
 */
export async function readNodeRequest(req: IncomingMessage, maxBodyBytes: number): Promise<NodeRequestParts> {
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return { req, method, body: undefined };
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBodyBytes) throw new BodyTooLargeError(maxBodyBytes);
  return { req, method, body: await readBody(req, maxBodyBytes) };
}

/**
 * The web `Request` of a request read whole, built only when the SDK needs one (the fast
 * path never does). The Host header is checked by the guard; the URL only needs a
 * well-formed base. Headers go as name and value pairs: one conversion, in the constructor.
 */
function buildRequest(parts: NodeRequestParts, body: Buffer | undefined, signal: AbortSignal): Request {
  const url = new URL(parts.req.url ?? '/', 'http://gateway.invalid');
  return new Request(url, {
    method: parts.method,
    headers: headerPairs(parts.req),
    signal,
    ...(body ? { body } : {}),
  });
}

/**
 * A web `Request` from Node's request, its body read whole within `maxBodyBytes`.
 * `signal` ends when the client goes away.
 */
export async function toWebRequest(
  req: IncomingMessage,
  maxBodyBytes: number,
  signal: AbortSignal,
): Promise<Request> {
  const parts = await readNodeRequest(req, maxBodyBytes);
  return buildRequest(parts, parts.body, signal);
}

/** The body parsed as JSON: undefined when there is none or it is not JSON. */
export function parseJsonBody(body: Buffer | undefined): unknown {
  if (body === undefined || body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * A web `Request` from a request already read, for the MCP SDK. With `json` (the body
 * parsed, passed to the SDK as `parsedBody`) the body's bytes are left out of the request
 * (no body stream to build), so only a consumer that takes `parsedBody` may get it; a body
 * that is not JSON stays in the request, unparsed, for the SDK to refuse.
 */
export function webRequestOf(parts: NodeRequestParts, json: unknown, signal: AbortSignal): Request {
  return buildRequest(parts, json === undefined ? parts.body : undefined, signal);
}

/**
 * Writes a web `Response` to Node's response, streaming its body (SSE) until either side
 * ends. `headersWritten`: the headers already went out (an event stream opened early);
 * only the body follows.
 */
export async function sendWebResponse(
  res: ServerResponse,
  response: Response,
  options: { headersWritten?: boolean } = {},
): Promise<void> {
  const writeHead = () => {
    if (options.headersWritten) return;
    const headers: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) headers['set-cookie'] = cookies;
    res.writeHead(response.status, headers);
  };
  if (!response.body) {
    writeHead();
    res.end();
    return;
  }
  // A JSON answer is complete: one write with its length, not chunks (fewer syscalls).
  if (!options.headersWritten && !response.headers.get('content-type')?.startsWith('text/event-stream')) {
    const body = Buffer.from(await response.arrayBuffer());
    res.setHeader('content-length', String(body.length));
    writeHead();
    res.end(body);
    return;
  }
  writeHead();
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => {});
  res.once('close', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // SSE frames must reach the client as they come, not when a buffer fills.
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          res.once('drain', resolve);
          res.once('close', resolve);
        });
      }
      if (res.destroyed) break;
    }
  } catch {
    // The client went away or the stream was cancelled: nothing left to send.
  } finally {
    res.off('close', stop);
    res.end();
  }
}
