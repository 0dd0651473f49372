/**
 * The wire side of the test API server: reading request bodies (JSON, YAML, Kubernetes
 * protobuf), writing JSON answers, the media types clients ask for (Table,
 * PartialObjectMetadata), dryRun.
 */
import type * as http from 'node:http';
import * as YAML from 'yaml';
import { decodeKubernetesProtobuf, isProtobuf } from './proto';
import { badRequest } from './status';
import type { KObject } from './store';
import type { IncludeObject } from './table';

export const TABLE_ACCEPT = /as=Table/;
export const METADATA_ACCEPT = /as=PartialObjectMetadata/;

export function sendJson(res: http.ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
    ...headers,
  });
  res.end(text);
}

export function sendText(res: http.ServerResponse, code: number, text: string): void {
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

const itemJsonCache = new WeakMap<KObject, string>();

/** itemJson serialises a stored object as a list item (no apiVersion/kind, as real lists send them). */
export function itemJson(o: KObject): string {
  let text = itemJsonCache.get(o);
  if (text === undefined) {
    text = JSON.stringify(stripTypeMeta(o));
    itemJsonCache.set(o, text);
  }
  return text;
}

/** partialObjectMetadata is what `Accept: ...;as=PartialObjectMetadata` clients receive. */
export function partialObjectMetadata(o: KObject): KObject {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function parseBody(raw: Buffer, contentType: string): unknown {
  if (isProtobuf(contentType) && raw.length > 0) {
    return decodeKubernetesProtobuf(raw);
  }
  const text = raw.toString('utf8');
  if (text.trim() === '') {
    return undefined;
  }
  try {
    return /yaml/.test(contentType) ? YAML.parse(text) : JSON.parse(text);
  } catch (e) {
    throw badRequest(`the object provided is unrecognized (${e instanceof Error ? e.message : String(e)})`);
  }
}

export function stripTypeMeta(o: KObject): KObject {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  return rest;
}

export function isDryRun(q: URLSearchParams, body?: KObject): boolean {
  const values = [...q.getAll('dryRun'), ...((body?.dryRun as string[] | undefined) ?? [])];
  for (const v of values) {
    if (v !== 'All') {
      throw badRequest(`Invalid dryRun value "${v}": supported values: "All"`);
    }
  }
  return values.length > 0;
}

/** includeObjectOf reads `includeObject` of a Table request (default Metadata). */
export function includeObjectOf(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}
