/**
 * Decoding of `application/vnd.kubernetes.protobuf` request bodies: client-go's typed clients
 * (which `kubectl create job`, `kubectl auth can-i` and others use) send protobuf, and a real
 * API server accepts it. The envelope is the 4-byte magic `k8s\0` then a `runtime.Unknown`
 * (k8s.io/apimachinery/pkg/runtime/types_proto.go); the field numbers come from
 * protoSchema.json, extracted from kubectl's own descriptors by tools/extractProtoSchema.mjs.
 * Well-known k8s wrapper types (Time, Quantity, IntOrString, RawExtension...) are turned into
 * their JSON forms. Empty strings are dropped, since JSON `omitempty` drops them too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { badRequest } from './status';

type FieldDef = [name: string, type: string, repeated: number, typeName?: string];
interface MessageDef {
  map?: boolean;
  fields: Record<string, FieldDef>;
}
/** The schema is read from the source tree (compiled code lives in out/test/apiserver). */
const SCHEMA_PATH = path.resolve(__dirname, '../../..', 'test/apiserver/protoSchema.json');
let messages: Record<string, MessageDef> | undefined;
function schema(): Record<string, MessageDef> {
  messages ??= (JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as { messages: Record<string, MessageDef> }).messages;
  return messages;
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** Reader walks protobuf wire-format bytes. */
class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let r = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) {
        throw new Error('truncated varint');
      }
      const b = this.buf[this.pos++] ?? 0;
      r |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) {
        return r;
      }
      shift += 7n;
    }
  }
  bytes(): Buffer {
    const len = Number(this.varint());
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wireType: number): void {
    if (wireType === 0) {
      this.varint();
    } else if (wireType === 1) {
      this.pos += 8;
    } else if (wireType === 2) {
      this.bytes();
    } else if (wireType === 5) {
      this.pos += 4;
    } else {
      throw new Error(`unsupported wire type ${wireType}`);
    }
  }
}

function toSigned64(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}

function formatSeconds(seconds: number, nanos: number): string | null {
  if (seconds === 0 && nanos === 0) {
    return null;
  }
  const iso = new Date(seconds * 1000).toISOString().replace('.000Z', '');
  return nanos ? `${iso}.${String(nanos).padStart(9, '0').slice(0, 6)}Z` : `${iso}Z`;
}

/** Wrapper messages whose JSON form is not an object. */
const SPECIAL: Record<string, (m: Record<string, unknown>) => unknown> = {
  'k8s.io.apimachinery.pkg.apis.meta.v1.Time': (m) => formatSeconds(Number(m.seconds ?? 0), Number(m.nanos ?? 0)),
  'k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime': (m) => formatSeconds(Number(m.seconds ?? 0), Number(m.nanos ?? 0)),
  'k8s.io.apimachinery.pkg.apis.meta.v1.Duration': (m) => `${Number(m.duration ?? 0) / 1e9}s`,
  'k8s.io.apimachinery.pkg.api.resource.Quantity': (m) => m.string ?? '0',
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': (m) =>
    Number(m.type ?? 0) === 1 ? (m.strVal ?? '') : Number(m.intVal ?? 0),
  'k8s.io.apimachinery.pkg.runtime.RawExtension': (m) =>
    m.raw ? JSON.parse(Buffer.from(m.raw as string, 'base64').toString('utf8')) : null,
  'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1': (m) =>
    m.Raw ? JSON.parse(Buffer.from(m.Raw as string, 'base64').toString('utf8')) : {},
};

/**
 * Non-pointer fields that gogo-protobuf always writes but JSON omits when zero (`omitempty`);
 * pointer fields (suspend, backoffLimit...) keep their zero values, as in JSON.
 */
const OMIT_ZERO = new Set([
  'k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta.generation',
  'k8s.io.api.core.v1.Container.stdin',
  'k8s.io.api.core.v1.Container.stdinOnce',
  'k8s.io.api.core.v1.Container.tty',
  'k8s.io.api.core.v1.PodSpec.hostNetwork',
  'k8s.io.api.core.v1.PodSpec.hostPID',
  'k8s.io.api.core.v1.PodSpec.hostIPC',
  'k8s.io.api.core.v1.VolumeMount.readOnly',
]);

