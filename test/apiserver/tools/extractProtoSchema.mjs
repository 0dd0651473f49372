// Regenerates test/apiserver/protoSchema.json: the protobuf field numbers and types of the
// Kubernetes API types the test API server decodes (kubectl sends some request bodies as
// `application/vnd.kubernetes.protobuf`). The facts come from the FileDescriptorProtos that
// every kubectl binary registers (gzipped, as gogo-protobuf embeds them).
// Usage: node test/apiserver/tools/extractProtoSchema.mjs [/path/to/kubectl] > test/apiserver/protoSchema.json
import { readFileSync, realpathSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';

const WANTED = [
  'k8s.io/api/core/v1/generated.proto',
  'k8s.io/api/batch/v1/generated.proto',
  'k8s.io/api/authorization/v1/generated.proto',
  'k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto',
  'k8s.io/apimachinery/pkg/api/resource/generated.proto',
  'k8s.io/apimachinery/pkg/runtime/generated.proto',
  'k8s.io/apimachinery/pkg/util/intstr/generated.proto',
];

const bin = process.argv[2] ?? realpathSync(execFileSync('sh', ['-c', 'command -v kubectl']).toString().trim());
const data = readFileSync(bin);

/** Minimal protobuf wire reader: returns [fieldNumber, wireType, value] triples. */
function fields(buf) {
  const out = [];
  let i = 0;
  const varint = () => {
    let r = 0n;
    let shift = 0n;
    for (;;) {
      const b = buf[i++];
      r |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return r;
      shift += 7n;
    }
  };
  while (i < buf.length) {
    const key = Number(varint());
    const no = key >>> 3;
    const wt = key & 7;
    if (wt === 0) out.push([no, wt, varint()]);
    else if (wt === 2) {
      const len = Number(varint());
      out.push([no, wt, buf.subarray(i, i + len)]);
      i += len;
    } else if (wt === 1) {
      out.push([no, wt, buf.subarray(i, i + 8)]);
      i += 8;
    } else if (wt === 5) {
      out.push([no, wt, buf.subarray(i, i + 4)]);
      i += 4;
    } else throw new Error(`wire type ${wt}`);
  }
  return out;
}
const str = (b) => Buffer.from(b).toString('utf8');

const TYPES = {
  1: 'double',
  2: 'float',
  3: 'int64',
  4: 'uint64',
  5: 'int32',
  8: 'bool',
  9: 'string',
  11: 'message',
  12: 'bytes',
  13: 'uint32',
  17: 'sint32',
  18: 'sint64',
};
const schema = {};
function addMessage(prefix, desc) {
  let name = '';
  const msgFields = {};
  let mapEntry = false;
  const nested = [];
  for (const [no, , v] of fields(desc)) {
    if (no === 1) name = str(v);
    else if (no === 2) {
      const f = {};
      for (const [fno, , fv] of fields(v)) {
        if (fno === 1) f.name = str(fv);
        else if (fno === 3) f.number = Number(fv);
        else if (fno === 4) f.repeated = Number(fv) === 3;
        else if (fno === 5) f.type = TYPES[Number(fv)] ?? `t${fv}`;
        else if (fno === 6) f.typeName = str(fv).replace(/^\./, '');
      }
      msgFields[f.number] = f.typeName ? [f.name, f.type, f.repeated ? 1 : 0, f.typeName] : [f.name, f.type, f.repeated ? 1 : 0];
    } else if (no === 3) nested.push(v);
    else if (no === 7) mapEntry = fields(v).some(([ono, , ov]) => ono === 7 && ov === 1n);
  }
  const full = `${prefix}.${name}`;
  schema[full] = mapEntry ? { map: true, fields: msgFields } : { fields: msgFields };
  for (const n of nested) addMessage(full, n);
}

const seen = new Set();
for (let i = data.indexOf(Buffer.from([0x1f, 0x8b, 0x08])); i >= 0; i = data.indexOf(Buffer.from([0x1f, 0x8b, 0x08]), i + 1)) {
  let fd;
  try {
    fd = gunzipSync(data.subarray(i, i + 400000), { finishFlush: 2 });
  } catch {
    continue;
  }
  let file = '';
  let pkg = '';
  let parsed;
  try {
    parsed = fields(fd);
  } catch {
    continue;
  }
  for (const [no, wt, v] of parsed) {
    if (no === 1 && wt === 2) file = str(v);
    if (no === 2 && wt === 2) pkg = str(v);
  }
  if (!WANTED.includes(file) || seen.has(file)) continue;
  seen.add(file);
  for (const [no, , v] of parsed) if (no === 4) addMessage(pkg, v);
}
const missing = WANTED.filter((w) => !seen.has(w));
if (missing.length > 0) {
  console.error(`not found in ${bin}: ${missing.join(', ')}`);
  process.exit(1);
}
const sorted = Object.fromEntries(
  Object.keys(schema)
    .sort()
    .map((k) => [k, schema[k]]),
);
process.stdout.write(
  `${JSON.stringify({
    source:
      'kubectl ' +
      execFileSync(bin, ['version', '--client', '-o', 'json'])
        .toString()
        .match(/"gitVersion":\s*"([^"]+)"/)?.[1],
    messages: sorted,
  })}\n`,
);