function decodeMessage(buf: Buffer, typeName: string): unknown {
  const def = schema()[typeName];
  if (!def) {
    throw new Error(`no protobuf schema for ${typeName}`);
  }
  const r = new Reader(buf);
  const out: Record<string, unknown> = {};
  while (!r.done()) {
    const key = Number(r.varint());
    const no = key >>> 3;
    const wt = key & 7;
    const f = def.fields[String(no)];
    if (!f) {
      r.skip(wt);
      continue;
    }
    const [name, type, repeated, sub] = f;
    let value: unknown;
    switch (type) {
      case 'string':
        value = r.bytes().toString('utf8');
        break;
      case 'bytes':
        value = r.bytes().toString('base64');
        break;
      case 'bool':
        value = r.varint() !== 0n;
        break;
      case 'int32':
      case 'int64':
      case 'uint32':
      case 'uint64':
        value = toSigned64(r.varint());
        break;
      case 'double': {
        value = r.buf.readDoubleLE(r.pos);
        r.pos += 8;
        break;
      }
      case 'message': {
        const inner = r.bytes();
        const subDef = schema()[sub ?? ''];
        if (subDef?.map) {
          const entry = decodeMessage(inner, sub ?? '') as { key?: string; value?: unknown };
          const map = (out[name] ??= {}) as Record<string, unknown>;
          map[entry.key ?? ''] = entry.value ?? '';
          continue;
        }
        value = decodeMessage(inner, sub ?? '');
        break;
      }
      default:
        r.skip(wt);
        continue;
    }
    if (repeated) {
      ((out[name] ??= []) as unknown[]).push(value);
    } else if (
      !(type === 'string' && value === '') &&
      !((value === 0 || value === false) && OMIT_ZERO.has(`${typeName}.${name}`))
    ) {
      out[name] = value;
    }
  }
  const special = SPECIAL[typeName];
  return special ? special(out) : out;
}

/** Protobuf message type of each apiVersion/kind the server decodes. */
const KIND_TYPES: Record<string, string> = {
  'batch/v1/Job': 'k8s.io.api.batch.v1.Job',
  'batch/v1/CronJob': 'k8s.io.api.batch.v1.CronJob',
  'v1/Pod': 'k8s.io.api.core.v1.Pod',
  'v1/Event': 'k8s.io.api.core.v1.Event',
  'v1/Namespace': 'k8s.io.api.core.v1.Namespace',
  'authorization.k8s.io/v1/SelfSubjectAccessReview': 'k8s.io.api.authorization.v1.SelfSubjectAccessReview',
  'v1/DeleteOptions': 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  'meta.k8s.io/v1/DeleteOptions': 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions',
};

/** isProtobuf tells whether a Content-Type is the Kubernetes protobuf media type. */
export function isProtobuf(contentType: string): boolean {
  return /application\/vnd\.kubernetes\.protobuf/.test(contentType);
}

/** decodeKubernetesProtobuf turns a protobuf request body into the JSON object it encodes. */
export function decodeKubernetesProtobuf(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) {
    throw badRequest('the object provided is unrecognized (protobuf body without the k8s magic prefix)');
  }
  try {
    const unknown = decodeMessage(body.subarray(4), 'k8s.io.apimachinery.pkg.runtime.Unknown') as {
      typeMeta?: { apiVersion?: string; kind?: string };
      raw?: string;
    };
    const apiVersion = unknown.typeMeta?.apiVersion ?? '';
    const kind = unknown.typeMeta?.kind ?? '';
    const type = KIND_TYPES[`${apiVersion}/${kind}`];
    if (!type) {
      throw badRequest(`no kind "${kind}" is registered for version "${apiVersion}" in this test server's protobuf decoder`);
    }
    const obj = decodeMessage(Buffer.from(unknown.raw ?? '', 'base64'), type) as Record<string, unknown>;
    return { apiVersion, kind, ...obj };
  } catch (e) {
    if (e instanceof Error && e.name === 'Error' && !('status' in e)) {
      throw badRequest(`the object provided is unrecognized (${e.message})`);
    }
    throw e;
  }
}
